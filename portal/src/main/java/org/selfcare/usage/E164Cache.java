package org.selfcare.usage;

import java.util.Map;

import org.selfcare.platform.PhoneNumbers;

/**
 * Remembers the E.164 forms of the numbers an import has normalised, because libphonenumber parses with regular
 * expressions and a switch export names the same numbers over and over. The least recently used entry goes when
 * the cache is full. Not thread-safe: one import's reading thread owns it.
 */
final class E164Cache {

    /** Marks a number that has no E.164 form, so that it is not parsed again either. */
    private static final String NONE = "";

    private final String region;

    private final Map<String, String> forms;

    E164Cache(String region, int capacity) {
        this.region = region;
        this.forms = new LruMap<>(capacity);
    }

    /**
     * Returns what {@link PhoneNumbers#toE164} returns for {@code number} in this cache's region, or {@code null}
     * in place of empty.
     */
    String toE164(String number) {
        if (number == null) {
            return null;
        }
        String form = forms.get(number);
        if (form == null) {
            form = PhoneNumbers.toE164(number, region).orElse(NONE);
            forms.put(number, form);
        }
        return form.isEmpty() ? null : form;
    }

    int size() {
        return forms.size();
    }

    boolean contains(String number) {
        return forms.containsKey(number);
    }
}
