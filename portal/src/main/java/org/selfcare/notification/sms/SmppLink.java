package org.selfcare.notification.sms;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.jsmpp.bean.BindType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.selfcare.notification.Channel;
import org.selfcare.notification.ChannelReady;
import org.selfcare.notification.OutboxDispatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Keeps one bound SMPP session to the SMSC. A background thread binds, waits while the session stays bound, and
 * binds again after the link drops or a bind fails, with a delay that doubles from
 * {@code reconnect-min-delay} up to {@code reconnect-max-delay} and a random part so that several nodes do not
 * reconnect in step. jSMPP sends an enquire_link after {@code enquire-link-interval} without traffic and closes
 * the session when no response arrives.
 */
@Component
@Profile("!command")
class SmppLink implements SmartLifecycle {

    private static final Logger logger = LoggerFactory.getLogger(SmppLink.class);

    private final SmsProperties properties;

    private final MessageReceiverListener receiptListener;

    private final ApplicationEventPublisher events;

    private final Object lock = new Object();

    private SMPPSession session;

    private boolean running;

    private Thread connector;

    SmppLink(SmsProperties properties, DeliveryReceiptListener receiptListener, ApplicationEventPublisher events) {
        this.properties = properties;
        this.receiptListener = receiptListener;
        this.events = events;
    }

    /** Returns the bound session, or empty while the link is down. */
    Optional<SMPPSession> boundSession() {
        synchronized (lock) {
            if (session != null && session.getSessionState().isBound()) {
                return Optional.of(session);
            }
            return Optional.empty();
        }
    }

    /**
     * Waits up to {@code timeout} for the link to be bound, so that a notification queued while the portal starts
     * or reconnects does not spend an attempt on a link that is seconds from ready.
     */
    Optional<SMPPSession> awaitBoundSession(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (running) {
                Optional<SMPPSession> bound = boundSession();
                long remaining = deadline - System.nanoTime();
                if (bound.isPresent() || remaining <= 0) {
                    return bound;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, remaining);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }
            return Optional.empty();
        }
    }

    @Override
    public void start() {
        synchronized (lock) {
            if (running) {
                return;
            }
            running = true;
            connector = new Thread(this::keepBound, "smpp-link");
            connector.setDaemon(true);
            connector.start();
        }
    }

    @Override
    public void stop() {
        Thread stopping;
        SMPPSession closing;
        synchronized (lock) {
            if (!running) {
                return;
            }
            running = false;
            stopping = connector;
            closing = session;
            session = null;
            lock.notifyAll();
        }
        stopping.interrupt();
        if (closing != null) {
            closing.unbindAndClose();
        }
        logger.info("SMPP link to {}:{} closed", properties.host(), properties.port());
    }

    @Override
    public int getPhase() {
        return OutboxDispatcher.PHASE - 100;
    }

    @Override
    public boolean isRunning() {
        synchronized (lock) {
            return running;
        }
    }

    private void keepBound() {
        Duration delay = properties.reconnectMinDelay();
        while (isRunning()) {
            SMPPSession bound = bind();
            if (bound != null) {
                delay = properties.reconnectMinDelay();
                awaitUnbound(bound);
                if (isRunning()) {
                    logger.warn("SMPP link to {}:{} dropped; binding again", properties.host(), properties.port());
                }
            }
            else {
                delay = sleepThenDouble(delay);
            }
        }
    }

    private SMPPSession bind() {
        SMPPSession candidate = new SMPPSession();
        candidate.setEnquireLinkTimer((int) properties.enquireLinkInterval().toMillis());
        candidate.setTransactionTimer(properties.responseTimeout().toMillis());
        candidate.setMessageReceiverListener(receiptListener);
        candidate.addSessionStateListener((newState, oldState, source) -> {
            synchronized (lock) {
                lock.notifyAll();
            }
        });
        BindType bindType = properties.bindType() == SmsProperties.BindType.TRANSMITTER ? BindType.BIND_TX
                : BindType.BIND_TRX;
        BindParameter bind = new BindParameter(bindType, properties.systemId(), properties.resolvePassword(),
                properties.systemType(), TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null);
        try {
            candidate.connectAndBind(properties.host(), properties.port(), bind,
                    properties.responseTimeout().toMillis());
        }
        catch (IOException ex) {
            // jSMPP wraps a rejected bind's NegativeResponseException and a bind timeout in the IOException.
            logger.warn("Binding to the SMSC at {}:{} as {} failed: {}", properties.host(), properties.port(),
                    properties.systemId(), describe(ex));
            candidate.close();
            return null;
        }

        synchronized (lock) {
            if (!running) {
                candidate.unbindAndClose();
                return null;
            }
            session = candidate;
            lock.notifyAll();
        }
        logger.info("SMPP link bound to {}:{} as {} ({})", properties.host(), properties.port(),
                properties.systemId(), bindType);
        events.publishEvent(new ChannelReady(Channel.SMS));
        return candidate;
    }

    /**
     * Waits until the session is no longer bound, then closes it. jSMPP 3.0.2 can leave a session UNBOUND instead
     * of CLOSED when the SMSC's unbind and the socket's end arrive together, so waiting for CLOSED could hang.
     */
    private void awaitUnbound(SMPPSession bound) {
        boolean takenByStop;
        synchronized (lock) {
            while (running && bound.getSessionState().isBound()) {
                try {
                    lock.wait(1_000);
                }
                catch (InterruptedException ex) {
                    return;
                }
            }
            // stop() takes the session and unbinds it; closing it here as well would cut that unbind short.
            takenByStop = !running && session != bound;
            if (session == bound) {
                session = null;
            }
        }
        if (!takenByStop) {
            bound.close();
        }
    }

    /** Sleeps for {@code delay} with jitter of up to half of it and returns the next, doubled delay. */
    private Duration sleepThenDouble(Duration delay) {
        long millis = delay.toMillis();
        long jittered = millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1);
        synchronized (lock) {
            if (running) {
                try {
                    lock.wait(Math.max(1, jittered));
                }
                catch (InterruptedException ex) {
                    return delay;
                }
            }
        }
        Duration doubled = delay.multipliedBy(2);
        return doubled.compareTo(properties.reconnectMaxDelay()) > 0 ? properties.reconnectMaxDelay() : doubled;
    }

    private static String describe(IOException ex) {
        Throwable cause = ex.getCause() != null ? ex.getCause() : ex;
        if (cause instanceof org.jsmpp.extra.NegativeResponseException negative) {
            return "the SMSC answered with status 0x" + Integer.toHexString(negative.getCommandStatus())
                    + SmppStatus.describe(negative.getCommandStatus());
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
