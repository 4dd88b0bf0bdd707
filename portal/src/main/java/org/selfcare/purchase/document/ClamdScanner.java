package org.selfcare.purchase.document;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.selfcare.purchase.document.DocumentProperties.Clamd;

/**
 * Scans with ClamAV's daemon, clamd, over its socket protocol: the {@code zINSTREAM} command, the content in
 * chunks each preceded by its length as a 4-byte big-endian number, a zero length to end, and a reply ending in
 * a NUL byte ({@code stream: OK} or {@code stream: <signature> FOUND}). A connection is opened per scan, over TCP
 * or a Unix socket. The whole exchange, connecting included, must end within the configured time-out: a watchdog
 * closes the channel when it does not, which also ends a blocked connect or read.
 */
final class ClamdScanner implements VirusScanner {

    /** Chunk size; clamd's StreamMaxLength (25 MB by default) limits the sum of the chunks, not their size. */
    private static final int CHUNK_SIZE = 64 * 1024;

    /** Longest reply read; real replies are a signature name and a few words. */
    private static final int MAX_REPLY = 1024;

    private static final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor((task) -> {
        Thread thread = new Thread(task, "clamd-timeout");
        thread.setDaemon(true);
        return thread;
    });

    private final SocketAddress address;

    private final String description;

    private final Duration timeout;

    ClamdScanner(Clamd clamd) {
        if (clamd.socket() != null) {
            this.address = UnixDomainSocketAddress.of(clamd.socket());
            this.description = "unix:" + clamd.socket();
        }
        else {
            this.address = new InetSocketAddress(clamd.host(), clamd.port());
            this.description = clamd.host() + ":" + clamd.port();
        }
        this.timeout = clamd.timeout();
    }

    /** Returns where clamd is expected, for log lines. */
    String description() {
        return description;
    }

    @Override
    public Optional<String> scan(byte[] content) {
        AtomicBoolean timedOut = new AtomicBoolean();
        try (SocketChannel channel = (address instanceof UnixDomainSocketAddress)
                ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open()) {
            ScheduledFuture<?> deadline = watchdog.schedule(() -> {
                timedOut.set(true);
                closeQuietly(channel);
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
            try {
                channel.connect(resolved());
                send(channel, content);
                return parse(readReply(channel));
            }
            finally {
                deadline.cancel(false);
            }
        }
        catch (IOException ex) {
            String reason = timedOut.get() ? "clamd at " + description + " did not answer within " + timeout
                    : "clamd at " + description + " cannot be reached: " + ex.getMessage();
            throw new ScannerUnavailableException(reason, ex);
        }
    }

    /** Resolves a host name at each scan, so a changed address is picked up without a restart. */
    private SocketAddress resolved() {
        if (address instanceof InetSocketAddress inet && inet.isUnresolved()) {
            return new InetSocketAddress(inet.getHostString(), inet.getPort());
        }
        return address;
    }

    private static void send(SocketChannel channel, byte[] content) throws IOException {
        OutputStream out = Channels.newOutputStream(channel);
        out.write("zINSTREAM\0".getBytes(StandardCharsets.US_ASCII));
        for (int offset = 0; offset < content.length; offset += CHUNK_SIZE) {
            int length = Math.min(CHUNK_SIZE, content.length - offset);
            out.write(ByteBuffer.allocate(4).putInt(length).array());
            out.write(content, offset, length);
        }
        out.write(new byte[4]);
        out.flush();
    }

    private static String readReply(SocketChannel channel) throws IOException {
        InputStream in = Channels.newInputStream(channel);
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        int next;
        while ((next = in.read()) > 0) {
            if (reply.size() == MAX_REPLY) {
                throw new IOException("clamd's reply is longer than " + MAX_REPLY + " bytes");
            }
            reply.write(next);
        }
        return reply.toString(StandardCharsets.US_ASCII).strip();
    }

    /**
     * Reads clamd's reply. Anything other than a clean or infected verdict, such as {@code INSTREAM size limit
     * exceeded. ERROR}, is a failure, so the content is not accepted.
     */
    private Optional<String> parse(String reply) {
        String verdict = reply.startsWith("stream: ") ? reply.substring("stream: ".length()) : reply;
        if (verdict.equals("OK")) {
            return Optional.empty();
        }
        if (verdict.endsWith(" FOUND")) {
            String signature = verdict.substring(0, verdict.length() - " FOUND".length());
            // The name comes from the signature database and goes into logs, so only plain characters are kept.
            return Optional.of(signature.replaceAll("[^A-Za-z0-9._:-]", "_"));
        }
        throw new ScannerUnavailableException("clamd at " + description + " failed to scan: "
                + verdict.replaceAll("[^\\x20-\\x7e]", "?"));
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        }
        catch (IOException ex) {
            // The scan fails with the time-out as its reason; the close error adds nothing.
        }
    }
}
