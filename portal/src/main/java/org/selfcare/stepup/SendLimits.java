package org.selfcare.stepup;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucketBuilder;

import org.springframework.stereotype.Component;

/**
 * Limits how many SMS codes are sent, with one token bucket per phone number, per session and per client address.
 * A request takes a token from each of its three buckets or from none.
 *
 * <p>NOTE: the buckets live in this process only, so each portal node counts on its own and a restart resets them.
 * Several nodes need a shared store such as Redis for these limits to hold across the cluster.
 */
@Component
class SendLimits {

    private static final long MAX_KEYS = 100_000;

    private static final Duration DAY = Duration.ofDays(1);

    private final StepUpProperties.SendLimits limits;

    private final TimeMeter timeMeter;

    private final Cache<String, Bucket> numbers;

    private final Cache<String, Bucket> sessions;

    private final Cache<String, Bucket> addresses;

    SendLimits(StepUpProperties properties, Clock clock) {
        this.limits = properties.sendLimits();
        this.timeMeter = new ClockTimeMeter(clock);
        Ticker ticker = () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
        // A bucket left alone for its longest window has refilled completely, so dropping it then loses nothing.
        this.numbers = cache(ticker, DAY);
        this.sessions = cache(ticker, Duration.ofHours(1));
        this.addresses = cache(ticker, Duration.ofHours(1));
    }

    /**
     * Takes one send from the number's, the session's and the address's allowance.
     *
     * @return empty when the code may be sent, else how long to wait before the next request can succeed
     */
    Optional<Duration> tryAcquire(String e164, String sessionBinding, String clientAddress) {
        List<Bucket> buckets = List.of(
                numbers.get(e164, (key) -> numberBucket()),
                sessions.get(sessionBinding, (key) -> hourlyBucket(limits.sessionPerHour())),
                addresses.get(clientAddress, (key) -> hourlyBucket(limits.addressPerHour())));
        List<Bucket> taken = new ArrayList<>();
        for (Bucket bucket : buckets) {
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                // Gives back what this request took from the other buckets, so a rejected request costs nothing.
                taken.forEach((earlier) -> earlier.addTokens(1));
                return Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
            }
            taken.add(bucket);
        }
        return Optional.empty();
    }

    private Bucket numberBucket() {
        return bucket(() -> Bucket.builder()
                .addLimit((limit) -> limit.capacity(limits.numberPerMinute())
                        .refillGreedy(limits.numberPerMinute(), Duration.ofMinutes(1)))
                .addLimit((limit) -> limit.capacity(limits.numberPerHour())
                        .refillGreedy(limits.numberPerHour(), Duration.ofHours(1)))
                .addLimit((limit) -> limit.capacity(limits.numberPerDay()).refillGreedy(limits.numberPerDay(), DAY)));
    }

    private Bucket hourlyBucket(int perHour) {
        return bucket(() -> Bucket.builder()
                .addLimit((limit) -> limit.capacity(perHour).refillGreedy(perHour, Duration.ofHours(1))));
    }

    private Bucket bucket(Supplier<LocalBucketBuilder> builder) {
        return builder.get().withCustomTimePrecision(timeMeter).build();
    }

    private static Cache<String, Bucket> cache(Ticker ticker, Duration idle) {
        return Caffeine.newBuilder().ticker(ticker).expireAfterAccess(idle).maximumSize(MAX_KEYS).build();
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
