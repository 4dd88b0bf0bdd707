package org.selfcare.conformance.cases.inquiry;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.selfcare.conformance.http.ProbeResponse;
import org.selfcare.conformance.http.ProbeSession;
import org.selfcare.conformance.model.Findings;

/**
 * Checks that Selfcare's pages load the browser module that verifies response signatures,
 * {@code /js/integrity.js}: as a script of the page, or imported by one of the page's module scripts. The kit
 * runs no browser, so it cannot see the module reject a changed response.
 */
final class IntegrityModule {

    static final String MODULE = "integrity.js";

    /** Pages that show key data from signed API responses. */
    static final List<String> PAGES = List.of("/", "/payments");

    private static final Pattern SCRIPT_SOURCE = Pattern.compile("<script\\b[^>]*\\bsrc=\"([^\"]+)\"",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern IMPORT = Pattern.compile("(?:import|from)\\s*\\(?\\s*['\"][^'\"]*integrity\\.js['\"]");

    private IntegrityModule() {
    }

    static void check(ProbeSession session, Findings findings) {
        for (String page : PAGES) {
            ProbeResponse response = session.get(page);
            if (response.status() != 200) {
                findings.inconclusive("the page " + page + " returned " + StepUpApi.describe(response)
                        + ", so the kit could not check that it loads " + MODULE);
                continue;
            }
            if (loadsModule(session, response)) {
                findings.pass("the page " + page + " loads the integrity module " + MODULE);
            }
            else {
                findings.fail("the page " + page + " does not load the integrity module " + MODULE + ", so the "
                        + "browser cannot verify the responses it shows");
            }
        }
    }

    private static boolean loadsModule(ProbeSession session, ProbeResponse page) {
        List<String> scripts = new ArrayList<>();
        Matcher source = SCRIPT_SOURCE.matcher(page.body());
        while (source.find()) {
            scripts.add(source.group(1));
        }
        if (scripts.stream().anyMatch((script) -> script.endsWith("/" + MODULE))) {
            return true;
        }
        for (String script : scripts) {
            ProbeResponse code = session.get(script);
            if (code.status() == 200 && IMPORT.matcher(code.body()).find()) {
                return true;
            }
        }
        return false;
    }
}
