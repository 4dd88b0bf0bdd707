package org.selfcare.identity;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;

import org.springframework.stereotype.Component;

/**
 * Limits how many different identifiers one client address may fail to sign in with, so one client cannot lock
 * many subscribers out. Each address has a token bucket of {@code maxIdentifiersPerAddress} tokens that refills
 * at that many tokens per {@code addressWindow}. The first failure with an identifier in a window takes a token,
 * and further failures with the same identifier take none. An address whose bucket is empty is throttled: its
 * sign-ins are rejected before any check.
 *
 * <p>The state is kept in this process only, so each portal instance counts on its own.
 */
@Component
class AddressThrottle {

    private static final long MAX_ADDRESSES = 100_000;

    private static final long MAX_PAIRS = 1_000_000;

    private final LockoutProperties properties;

    private final TimeMeter timeMeter;

    private final Cache<String, Bucket> buckets;

    private final Cache<String, Boolean> failedPairs;

    AddressThrottle(LockoutProperties properties, Clock clock) {
        this.properties = properties;
        this.timeMeter = new ClockTimeMeter(clock);
        Ticker ticker = () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
        // A bucket left alone for a whole window has refilled completely, so dropping it then loses nothing.
        this.buckets = Caffeine.newBuilder()
                .ticker(ticker)
                .expireAfterAccess(properties.addressWindow())
                .maximumSize(MAX_ADDRESSES)
                .build();
        this.failedPairs = Caffeine.newBuilder()
                .ticker(ticker)
                .expireAfterWrite(properties.addressWindow())
                .maximumSize(MAX_PAIRS)
                .build();
    }

    /**
     * Returns whether {@code address} has used up its failures and must not try to sign in now.
     */
    boolean isThrottled(String address) {
        Bucket bucket = buckets.getIfPresent(address);
        return bucket != null && bucket.getAvailableTokens() < 1;
    }

    /**
     * Records a failed sign-in from {@code address} with {@code identifier}.
     */
    void recordFailure(String address, SignInIdentifier identifier) {
        String pair = address + "\n" + identifier.key();
        if (failedPairs.asMap().putIfAbsent(pair, Boolean.TRUE) != null) {
            return;
        }
        buckets.get(address, (key) -> newBucket()).tryConsume(1);
    }

    private Bucket newBucket() {
        int tokens = properties.maxIdentifiersPerAddress();
        return Bucket.builder()
                .addLimit((limit) -> limit.capacity(tokens).refillGreedy(tokens, properties.addressWindow()))
                .withCustomTimePrecision(timeMeter)
                .build();
    }

    /**
     * Bucket4j's time source read from the injected clock, so tests can move time by hand.
     */
    private record ClockTimeMeter(Clock clock) implements TimeMeter {

        @Override
        public long currentTimeNanos() {
            return TimeUnit.MILLISECONDS.toNanos(clock.millis());
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
