package org.selfcare.identity.firstsignin;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.selfcare.identity.Subscriber;
import org.selfcare.identity.SubscriberDirectory;

import org.springframework.stereotype.Component;

/**
 * {@code identity-data}: the subscriber proves their identity with the data given at purchase, the last 4
 * characters of the identity document number and the contact e-mail address. Both must match.
 */
@Component
class IdentityDataCheck implements IdentityCheckMethod {

    static final String NAME = "identity-data";

    static final String DIGITS_FIELD = "identityDocumentDigits";

    static final String EMAIL_FIELD = "contactEmail";

    /** Longest value read. Anything longer cannot match and is rejected before the check. */
    static final int MAX_DIGITS = 16;

    static final int MAX_EMAIL = 254;

    private final SubscriberDirectory directory;

    IdentityDataCheck(SubscriberDirectory directory) {
        this.directory = directory;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> fields() {
        return List.of(DIGITS_FIELD, EMAIL_FIELD);
    }

    @Override
    public Optional<String> inputError(Map<String, String> fields) {
        String digits = fields.get(DIGITS_FIELD);
        String email = fields.get(EMAIL_FIELD);
        if (digits == null || digits.isBlank()) {
            return Optional.of("first-sign-in.input.digits-missing");
        }
        if (email == null || email.isBlank()) {
            return Optional.of("first-sign-in.input.email-missing");
        }
        if (digits.length() > MAX_DIGITS || email.length() > MAX_EMAIL) {
            return Optional.of("first-sign-in.input.too-long");
        }
        return Optional.empty();
    }

    @Override
    public boolean verify(Subscriber subscriber, Map<String, String> fields) {
        // Provisioning stores the characters in capitals, so letters match whatever case the subscriber types.
        return directory.identityDataMatches(subscriber.id(), fields.get(DIGITS_FIELD).strip().toUpperCase(Locale.ROOT),
                fields.get(EMAIL_FIELD));
    }
}
