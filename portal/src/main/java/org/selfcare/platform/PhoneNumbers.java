package org.selfcare.platform;

import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Normalises phone numbers to E.164 with libphonenumber. Numbers are always kept as entered too: this is a copy
 * for matching, never a replacement.
 */
public final class PhoneNumbers {

    private static final PhoneNumberUtil util = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    /**
     * Returns whether libphonenumber knows {@code region}, an ISO 3166 code such as {@code GB}, as a region whose
     * numbers it can read.
     */
    public static boolean isSupportedRegion(String region) {
        return region != null && util.getSupportedRegions().contains(region);
    }

    /**
     * Returns the E.164 form of {@code number}, reading a number without a country code as one of {@code region},
     * or empty when it is not a possible number there (short codes, damaged values, text).
     */
    public static Optional<String> toE164(String number, String region) {
        if (number == null || number.isBlank() || number.length() > 32) {
            return Optional.empty();
        }
        try {
            PhoneNumber parsed = util.parse(number, region);
            if (!util.isPossibleNumber(parsed)) {
                return Optional.empty();
            }
            return Optional.of(util.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164));
        }
        catch (NumberParseException ex) {
            return Optional.empty();
        }
    }
}
