package org.selfcare.sandbox.smsc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.selfcare.sandbox.http.ReadOnlyJsonApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in SMSC: an SMPP 3.4 server on 127.0.0.1 that accepts binds with one system id and password, stores every
 * submitted message and sends delivery receipts on request. Stored messages survive {@link #stop()} and
 * {@link #start()}, and a restart listens on the port the first start got, so a client can test reconnecting.
 *
 * <pre>{@code
 * Smsc smsc = Smsc.builder().systemId("selfcare").password("secret").build();
 * smsc.start();
 * // point the client at 127.0.0.1:smsc.port(), then read smsc.messages()
 * }</pre>
 */
public final class Smsc implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Smsc.class);

    /** SMPP 3.4 section 5.2: system_id is a C-octet string of at most 16 octets, password of at most 9. */
    private static final int MAX_SYSTEM_ID_LENGTH = 15;
    private static final int MAX_PASSWORD_LENGTH = 8;

    private final String systemId;
    private final String password;
    private final int httpPort;
    private final SmsStore store;
    private final SubmitRejections rejections = new SubmitRejections();
    private final Clock clock;
    private int port;

    private SMPPServerSessionListener listener;
    private ExecutorService executor;
    private Thread acceptor;
    private ReadOnlyJsonApi httpApi;

    private Smsc(Builder builder) {
        this.systemId = builder.systemId;
        this.password = builder.password;
        this.port = builder.port;
        this.httpPort = builder.httpPort;
        this.clock = builder.clock;
        this.store = new SmsStore(clock);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts listening for SMPP and, if configured, the HTTP API. Does nothing when already started. */
    public synchronized void start() throws IOException {
        if (listener != null) {
            return;
        }
        LoopbackServerConnectionFactory connections = new LoopbackServerConnectionFactory();
        executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "smsc-session");
            thread.setDaemon(true);
            return thread;
        });
        SmppSessions sessions = new SmppSessions(systemId, password, store, rejections, clock, executor);

        listener = new SMPPServerSessionListener(port, connections);
        listener.setMessageReceiverListener(sessions);
        listener.setResponseDeliveryListener(sessions);
        port = connections.boundPort();

        acceptor = new Thread(() -> acceptSessions(listener, sessions), "smsc-acceptor-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
        startHttpApi();
        log.info("SMSC listening for SMPP on 127.0.0.1:{}", port);
    }

    /** Unbinds every session, closes the listening socket and stops the HTTP API. Keeps the stored messages. */
    public synchronized void stop() {
        if (listener == null) {
            return;
        }
        try {
            listener.close();
        } catch (IOException e) {
            log.warn("Closing the SMPP listener on port {} failed", port, e);
        }
        SmppSessions sessions = (SmppSessions) listener.getMessageReceiverListener();
        sessions.closeAll();
        executor.shutdownNow();
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (httpApi != null) {
            httpApi.stop();
            httpApi = null;
        }
        listener = null;
        log.info("SMSC on port {} stopped", port);
    }

    @Override
    public void close() {
        stop();
    }

    /** Returns the SMPP port: the bound one once started, the configured one (perhaps 0) before. */
    public synchronized int port() {
        return port;
    }

    /** Returns the HTTP API's address; only while started with an HTTP port configured. */
    public synchronized InetSocketAddress httpAddress() {
        if (httpApi == null) {
            throw new IllegalStateException("The HTTP API is not running: configure httpPort and start the SMSC");
        }
        return httpApi.address();
    }

    /** Returns every received message, oldest first. */
    public List<ReceivedSms> messages() {
        return store.messages();
    }

    /**
     * Returns the messages to one destination, oldest first. A leading '+' is ignored on both sides, because SMPP
     * clients often send international numbers without it.
     */
    public List<ReceivedSms> messagesTo(String destination) {
        String wanted = withoutPlus(destination);
        return store.messages().stream().filter(message -> withoutPlus(message.destination()).equals(wanted)).toList();
    }

    /**
     * Rejects the next {@code count} submit_sm requests to {@code destination} with {@code commandStatus}, such as
     * {@code SMPPConstant.STAT_ESME_RINVDSTADR} for a permanent error or {@code STAT_ESME_RTHROTTLED} for a
     * temporary one, so that tests can exercise a client's error handling. A rejected part is not stored. A leading
     * '+' is ignored on both sides; the rule survives {@link #stop()} and {@link #start()}.
     *
     * @param count how many requests to reject; {@link Integer#MAX_VALUE} rejects until {@link #clearRejections()}
     */
    public void rejectSubmits(String destination, int commandStatus, int count) {
        rejections.add(withoutPlus(destination), commandStatus, count);
    }

    /** Removes every rule that {@link #rejectSubmits} added. */
    public void clearRejections() {
        rejections.clear();
    }

    static String withoutPlus(String address) {
        return address != null && address.startsWith("+") ? address.substring(1) : String.valueOf(address);
    }

    private void acceptSessions(SMPPServerSessionListener sessionListener, SmppSessions sessions) {
        while (true) {
            SMPPServerSession session;
            try {
                session = sessionListener.accept();
            } catch (IOException e) {
                // close() in stop() ends the blocking accept this way.
                log.debug("SMPP accept loop on port {} ended", port, e);
                return;
            }
            log.info("SMPP connection from {}, session {}", session.getInetAddress(), session.getSessionId());
            sessions.accept(session);
        }
    }

    private void startHttpApi() throws IOException {
        if (httpPort < 0) {
            return;
        }
        httpApi = new ReadOnlyJsonApi(httpPort).route("/sms", query -> {
            String destination = query.get("to");
            return destination == null || destination.isEmpty() ? messages() : messagesTo(destination);
        });
        httpApi.start();
        log.info("SMSC HTTP API listening on http://127.0.0.1:{}/sms", httpApi.address().getPort());
    }

    /** Configuration of an {@link Smsc}; system id and password are required. */
    public static final class Builder {
        private String systemId;
        private String password;
        private int port;
        private int httpPort = -1;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        public Builder systemId(String systemId) {
            this.systemId = systemId;
            return this;
        }

        public Builder password(String password) {
            this.password = password;
            return this;
        }

        /** Sets the SMPP port on 127.0.0.1; 0 (the default) picks a free port at the first start. */
        public Builder port(int port) {
            this.port = checkPort("SMPP", port);
            return this;
        }

        /** Sets the HTTP API port on 127.0.0.1; 0 picks a free port. Without this call there is no HTTP API. */
        public Builder httpPort(int httpPort) {
            this.httpPort = checkPort("HTTP", httpPort);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Smsc build() {
            checkLength("system id", systemId, MAX_SYSTEM_ID_LENGTH);
            checkLength("password", password, MAX_PASSWORD_LENGTH);
            return new Smsc(this);
        }

        private static int checkPort(String what, int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("Invalid " + what + " port " + port + ": use 0 to 65535");
            }
            return port;
        }

        private static void checkLength(String what, String value, int maxLength) {
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException("Missing SMPP " + what);
            }
            if (value.length() > maxLength) {
                throw new IllegalArgumentException("Invalid SMPP " + what + ": " + value.length()
                        + " characters, but SMPP 3.4 allows at most " + maxLength);
            }
        }
    }
}
