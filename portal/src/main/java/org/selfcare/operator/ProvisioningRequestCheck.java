package org.selfcare.operator;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.selfcare.platform.PhoneNumbers;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Checks every field of a provisioning request and describes each invalid one in a sentence from
 * {@code messages.properties}.
 */
@Component
class ProvisioningRequestCheck {

    /** Longest display name, the same limit as the database's. */
    static final int MAX_DISPLAY_NAME = 200;

    /** Longest e-mail address, as the SMTP path limit allows. */
    static final int MAX_EMAIL = 254;

    /** Number of identity document characters the operator records. */
    static final int DOCUMENT_CHARACTERS = 4;

    /**
     * A practical e-mail syntax: one {@code @}, no spaces or controls, and a domain with a dot. Deliverability is
     * not checked.
     */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s\\p{Cntrl}]+@[^@\\s\\p{Cntrl}]+\\.[^@\\s\\p{Cntrl}.]+");

    private static final Pattern DOCUMENT_DIGITS = Pattern.compile("[A-Za-z0-9]{" + DOCUMENT_CHARACTERS + "}");

    private static final Pattern CONTROL_CHARACTERS = Pattern.compile("\\p{Cntrl}");

    private final MessageSource messages;

    ProvisioningRequestCheck(MessageSource messages) {
        this.messages = messages;
    }

    /**
     * Returns one sentence per invalid field, in the order of the request's fields, or an empty list when the
     * request can be provisioned.
     */
    List<String> problems(ProvisioningRequest request) {
        List<String> problems = new ArrayList<>();
        boolean regionValid = PhoneNumbers.isSupportedRegion(request.region());
        if (!regionValid) {
            problems.add(text("provisioning.invalid.region"));
        }
        // A number is checked only against a known region, because libphonenumber reads it relative to one.
        if (regionValid && e164(request).isEmpty()) {
            problems.add(text("provisioning.invalid.msisdn", request.region()));
        }
        if (isBlank(request.displayName()) || request.displayName().strip().length() > MAX_DISPLAY_NAME
                || CONTROL_CHARACTERS.matcher(request.displayName()).find()) {
            problems.add(text("provisioning.invalid.display-name", MAX_DISPLAY_NAME));
        }
        if (zone(request.timeZone()).isEmpty()) {
            problems.add(text("provisioning.invalid.time-zone"));
        }
        if (isBlank(request.contactEmail()) || request.contactEmail().strip().length() > MAX_EMAIL
                || !EMAIL.matcher(request.contactEmail().strip()).matches()) {
            problems.add(text("provisioning.invalid.contact-email", MAX_EMAIL));
        }
        if (request.identityDocumentDigits() == null
                || !DOCUMENT_DIGITS.matcher(request.identityDocumentDigits()).matches()) {
            problems.add(text("provisioning.invalid.identity-document-digits", DOCUMENT_CHARACTERS));
        }
        return problems;
    }

    /**
     * Returns the E.164 form of the request's number, or empty when it is not a possible number of its region.
     */
    static Optional<String> e164(ProvisioningRequest request) {
        return PhoneNumbers.toE164(request.msisdn(), request.region());
    }

    /**
     * Returns the zone of an IANA id such as {@code Europe/London}, or empty for anything else, including fixed
     * offsets such as {@code +01:00}, which ignore daylight saving time.
     */
    static Optional<ZoneId> zone(String id) {
        if (id == null || !ZoneId.getAvailableZoneIds().contains(id)) {
            return Optional.empty();
        }
        return Optional.of(ZoneId.of(id));
    }

    private String text(String key, Object... arguments) {
        return messages.getMessage(key, arguments, LocaleContextHolder.getLocale());
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
