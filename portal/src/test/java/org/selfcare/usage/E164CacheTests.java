package org.selfcare.usage;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.selfcare.platform.PhoneNumbers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The import's cache of normalised numbers returns what libphonenumber returns, on first and repeated lookups.
 */
class E164CacheTests {

    private static final List<String> NUMBERS = Arrays.asList("07700 900123", "+44 20 7946 0000", "020 7946 0001",
            "4.88E+31", "123", "", "   ", "0044 7700 900124", "not a number", "+1 202 555 0143", null);

    @Test
    void givesLibphonenumberResults() {
        E164Cache cache = new E164Cache("GB", 4);

        for (int round = 0; round < 3; round++) {
            for (String number : NUMBERS) {
                String expected = (number == null) ? null : PhoneNumbers.toE164(number, "GB").orElse(null);

                assertThat(cache.toE164(number)).as(number).isEqualTo(expected);
            }
        }
    }

    @Test
    void keepsAtMostCapacity() {
        E164Cache cache = new E164Cache("GB", 100);

        for (int i = 0; i < 1_000; i++) {
            cache.toE164("07700 9" + String.format("%05d", i));
        }

        assertThat(cache.size()).isEqualTo(100);
    }

    @Test
    void evictsLeastRecentlyUsed() {
        E164Cache cache = new E164Cache("GB", 2);
        cache.toE164("07700 900001");
        cache.toE164("07700 900002");
        cache.toE164("07700 900001");

        cache.toE164("07700 900003");

        assertThat(cache.contains("07700 900001")).isTrue();
        assertThat(cache.contains("07700 900002")).isFalse();
        assertThat(cache.contains("07700 900003")).isTrue();
    }
}
