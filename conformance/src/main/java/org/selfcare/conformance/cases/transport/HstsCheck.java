package org.selfcare.conformance.cases.transport;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.selfcare.conformance.http.ProbeResponse;
import org.selfcare.conformance.model.Findings;

/**
 * Reads the Strict-Transport-Security header, which makes browsers refuse plain HTTP to the site for its
 * max-age. The header must be present on the root or the sign-in page, with a max-age of at least one year.
 */
final class HstsCheck {

    static final long ONE_YEAR_SECONDS = 31_536_000L;

    private static final Pattern MAX_AGE = Pattern.compile("(?i)(?:^|;)\\s*max-age\\s*=\\s*\"?([0-9]+)\"?\\s*(?:;|$)");

    private HstsCheck() {
    }

    /**
     * Checks the first of the responses that carries the header.
     */
    static void run(List<ProbeResponse> responses, Findings findings) {
        List<ProbeResponse> answered = responses.stream().filter(ProbeResponse::answered).toList();
        if (answered.isEmpty()) {
            findings.inconclusive("no HTTPS response arrived, so Strict-Transport-Security could not be read");
            return;
        }

        Optional<ProbeResponse> carrier = answered.stream()
                .filter((response) -> response.header("strict-transport-security").isPresent())
                .findFirst();
        if (carrier.isEmpty()) {
            findings.fail("no Strict-Transport-Security header on the HTTPS responses to "
                    + answered.stream().map((response) -> response.uri().getPath()).toList());
            return;
        }

        String url = carrier.get().uri().getPath();
        String value = carrier.get().header("strict-transport-security").get();
        Matcher maxAge = MAX_AGE.matcher(value);
        if (!maxAge.find()) {
            findings.fail("the Strict-Transport-Security header of " + url + " has no valid max-age: '" + value + "'");
            return;
        }
        long seconds = parse(maxAge.group(1));
        if (seconds < ONE_YEAR_SECONDS) {
            findings.fail("the Strict-Transport-Security max-age of " + url + " is " + seconds
                    + " seconds, less than one year (" + ONE_YEAR_SECONDS + ")");
            return;
        }
        findings.pass("Strict-Transport-Security on " + url + ": " + value);
        if (!value.toLowerCase(Locale.ROOT).contains("includesubdomains")) {
            findings.note("Strict-Transport-Security has no includeSubDomains, so subdomains may still be reached "
                    + "over plain HTTP");
        }
    }

    private static long parse(String digits) {
        try {
            return Long.parseLong(digits);
        }
        catch (NumberFormatException ex) {
            // A number too large for a long is still at least a year.
            return Long.MAX_VALUE;
        }
    }
}
