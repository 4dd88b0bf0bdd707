package org.selfcare.conformance.cases.inquiry;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.selfcare.conformance.http.ProbeResponse;
import org.selfcare.conformance.http.ProbeSession;
import org.selfcare.conformance.model.Findings;

/**
 * Checks that Selfcare's pages load the browser module that verifies response signatures,
 * {@code /js/integrity.js}: as a script of the page, or imported by one of the page's module scripts, directly or
 * through other modules of the same site. The kit runs no browser, so it cannot see the module reject a changed
 * response.
 */
final class IntegrityModule {

    static final String MODULE = "integrity.js";

    /** Pages that show key data from signed API responses. */
    static final List<String> PAGES = List.of("/", "/payments");

    private static final Pattern SCRIPT_SOURCE = Pattern.compile("<script\\b[^>]*\\bsrc=\"([^\"]+)\"",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern IMPORT = Pattern.compile("(?:import|from)\\s*\\(?\\s*['\"]([^'\"]+\\.js)['\"]");

    /** Most scripts fetched per page while following imports, so a site with a large module graph stays cheap. */
    private static final int MAX_SCRIPTS = 20;

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
        // Follows module imports breadth first, within the page's origin, until the module turns up.
        Deque<URI> pending = new ArrayDeque<>();
        Set<URI> seen = new HashSet<>();
        URI pageUri = page.uri();
        for (String script : scripts) {
            pending.add(pageUri.resolve(script));
        }
        while (!pending.isEmpty() && seen.size() < MAX_SCRIPTS) {
            URI script = pending.poll();
            if (!seen.add(script) || !sameOrigin(pageUri, script)) {
                continue;
            }
            ProbeResponse code = session.get(script.getRawPath());
            if (code.status() != 200) {
                continue;
            }
            Matcher imported = IMPORT.matcher(code.body());
            while (imported.find()) {
                URI target = script.resolve(imported.group(1));
                if (target.getPath().endsWith("/" + MODULE)) {
                    return true;
                }
                pending.add(target);
            }
        }
        return false;
    }

    private static boolean sameOrigin(URI page, URI script) {
        return script.getScheme() != null && script.getScheme().equals(page.getScheme())
                && script.getAuthority() != null && script.getAuthority().equals(page.getAuthority());
    }
}
