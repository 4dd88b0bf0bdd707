package org.selfcare.conformance.cases.subscriber;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;

import org.selfcare.conformance.http.JsonBody;
import org.selfcare.conformance.http.ProbeResponse;
import org.selfcare.conformance.http.ProbeSession;
import org.selfcare.conformance.profile.TargetProfile.Provisioning;

/**
 * Creates fresh test subscribers through Selfcare's operator API, with numbers from the profile's range.
 */
public final class FreshSubscribers {

    public static final String SUBSCRIBERS_PATH = "/operator/api/v1/subscribers";

    /** Numbers tried before the kit gives up when each one already exists. */
    static final int MAX_ATTEMPTS = 5;

    private final Provisioning settings;

    private final SecureRandom random = new SecureRandom();

    public FreshSubscribers(Provisioning settings) {
        this.settings = settings;
    }

    /**
     * One request to create a subscriber and its response.
     *
     * @param number the number as sent, in the form of {@code provisioning.first-number}
     * @param identityDocumentDigits the identity data sent with it
     * @param response the operator API's response
     */
    public record Creation(String number, String identityDocumentDigits, ProbeResponse response) {

        public boolean created() {
            return response.status() == 201;
        }

        /** Returns the number as the target stored it, such as {@code +447700900123}, or the number sent. */
        public String storedNumber() {
            String stored = JsonBody.text(response, "msisdn");
            return stored.isEmpty() ? number : stored;
        }
    }

    /**
     * Creates a subscriber with a random number of the range, trying another number when one exists already.
     * Returns the last attempt, created or not.
     */
    public Creation create(ProbeSession session) {
        Creation attempt = null;
        for (int i = 0; i < MAX_ATTEMPTS; i++) {
            attempt = createOnce(session, randomNumber());
            if (attempt.response().status() != 409) {
                return attempt;
            }
        }
        return attempt;
    }

    private Creation createOnce(ProbeSession session, String number) {
        String digits = String.format("%04d", random.nextInt(10_000));
        Map<String, String> body = new LinkedHashMap<>();
        body.put("msisdn", number);
        body.put("region", settings.region());
        body.put("displayName", "X1470 First Sign-in");
        body.put("timeZone", settings.timeZone());
        body.put("contactEmail", settings.contactEmail());
        body.put("identityDocumentDigits", digits);
        ProbeResponse response = session.postJson(settings.url().resolve(SUBSCRIBERS_PATH).toString(),
                Map.of("Authorization", "Bearer " + settings.token()), JsonBody.write(body));
        return new Creation(number, digits, response);
    }

    /**
     * Returns a random number of the range, written like {@code provisioning.first-number}: its spaces and other
     * separators stay where they are and only the digits change.
     */
    String randomNumber() {
        String template = settings.firstNumber();
        BigInteger first = new BigInteger(template.replaceAll("[^0-9]", ""));
        BigInteger last = new BigInteger(settings.lastNumber().replaceAll("[^0-9]", ""));
        BigInteger span = last.subtract(first).add(BigInteger.ONE);
        BigInteger offset = new BigInteger(span.bitLength() + 8, random).mod(span);
        int width = template.replaceAll("[^0-9]", "").length();
        String digits = String.format("%0" + width + "d", first.add(offset));

        StringBuilder number = new StringBuilder();
        int next = 0;
        for (char c : template.toCharArray()) {
            number.append(Character.isDigit(c) ? digits.charAt(next++) : c);
        }
        return number.toString();
    }
}
