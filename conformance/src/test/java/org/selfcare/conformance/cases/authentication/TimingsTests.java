package org.selfcare.conformance.cases.authentication;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class TimingsTests {

    private static List<Duration> millis(long... values) {
        return java.util.Arrays.stream(values).mapToObj(Duration::ofMillis).toList();
    }

    @Test
    void medianOfEvenCountIsMean() {
        assertThat(Timings.median(millis(10, 40, 20, 30))).isEqualTo(Duration.ofMillis(25));
    }

    @Test
    void reportsSlowWrongPasswords() {
        assertThat(Timings.compare("wrong passwords", millis(400, 420, 380), "unknown user names", millis(20, 25, 30)))
                .hasValue("wrong passwords take 400 ms (median of 3) but unknown user names take 25 ms (median of 3)");
    }

    @Test
    void ignoresFastJitter() {
        assertThat(Timings.compare("wrong passwords", millis(40, 45), "unknown user names", millis(5, 6))).isEmpty();
    }

    @Test
    void ignoresSmallRatio() {
        assertThat(Timings.compare("wrong passwords", millis(500), "unknown user names", millis(300))).isEmpty();
    }
}
