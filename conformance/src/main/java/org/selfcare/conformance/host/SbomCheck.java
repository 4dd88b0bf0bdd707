package org.selfcare.conformance.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.selfcare.conformance.model.Findings;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks that the software bill of materials is a CycloneDX JSON document that lists components, so the
 * deployment's dependencies can be checked against advisories.
 */
final class SbomCheck {

    private final HostContext context;

    private final Findings findings;

    SbomCheck(HostContext context, Findings findings) {
        this.context = context;
        this.findings = findings;
    }

    void run() {
        Optional<Path> file = context.facts().sbom().or(() -> context.document().sbom().map(Path::of));
        if (file.isEmpty()) {
            findings.fail("no software bill of materials: the document declares no sbom and --sbom was not given");
            return;
        }
        if (!Files.isRegularFile(file.get())) {
            findings.fail("the software bill of materials " + file.get() + " does not exist");
            return;
        }
        JsonNode bom;
        try {
            bom = JsonMapper.builder().build().readTree(Files.readString(file.get()));
        }
        catch (IOException | JacksonException ex) {
            findings.fail("the software bill of materials " + file.get() + " is not valid JSON");
            return;
        }
        if (!"CycloneDX".equals(bom.path("bomFormat").asString(""))) {
            findings.fail("the software bill of materials " + file.get() + " is not CycloneDX (bomFormat is '"
                    + bom.path("bomFormat").asString("") + "')");
            return;
        }
        int components = bom.path("components").size();
        context.evidence().note("SBOM " + file.get() + ": CycloneDX " + bom.path("specVersion").asString("?")
                + ", " + components + " components");
        if (components == 0) {
            findings.fail("the software bill of materials " + file.get() + " lists no components");
        }
        else {
            findings.pass("the software bill of materials " + file.get() + " is CycloneDX "
                    + bom.path("specVersion").asString("?") + " and lists " + components + " components");
        }
    }
}
