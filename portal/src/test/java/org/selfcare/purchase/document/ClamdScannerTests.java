package org.selfcare.purchase.document;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import org.selfcare.purchase.document.DocumentProperties.Clamd;
import org.selfcare.purchase.document.VirusScanner.ScannerUnavailableException;

import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The clamd client against stand-in servers on this machine: the INSTREAM framing over a Unix socket, the time-out
 * when clamd accepts and never replies, and error replies. The real clamd is tested in
 * {@link IdentityDocumentUploadTests}. Also the start-up rule: no scanner, no start, except in the demo.
 */
class ClamdScannerTests {

    @Test
    void streamsInChunksOverUnixSocket() throws Exception {
        Path socket = Files.createTempDirectory("clamd-test").resolve("clamd.ctl");
        byte[] content = new byte[150_000];
        content[149_999] = 7;

        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> answer(server, "stream: OK"));

            ClamdScanner scanner = new ClamdScanner(new Clamd(null, 3310, socket, Duration.ofSeconds(5)));

            assertThat(scanner.scan(content)).isEmpty();
            assertThat(received.get()).isEqualTo(content);
        }
    }

    @Test
    void reportsSignatureFound() throws Exception {
        ClamdScanner scanner = fakeClamd("stream: Win.Test.EICAR_HDB-1 FOUND");

        assertThat(scanner.scan(new byte[] { 1 })).contains("Win.Test.EICAR_HDB-1");
    }

    @Test
    void errorReplyIsUnavailable() throws Exception {
        ClamdScanner scanner = fakeClamd("INSTREAM size limit exceeded. ERROR");

        assertThatThrownBy(() -> scanner.scan(new byte[] { 1 })).isInstanceOf(ScannerUnavailableException.class)
                .hasMessageContaining("size limit exceeded");
    }

    @Test
    void silentClamdTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    return silent.accept();
                }
                catch (IOException ex) {
                    return null;
                }
            });
            ClamdScanner scanner = new ClamdScanner(new Clamd("127.0.0.1", silent.getLocalPort(), null,
                    Duration.ofSeconds(1)));
            Instant start = Instant.now();

            assertThatThrownBy(() -> scanner.scan(new byte[] { 1 })).isInstanceOf(ScannerUnavailableException.class)
                    .hasMessageContaining("did not answer within");
            assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(5));
            accepted.get().close();
        }
    }

    @Test
    void missingSocketIsUnavailable() throws Exception {
        Path socket = Files.createTempDirectory("clamd-test").resolve("absent.ctl");
        ClamdScanner scanner = new ClamdScanner(new Clamd(null, 3310, socket, Duration.ofSeconds(2)));

        assertThatThrownBy(() -> scanner.scan(new byte[] { 1 })).isInstanceOf(ScannerUnavailableException.class)
                .hasMessageContaining("cannot be reached");
    }

    @Test
    void portalWithoutScannerDoesNotStart() {
        DocumentProperties unconfigured = new DocumentProperties(DataSize.ofMegabytes(5), null,
                new Clamd(null, 3310, null, Duration.ofSeconds(30)));

        assertThatIllegalStateException()
                .isThrownBy(() -> new DocumentConfiguration().virusScanner(unconfigured, new MockEnvironment()))
                .withMessageContaining("selfcare.purchase.document.clamd.socket");
    }

    @Test
    void demoWithoutScannerStartsUnscanned() {
        DocumentProperties unconfigured = new DocumentProperties(DataSize.ofMegabytes(5), null,
                new Clamd(null, 3310, null, Duration.ofSeconds(30)));
        MockEnvironment demo = new MockEnvironment();
        demo.setActiveProfiles("demo");

        VirusScanner scanner = new DocumentConfiguration().virusScanner(unconfigured, demo);

        assertThat(scanner.scan(new byte[] { 1 })).isEmpty();
    }

    /**
     * Starts a stand-in clamd on a Unix socket that replies {@code reply} to one scan, and returns a scanner
     * pointed at it. The server thread ends after that scan; the socket file stays in a temporary folder.
     */
    private static ClamdScanner fakeClamd(String reply) throws IOException {
        Path socket = Files.createTempDirectory("clamd-test").resolve("clamd.ctl");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        CompletableFuture.runAsync(() -> {
            try (server) {
                answer(server, reply);
            }
            catch (IOException ex) {
                throw new IllegalStateException(ex);
            }
        });
        return new ClamdScanner(new Clamd(null, 3310, socket, Duration.ofSeconds(5)));
    }

    /** Reads one INSTREAM command, replies {@code reply} and returns the streamed content. */
    private static byte[] answer(ServerSocketChannel server, String reply) {
        try (SocketChannel client = server.accept()) {
            InputStream in = Channels.newInputStream(client);
            byte[] command = in.readNBytes("zINSTREAM\0".length());
            assertThat(new String(command, StandardCharsets.US_ASCII)).isEqualTo("zINSTREAM\0");
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            while (true) {
                int length = ByteBuffer.wrap(in.readNBytes(4)).getInt();
                if (length == 0) {
                    break;
                }
                assertThat(length).isLessThanOrEqualTo(64 * 1024);
                content.writeBytes(in.readNBytes(length));
            }
            client.write(ByteBuffer.wrap((reply + "\0").getBytes(StandardCharsets.US_ASCII)));
            return content.toByteArray();
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
