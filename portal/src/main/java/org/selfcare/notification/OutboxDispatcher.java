package org.selfcare.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Delivers due notifications from the outbox. One thread claims rows and hands each to a pool of
 * {@code selfcare.notification.workers} threads, which send it through its channel and record the outcome. The
 * thread wakes when a queueing transaction commits, when a worker becomes free, when a channel becomes ready, when
 * the earliest retry is due, and at least every {@code selfcare.notification.poll-interval}. It claims rows only
 * for channels whose sender is ready.
 *
 * <p>Commands such as {@code import-cdr} run without it, so they never send anything.
 */
@Component
@Profile("!command")
public class OutboxDispatcher implements SmartLifecycle {

    private static final Logger logger = LoggerFactory.getLogger(OutboxDispatcher.class);

    /**
     * Starts after the SMPP link, so the link is binding when the first rows arrive, and stops before it, so
     * deliveries in progress can finish.
     */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1000;

    private final Outbox outbox;

    private final Map<Channel, NotificationSender> senders = new EnumMap<>(Channel.class);

    private final RetryPolicy retryPolicy;

    private final NotificationProperties properties;

    private final Clock clock;

    private static final Duration EXPIRY_SWEEP_INTERVAL = Duration.ofSeconds(1);

    private final Object signal = new Object();

    private boolean wakeRequested;

    private volatile boolean running;

    private Thread claimer;

    private ExecutorService workers;

    private Semaphore freeWorkers;

    private final AtomicInteger consecutiveClaimFailures = new AtomicInteger();

    private Instant lastExpirySweep = Instant.EPOCH;

    OutboxDispatcher(Outbox outbox, List<NotificationSender> senders, NotificationProperties properties,
            Clock clock) {
        this.outbox = outbox;
        for (NotificationSender sender : senders) {
            this.senders.put(sender.channel(), sender);
        }
        for (Channel channel : Channel.values()) {
            if (!this.senders.containsKey(channel)) {
                throw new IllegalStateException("No sender for the " + channel + " channel");
            }
        }
        this.retryPolicy = new RetryPolicy(properties);
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        AtomicInteger workerNumber = new AtomicInteger();
        workers = Executors.newFixedThreadPool(properties.workers(),
                (task) -> new Thread(task, "notification-worker-" + workerNumber.incrementAndGet()));
        freeWorkers = new Semaphore(properties.workers());
        claimer = new Thread(this::claimLoop, "notification-dispatcher");
        claimer.setDaemon(true);
        claimer.start();
        logger.info("Notification dispatcher started with {} workers, polling every {}", properties.workers(),
                properties.pollInterval());
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        wake();
        try {
            claimer.join(TimeUnit.SECONDS.toMillis(10));
            workers.shutdown();
            // A row whose delivery is cut off stays SENDING until its lease expires. Then any node sends it again.
            if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        }
        catch (InterruptedException ex) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        logger.info("Notification dispatcher stopped");
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /**
     * Wakes the claim loop once the notification's transaction commits. A wake-up is only a hint, because the loop
     * also polls the outbox, so it is not a transactional event listener: those are recorded in the event
     * publication table, which is kept for events that must not be lost, and recording one per message slowed every
     * commit that queued many.
     */
    @EventListener
    void onQueued(NotificationQueued event) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            wake();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

            @Override
            public void afterCommit() {
                wake();
            }
        });
    }

    @EventListener
    void onChannelReady(ChannelReady event) {
        wake();
    }

    private void wake() {
        synchronized (signal) {
            wakeRequested = true;
            signal.notifyAll();
        }
    }

    private void claimLoop() {
        while (running) {
            Duration wait = claimAndDispatch();
            awaitWake(wait);
        }
    }

    /**
     * Claims as many due rows as there are free workers and starts their delivery. Returns how long to wait
     * before the next claim: zero while rows keep coming, otherwise until the next retry is due or one poll
     * interval, whichever is sooner.
     */
    private Duration claimAndDispatch() {
        int free = freeWorkers.availablePermits();
        Set<Channel> ready = readyChannels();
        if (free == 0 || ready.isEmpty()) {
            return properties.pollInterval();
        }

        List<OutboxEntry> claimed;
        Instant now = clock.instant();
        try {
            failExpired(now);
            claimed = outbox.claim(free, now, now.plus(properties.lease()), ready);
            consecutiveClaimFailures.set(0);
        }
        catch (DataAccessException ex) {
            // Logs the first failure of a series and then every 100th, so a database outage does not flood the log.
            if (consecutiveClaimFailures.getAndIncrement() % 100 == 0) {
                logger.error("Reading the notification outbox failed; retrying every {}", properties.pollInterval(), ex);
            }
            return properties.pollInterval();
        }

        for (OutboxEntry entry : claimed) {
            freeWorkers.acquireUninterruptibly();
            workers.execute(() -> deliverAndRelease(entry));
        }
        if (claimed.size() == free) {
            return Duration.ZERO;
        }
        return untilNextDue(now, ready);
    }

    private Set<Channel> readyChannels() {
        Set<Channel> ready = EnumSet.noneOf(Channel.class);
        senders.forEach((channel, sender) -> {
            if (sender.isReady()) {
                ready.add(channel);
            }
        });
        return ready;
    }

    /**
     * Fails the rows that outlived {@code max-age} without being claimed, at most once per second, because the
     * retry policy handles only rows that a node claimed.
     */
    private void failExpired(Instant now) {
        if (Duration.between(lastExpirySweep, now).compareTo(EXPIRY_SWEEP_INTERVAL) < 0) {
            return;
        }
        lastExpirySweep = now;
        for (long id : outbox.failExpired(now.minus(properties.maxAge()), now)) {
            logger.error("Notification {} FAILED: not sent within {} of queueing", id, properties.maxAge());
        }
    }

    private Duration untilNextDue(Instant now, Set<Channel> ready) {
        try {
            return outbox.nextDueAt(ready)
                    .map((due) -> Duration.between(now, due))
                    .filter((untilDue) -> untilDue.compareTo(properties.pollInterval()) < 0)
                    .map((untilDue) -> untilDue.isNegative() ? Duration.ZERO : untilDue)
                    .orElse(properties.pollInterval());
        }
        catch (DataAccessException ex) {
            return properties.pollInterval();
        }
    }

    private void awaitWake(Duration timeout) {
        synchronized (signal) {
            try {
                if (!wakeRequested && !timeout.isZero()) {
                    signal.wait(Math.max(1, timeout.toMillis()));
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                running = false;
            }
            wakeRequested = false;
        }
    }

    private void deliverAndRelease(OutboxEntry entry) {
        try {
            record(entry, deliver(entry));
        }
        catch (DataAccessException ex) {
            // The row stays SENDING until its lease expires and is then sent again: a possible duplicate.
            logger.error("Recording the outcome of attempt {} of notification {} failed; the notification is sent "
                    + "again after its lease expires", entry.attempt(), entry.id(), ex);
        }
        finally {
            freeWorkers.release();
            wake();
        }
    }

    private Delivery deliver(OutboxEntry entry) {
        try {
            return senders.get(entry.channel()).deliver(entry);
        }
        catch (RuntimeException ex) {
            logger.error("Delivering notification {} failed unexpectedly", entry.id(), ex);
            return new Delivery.RetryLater("unexpected error " + ex.getClass().getSimpleName());
        }
    }

    private void record(OutboxEntry entry, Delivery delivery) {
        Instant now = clock.instant();
        if (delivery instanceof Delivery.Sent sent) {
            if (outbox.markSent(entry, sent.messageIds(), now)) {
                logger.debug("Notification {} sent on attempt {}", entry.id(), entry.attempt());
            }
            else {
                logger.warn("Notification {} was sent on attempt {} after its lease expired, while a later attempt "
                        + "had claimed it, so it may arrive twice; the other attempt records the outcome", entry.id(),
                        entry.attempt());
            }
        }
        else if (delivery instanceof Delivery.Rejected rejected) {
            if (outbox.markFailed(entry, rejected.reason(), now)) {
                logger.error("Notification {} ({}) FAILED: {}", entry.id(), entry.channel(), rejected.reason());
            }
            else {
                notRecorded(entry, rejected.reason());
            }
        }
        else if (delivery instanceof Delivery.RetryLater retry) {
            recordRetry(entry, retry, now);
        }
    }

    private void recordRetry(OutboxEntry entry, Delivery.RetryLater retry, Instant now) {
        Instant nextAttemptAt = now.plus(retryPolicy.delayAfter(entry.attempt()));
        if (!retryPolicy.allowsRetry(entry.attempt(), entry.createdAt(), nextAttemptAt)) {
            if (outbox.markFailed(entry, retry.reason(), now)) {
                logger.error("Notification {} ({}) FAILED after {} attempts: {}", entry.id(), entry.channel(),
                        entry.attempt(), retry.reason());
            }
            else {
                notRecorded(entry, retry.reason());
            }
        }
        else if (outbox.scheduleRetry(entry, nextAttemptAt, retry.reason())) {
            // Debug level: while a link is down every queued row fails this way, and the link logs the outage.
            logger.debug("Notification {} attempt {} failed: {}; next attempt at {}", entry.id(), entry.attempt(),
                    retry.reason(), nextAttemptAt);
        }
        else {
            notRecorded(entry, retry.reason());
        }
    }

    private static void notRecorded(OutboxEntry entry, String reason) {
        logger.warn("Notification {} attempt {} failed ({}) after its lease expired; a later attempt claimed it "
                + "and records the outcome", entry.id(), entry.attempt(), reason);
    }
}
