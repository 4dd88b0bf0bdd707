package org.selfcare.stepup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Limits how many SMS codes are sent, with one token bucket per phone number, per session and per client address.
 * A request takes a token from each of its three buckets or from none.
 *
 * <p>The buckets are rows of {@code step_up_send_limit}, which Bucket4j reads and writes under a row lock, so every
 * portal node draws from the same buckets and a restart keeps them. A row's id is a SHA-256 digest of the
 * bucket's kind, its limits and the number, session or address. The limits are part of it, so changed limits
 * start new buckets instead of reading old ones under new rules.
 */
@Component
class SendLimits {

    private static final Duration DAY = Duration.ofDays(1);

    /** Rows one statement of the hourly cleanup deletes. */
    private static final int CLEANUP_BATCH = 1_000;

    private static final Logger logger = LoggerFactory.getLogger(SendLimits.class);

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;

    private final Limit number;

    private final Limit session;

    private final Limit address;

    SendLimits(StepUpProperties properties, DataSource dataSource, Clock clock) {
        StepUpProperties.SendLimits limits = properties.sendLimits();
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("step_up_send_limit")
                .clientClock(new ClockTimeMeter(clock))
                // A bucket that has refilled completely is the same as a new one, so its row can go then.
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO))
                .build();
        this.number = new Limit("number", BucketConfiguration.builder()
                .addLimit((limit) -> limit.capacity(limits.numberPerMinute())
                        .refillGreedy(limits.numberPerMinute(), Duration.ofMinutes(1)))
                .addLimit((limit) -> limit.capacity(limits.numberPerHour())
                        .refillGreedy(limits.numberPerHour(), Duration.ofHours(1)))
                .addLimit((limit) -> limit.capacity(limits.numberPerDay()).refillGreedy(limits.numberPerDay(), DAY))
                .build(), limits.numberPerMinute() + "/" + limits.numberPerHour() + "/" + limits.numberPerDay());
        this.session = hourly("session", limits.sessionPerHour());
        this.address = hourly("address", limits.addressPerHour());
    }

    /**
     * Takes one send from the number's, the session's and the address's allowance.
     *
     * @return empty when the code may be sent, else how long to wait before the next request can succeed
     */
    Optional<Duration> tryAcquire(String e164, String sessionBinding, String clientAddress) {
        List<Bucket> requested = List.of(bucket(number, e164), bucket(session, sessionBinding),
                bucket(address, clientAddress));
        List<Bucket> taken = new ArrayList<>();
        for (Bucket bucket : requested) {
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

    /** Deletes the rows of buckets that have refilled completely. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1H")
    void removeRefilled() {
        int removed = 0;
        int batch;
        do {
            batch = buckets.removeExpired(CLEANUP_BATCH);
            removed += batch;
        }
        while (batch == CLEANUP_BATCH);
        logger.debug("Deleted {} refilled SMS code send limit buckets", removed);
    }

    private Bucket bucket(Limit limit, String value) {
        return buckets.builder().build(limit.rowId(value), () -> limit.configuration());
    }

    private static Limit hourly(String kind, int perHour) {
        return new Limit(kind, BucketConfiguration.builder()
                .addLimit((limit) -> limit.capacity(perHour).refillGreedy(perHour, Duration.ofHours(1)))
                .build(), String.valueOf(perHour));
    }

    /**
     * One kind of bucket: what it counts, its limits, and those limits in a few characters for the row id.
     */
    private record Limit(String kind, BucketConfiguration configuration, String fingerprint) {

        String rowId(String value) {
            try {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                String key = kind + "\n" + fingerprint + "\n" + value;
                return HexFormat.of().formatHex(digest.digest(key.getBytes(StandardCharsets.UTF_8)));
            }
            catch (NoSuchAlgorithmException ex) {
                throw new IllegalStateException("The JDK lacks SHA-256", ex);
            }
        }
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
