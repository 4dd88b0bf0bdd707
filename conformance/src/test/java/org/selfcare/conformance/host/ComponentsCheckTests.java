package org.selfcare.conformance.host;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.Verdict;

import static org.assertj.core.api.Assertions.assertThat;

class ComponentsCheckTests {

    @TempDir
    Path root;

    @Test
    void soundHostAsksForReview() {
        CaseResult result = TestHost.portal(root).run(new ComponentsCheck());

        assertThat(result.verdict()).as(result.findings().toString()).isEqualTo(Verdict.REVIEW);
        assertThat(result.reason()).startsWith("read the patching section (").endsWith("security-configuration.yaml "
                + "line 86) and confirm each routine is followed");
        assertThat(result.findings()).anyMatch((line) -> line.endsWith("is CycloneDX 1.6 and lists 2 components"));
    }

    @Test
    void missingSbomFails() {
        TestHost host = TestHost.portal(root);
        host.sbom = root.resolve("missing.json");

        CaseResult result = host.run(new ComponentsCheck());

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).isEqualTo("the software bill of materials " + root.resolve("missing.json")
                + " does not exist");
    }

    @Test
    void otherSbomFormatFails() {
        TestHost host = TestHost.portal(root);
        host.file("bom.json", "{\"spdxVersion\": \"SPDX-2.3\", \"packages\": []}");

        CaseResult result = host.run(new ComponentsCheck());

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).endsWith("is not CycloneDX (bomFormat is '')");
    }

    @Test
    void stoppedAntivirusFails() {
        TestHost host = TestHost.portal(root);
        host.units.remove("clamav-daemon.service");

        CaseResult result = host.run(new ComponentsCheck());

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).isEqualTo("the anti-virus daemon clamav-daemon.service is not running");
    }

    @Test
    void withoutSystemdRunningClamdPasses() {
        TestHost host = TestHost.portal(root).withoutSystemd();

        CaseResult result = host.run(new ComponentsCheck());

        assertThat(result.verdict()).as(result.findings().toString()).isEqualTo(Verdict.REVIEW);
        assertThat(result.findings()).anyMatch((finding) -> finding.startsWith("PASS: the anti-virus daemon runs as "
                + "process clamd (pid 4200)"));
    }

    @Test
    void withoutSystemdMissingClamdFails() {
        TestHost host = TestHost.portal(root).withoutSystemd();
        host.processes.removeIf((process) -> process.name().equals("clamd"));

        CaseResult result = host.run(new ComponentsCheck());

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).isEqualTo("the anti-virus daemon clamd is not running");
    }

    @Test
    void staleSignaturesFail() {
        TestHost host = TestHost.portal(root);
        host.touch("var/lib/clamav/daily.cld", TestHost.NOW.minusSeconds(3 * 3600));

        CaseResult result = host.run(new ComponentsCheck());

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).isEqualTo("the newest ClamAV signatures in /var/lib/clamav are 180 minutes old, "
                + "older than the declared update interval PT1H");
    }

    @Test
    void undeclaredAntivirusFails() {
        TestHost host = TestHost.portal(root).edit("antivirus:", "antivirus-removed:");

        CaseResult result = host.run(new ComponentsCheck());

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).isEqualTo("the document declares no anti-virus (antivirus)");
    }

    @Test
    void undeclaredPatchingFails() {
        TestHost host = TestHost.portal(root).edit("patching:", "patching-removed:");

        CaseResult result = host.run(new ComponentsCheck());

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).isEqualTo("the document declares no patch routine (patching)");
    }
}
