package org.selfcare.sandbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the standalone command in its own JVM, as {@code java -jar} would, and stops it with SIGTERM. */
class SandboxCommandTest {

    private static final Pattern PORT = Pattern.compile("127\\.0\\.0\\.1:(\\d+)");

    @Test
    void smscCommandStartsAndStopsOnSigterm(@TempDir Path directory) throws Exception {
        Path passwordFile = directory.resolve("smsc-password");
        Files.writeString(passwordFile, "s3cret\n");
        Path output = directory.resolve("stdout.txt");

        Process process = start(output, "smsc", "--port", "0", "--http-port", "0", "--system-id", "selfcare",
                "--password-file", passwordFile.toString());
        try {
            List<String> lines = awaitLines(output, 2);
            assertThat(lines.get(0)).startsWith("SMSC listening for SMPP on 127.0.0.1:");
            assertThat(lines.get(1)).startsWith("HTTP API on http://127.0.0.1:");

            SMPPSession client = new SMPPSession();
            client.connectAndBind("127.0.0.1", port(lines.get(0)), new BindParameter(BindType.BIND_TRX, "selfcare",
                    "s3cret", "", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null));
            assertThat(client.getSessionState()).isEqualTo(SessionState.BOUND_TRX);
            client.unbindAndClose();

            process.destroy();
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
            assertThat(Files.readAllLines(output)).contains("Stopped");
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void mailCommandStartsAndStopsOnSigterm(@TempDir Path directory) throws Exception {
        Path output = directory.resolve("stdout.txt");

        Process process = start(output, "mail", "--port", "0", "--http-port", "0");
        try {
            List<String> lines = awaitLines(output, 2);
            assertThat(lines.get(0)).startsWith("Mail sink listening for SMTP on 127.0.0.1:");
            assertThat(lines.get(1)).startsWith("HTTP API on http://127.0.0.1:");

            process.destroy();
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
            assertThat(Files.readAllLines(output)).contains("Stopped");
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void paymentsCommandServesTheApiWithItsCertificate(@TempDir Path directory) throws Exception {
        Path keyFile = directory.resolve("secret-key");
        Files.writeString(keyFile, "sk_test_cli_0123456789\n");
        Path certificate = directory.resolve("payments.pem");
        Path output = directory.resolve("stdout.txt");

        Process process = start(output, "payments", "--port", "0", "--secret-key-file", keyFile.toString(),
                "--certificate-out", certificate.toString());
        try {
            List<String> lines = awaitLines(output, 3);
            assertThat(lines.get(0)).startsWith("Payment sandbox listening on https://127.0.0.1:");
            HttpClient client = HttpClient.newBuilder().sslContext(trusting(certificate)).build();
            URI base = URI.create("https://127.0.0.1:" + port(lines.get(0)));

            HttpResponse<String> withoutKey = client.send(HttpRequest.newBuilder(base.resolve("/v1/payment_intents/pi_1"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(withoutKey.statusCode()).isEqualTo(401);
            HttpResponse<String> withKey = client.send(HttpRequest.newBuilder(base.resolve("/v1/payment_intents/pi_1"))
                    .header("Authorization", "Bearer sk_test_cli_0123456789").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(withKey.statusCode()).isEqualTo(404);
            HttpResponse<String> records = client.send(HttpRequest.newBuilder(base.resolve("/sandbox/records"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(records.body()).contains("\"status\":401", "\"status\":404");

            process.destroy();
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
            assertThat(Files.readAllLines(output)).contains("Stopped");
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void smscCommandWithoutPasswordFileFails(@TempDir Path directory) throws Exception {
        Process process = start(directory.resolve("stdout.txt"), "smsc", "--port", "0");

        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(errors).contains("Missing required option: '--password-file=FILE'");
    }

    /** Starts the command with its standard output in a file, which outlives the process, unlike its pipe. */
    private static Process start(Path output, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(SandboxCommand.class.getName());
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).redirectOutput(output.toFile()).start();
    }

    private static List<String> awaitLines(Path output, int count) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<String> lines = List.of();
        while (System.nanoTime() < deadline) {
            lines = Files.exists(output) ? Files.readAllLines(output) : List.of();
            if (lines.size() >= count) {
                return lines;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Expected " + count + " lines of output within 30 s, got " + lines);
    }

    private static SSLContext trusting(Path pem) throws Exception {
        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        trustStore.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            trustStore.setCertificateEntry("sandbox", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trustStore);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static int port(String line) {
        Matcher matcher = PORT.matcher(line);
        assertThat(matcher.find()).as("port in %s", line).isTrue();
        return Integer.parseInt(matcher.group(1));
    }

}
