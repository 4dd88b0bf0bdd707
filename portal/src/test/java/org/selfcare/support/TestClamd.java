package org.selfcare.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import org.selfcare.platform.LoopbackPorts;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real ClamAV daemon for {@link PortalTest} contexts, from Debian's {@code clamav-daemon} package. Every context
 * is pointed at one free loopback port chosen once per test JVM, but clamd is started there only by tests that
 * upload documents ({@link #start()}), so other tests need no ClamAV. Its only signature is the EICAR test file,
 * named {@link #EICAR_SIGNATURE}, from a database this class writes; freshclam is never run.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestClamd {

    /** The EICAR anti-virus test file, split so that scanners do not flag this class file. */
    public static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

    /** Name of the EICAR signature in the test database, as clamd reports it ({@code .UNOFFICIAL} added). */
    public static final String EICAR_SIGNATURE = "Selfcare.Test.EICAR";

    private static final Path CLAMD = Path.of("/usr/sbin/clamd");

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private static final int PORT = LoopbackPorts.free();

    private static Process process;

    /**
     * Starts clamd on the shared port unless it runs already. Outside CI a machine without clamd skips the test;
     * in CI, which installs clamav-daemon first, its absence fails the test.
     */
    public static synchronized void start() {
        boolean installed = Files.isExecutable(CLAMD);
        if (!installed && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI must install clamav-daemon (/usr/sbin/clamd) before the tests");
        }
        assumeTrue(installed, "Debian's clamav-daemon is not installed");
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            Path folder = Files.createTempDirectory("clamd");
            Path database = Files.createDirectories(folder.resolve("db"));
            Files.createDirectories(folder.resolve("tmp"));
            // An .ndb line is the signature's name, the target type (0: any file), the offset (*: anywhere) and the
            // bytes in hex, so EICAR is found inside other files too.
            Files.writeString(database.resolve("selfcare-test.ndb"), EICAR_SIGNATURE + ":0:*:"
                    + HexFormat.of().formatHex(EICAR.getBytes(StandardCharsets.US_ASCII)) + "\n");
            Path config = folder.resolve("clamd.conf");
            Files.writeString(config, String.join("\n",
                    "Foreground yes",
                    "TCPAddr 127.0.0.1",
                    "TCPSocket " + PORT,
                    "DatabaseDirectory " + database,
                    "TemporaryDirectory " + folder.resolve("tmp"),
                    "PidFile " + folder.resolve("clamd.pid"),
                    "LogFile " + folder.resolve("clamd.log"),
                    "StreamMaxLength 25M",
                    "SelfCheck 0",
                    ""));
            process = new ProcessBuilder(CLAMD.toString(), "--config-file=" + config)
                    .redirectErrorStream(true)
                    .redirectOutput(folder.resolve("clamd.out").toFile())
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(TestClamd::stop));
            awaitPong(folder);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot start clamd", ex);
        }
    }

    /** Stops clamd, for tests of what uploads do without it; the next {@link #start()} starts it again. */
    public static synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    public static int port() {
        return PORT;
    }

    @Bean
    DynamicPropertyRegistrar clamdProperties() {
        return (registry) -> {
            registry.add("selfcare.purchase.document.clamd.host", () -> "127.0.0.1");
            registry.add("selfcare.purchase.document.clamd.port", () -> PORT);
            registry.add("selfcare.purchase.document.clamd.timeout", () -> "PT10S");
        };
    }

    private static void awaitPong(Path folder) throws IOException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("clamd exited at start: " + Files.readString(folder.resolve("clamd.out")));
            }
            if (ping()) {
                return;
            }
            try {
                Thread.sleep(200);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while clamd starts", ex);
            }
        }
        stop();
        throw new IllegalStateException("clamd did not answer PING within " + START_TIMEOUT + ": "
                + Files.readString(folder.resolve("clamd.out")));
    }

    private static boolean ping() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", PORT), 1000);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write("zPING\0".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readNBytes(4), StandardCharsets.US_ASCII).equals("PONG");
        }
        catch (IOException ex) {
            return false;
        }
    }
}
