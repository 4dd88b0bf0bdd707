package org.selfcare.conformance.cases.authentication;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Compares the response times of two kinds of failed sign-in. A site that checks the password only for
 * existing accounts responds noticeably slower to those, which reveals to an attacker which accounts exist.
 */
final class Timings {

    /** The slower kind must take at least this many times as long as the faster one to count as different. */
    static final double MAX_RATIO = 3.0;

    /** The difference of the medians must also exceed this, so that fast sites with jitter are not reported. */
    static final Duration MIN_DIFFERENCE = Duration.ofMillis(100);

    private Timings() {
    }

    static Duration median(List<Duration> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("median of no samples");
        }
        List<Duration> sorted = samples.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return (sorted.size() % 2 == 1) ? sorted.get(middle)
                : sorted.get(middle - 1).plus(sorted.get(middle)).dividedBy(2);
    }

    /**
     * Returns a description of the difference when the medians of the two sample sets differ by more than
     * {@link #MAX_RATIO} times and {@link #MIN_DIFFERENCE}, or empty when they are alike.
     */
    static Optional<String> compare(String firstKind, List<Duration> first, String secondKind,
            List<Duration> second) {
        Duration firstMedian = median(first);
        Duration secondMedian = median(second);
        Duration slower = firstMedian.compareTo(secondMedian) >= 0 ? firstMedian : secondMedian;
        Duration faster = firstMedian.compareTo(secondMedian) >= 0 ? secondMedian : firstMedian;
        boolean ratioExceeded = slower.toNanos() > faster.toNanos() * MAX_RATIO;
        boolean differenceExceeded = slower.minus(faster).compareTo(MIN_DIFFERENCE) > 0;
        if (ratioExceeded && differenceExceeded) {
            return Optional.of(firstKind + " take " + firstMedian.toMillis() + " ms (median of " + first.size()
                    + ") but " + secondKind + " take " + secondMedian.toMillis() + " ms (median of " + second.size()
                    + ")");
        }
        return Optional.empty();
    }
}
