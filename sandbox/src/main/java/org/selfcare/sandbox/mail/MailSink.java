package org.selfcare.sandbox.mail;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.selfcare.sandbox.http.ReadOnlyJsonApi;
import org.selfcare.sandbox.tls.SelfSignedTls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * A stand-in mail server: SMTP on 127.0.0.1 that accepts every message for every recipient and stores it. With
 * STARTTLS enabled it offers TLS with a self-signed certificate generated at start, and still accepts clients that
 * do not upgrade. Stored messages survive {@link #stop()} and {@link #start()}.
 */
public final class MailSink implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MailSink.class);

    private final int httpPort;
    private final boolean startTls;
    private final Clock clock;
    private final List<ReceivedMail> messages = new ArrayList<>();
    private final Set<String> rejectedRecipients = ConcurrentHashMap.newKeySet();
    private final Session mailSession = Session.getInstance(new Properties());
    private int port;
    private SMTPServer server;
    private ReadOnlyJsonApi httpApi;

    private MailSink(Builder builder) {
        this.port = builder.port;
        this.httpPort = builder.httpPort;
        this.startTls = builder.startTls;
        this.clock = builder.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts the SMTP server and, if configured, the HTTP API. Does nothing when already started. */
    public synchronized void start() throws IOException {
        if (server != null) {
            return;
        }
        SMTPServer.Builder smtp = SMTPServer.port(port)
                .bindAddress(InetAddress.getLoopbackAddress())
                .hostName("localhost")
                .softwareName("Selfcare sandbox mail sink")
                .messageHandlerFactory(StoringHandler::new);
        if (startTls) {
            try {
                smtp.enableTLS().startTlsSocketFactory(SelfSignedTls.generate("Selfcare sandbox mail sink").serverContext());
            } catch (GeneralSecurityException e) {
                throw new IOException("Creating the STARTTLS certificate failed", e);
            }
        }
        SMTPServer started = smtp.build();
        started.start();
        server = started;
        port = started.getPortAllocated();
        startHttpApi();
        log.info("Mail sink listening for SMTP on 127.0.0.1:{}{}", port, startTls ? " with STARTTLS" : "");
    }

    /** Stops the SMTP server and the HTTP API. Keeps the stored messages. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.stop();
        server = null;
        if (httpApi != null) {
            httpApi.stop();
            httpApi = null;
        }
        log.info("Mail sink on port {} stopped", port);
    }

    @Override
    public void close() {
        stop();
    }

    /** Returns the SMTP port: the bound one once started, the configured one (perhaps 0) before. */
    public synchronized int port() {
        return port;
    }

    /** Returns the HTTP API's address; only while started with an HTTP port configured. */
    public synchronized InetSocketAddress httpAddress() {
        if (httpApi == null) {
            throw new IllegalStateException("The HTTP API is not running: configure httpPort and start the mail sink");
        }
        return httpApi.address();
    }

    /** Returns every received message, oldest first. */
    public synchronized List<ReceivedMail> messages() {
        return List.copyOf(messages);
    }

    /** Returns the messages with {@code recipient} among their RCPT TO addresses, ignoring case, oldest first. */
    public synchronized List<ReceivedMail> messagesTo(String recipient) {
        return messages.stream()
                .filter(message -> message.recipients().stream().anyMatch(to -> to.equalsIgnoreCase(recipient)))
                .toList();
    }

    /**
     * Rejects RCPT TO for {@code recipient} with reply code 550 from now on, ignoring case, so tests can exercise
     * a client's handling of a recipient that a relay rejects for good. The rule survives {@link #stop()} and {@link #start()}.
     */
    public void rejectRecipient(String recipient) {
        rejectedRecipients.add(recipient.toLowerCase(Locale.ROOT));
    }

    /** Removes every rule that {@link #rejectRecipient} added. */
    public void clearRejections() {
        rejectedRecipients.clear();
    }

    private synchronized void store(ReceivedMail message) {
        messages.add(message);
    }

    private void startHttpApi() throws IOException {
        if (httpPort < 0) {
            return;
        }
        httpApi = new ReadOnlyJsonApi(httpPort).route("/mail", query -> {
            String recipient = query.get("to");
            return recipient == null || recipient.isEmpty() ? messages() : messagesTo(recipient);
        });
        httpApi.start();
        log.info("Mail sink HTTP API listening on http://127.0.0.1:{}/mail", httpApi.address().getPort());
    }

    /** Collects one SMTP transaction; SubEthaSMTP creates one per MAIL FROM. */
    private final class StoringHandler implements MessageHandler {
        private final MessageContext context;
        private String from = "";
        private final List<String> recipients = new ArrayList<>();

        StoringHandler(MessageContext context) {
            this.context = context;
        }

        @Override
        public void from(String from) {
            this.from = from == null ? "" : from;
        }

        @Override
        public void recipient(String recipient) throws RejectException {
            if (recipient != null && rejectedRecipients.contains(recipient.toLowerCase(Locale.ROOT))) {
                throw new RejectException(550, "5.1.1 Recipient rejected as configured");
            }
            recipients.add(recipient);
        }

        @Override
        public String data(InputStream data) throws IOException {
            String subject = null;
            String text = null;
            try {
                MimeMessage message = new MimeMessage(mailSession, data);
                subject = message.getSubject();
                text = firstPlainText(message);
            } catch (MessagingException e) {
                // The sink accepts every message, so one it cannot parse is kept with its envelope only.
                log.warn("Parsing message from {} in session {} failed, storing its envelope only", from,
                        context.getSessionId(), e);
            }
            store(new ReceivedMail(from, recipients, subject, text, clock.instant()));
            log.info("Received mail from {} to {}", from, recipients);
            return null;
        }

        @Override
        public void done() {
        }
    }

    private static String firstPlainText(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return part.getContent().toString();
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                String text = firstPlainText(child);
                if (text != null) {
                    return text;
                }
            }
        }
        return null;
    }

    /** Configuration of a {@link MailSink}. */
    public static final class Builder {
        private int port;
        private int httpPort = -1;
        private boolean startTls;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Sets the SMTP port on 127.0.0.1; 0 (the default) picks a free port at the first start. */
        public Builder port(int port) {
            this.port = checkPort("SMTP", port);
            return this;
        }

        /** Sets the HTTP API port on 127.0.0.1; 0 picks a free port. Without this call there is no HTTP API. */
        public Builder httpPort(int httpPort) {
            this.httpPort = checkPort("HTTP", httpPort);
            return this;
        }

        /** Offers STARTTLS with a self-signed certificate; off by default. */
        public Builder startTls(boolean startTls) {
            this.startTls = startTls;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public MailSink build() {
            return new MailSink(this);
        }

        private static int checkPort(String what, int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("Invalid " + what + " port " + port + ": use 0 to 65535");
            }
            return port;
        }
    }
}
