package org.selfcare.identity;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.selfcare.support.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

class AddressThrottleTests {

    private static final String ADDRESS = "192.0.2.10";

    private final TestClock clock = new TestClock();

    private final AddressThrottle throttle = new AddressThrottle(
            new LockoutProperties(3, Duration.ofMinutes(5), 3, Duration.ofMinutes(10)), clock);

    @Test
    void newAddressIsNotThrottled() {
        assertThat(throttle.isThrottled(ADDRESS)).isFalse();
    }

    @Test
    void limitOfIdentifiersThrottles() {
        failWith(ADDRESS, "a", "b", "c");

        assertThat(throttle.isThrottled(ADDRESS)).isTrue();
    }

    @Test
    void fewerIdentifiersDoNotThrottle() {
        failWith(ADDRESS, "a", "b");

        assertThat(throttle.isThrottled(ADDRESS)).isFalse();
    }

    @Test
    void repeatedIdentifierCountsOnce() {
        failWith(ADDRESS, "a", "a", "a", "b", "b");

        assertThat(throttle.isThrottled(ADDRESS)).isFalse();
    }

    @Test
    void otherAddressIsNotThrottled() {
        failWith(ADDRESS, "a", "b", "c");

        assertThat(throttle.isThrottled("192.0.2.11")).isFalse();
    }

    @Test
    void tokensReturnAfterWindow() {
        failWith(ADDRESS, "a", "b", "c");
        clock.advance(Duration.ofMinutes(10));

        assertThat(throttle.isThrottled(ADDRESS)).isFalse();
    }

    @Test
    void oneTokenReturnsAfterPartOfWindow() {
        failWith(ADDRESS, "a", "b", "c");
        clock.advance(Duration.ofMinutes(4));
        failWith(ADDRESS, "d");

        assertThat(throttle.isThrottled(ADDRESS)).isTrue();
    }

    private void failWith(String address, String... identifiers) {
        for (String identifier : identifiers) {
            throttle.recordFailure(address, SignInIdentifier.of(identifier, "GB"));
        }
    }
}
