package org.selfcare.sandbox.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.selfcare.sandbox.payments.PaymentSandbox;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the stand-in payment provider. */
@Command(name = "payments", mixinStandardHelpOptions = true,
        description = "Runs an HTTPS payment provider that speaks Stripe's PaymentIntents API, serves a hosted"
                + " payment page and sends signed webhooks; records at GET /sandbox/records.")
final class PaymentsCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "12111", description = "HTTPS port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--secret-key-file", required = true, paramLabel = "FILE",
            description = "file whose first line is the secret API key, at least 16 characters")
    Path secretKeyFile;

    @Option(names = "--webhook-url", paramLabel = "URL", description = "where to POST webhook events, such as https://127.0.0.1:8443/payments/webhook; without it events wait")
    URI webhookUrl;

    @Option(names = "--webhook-secret-file", paramLabel = "FILE",
            description = "file whose first line is the webhook signing secret; required with --webhook-url")
    Path webhookSecretFile;

    @Option(names = "--webhook-trust-certificate", paramLabel = "FILE",
            description = "PEM certificate(s) the webhook endpoint's chain must end in; default: the JVM's trust store")
    Path webhookTrust;

    @Option(names = "--certificate-out", paramLabel = "FILE",
            description = "write the sandbox's generated certificate there as PEM, for clients to trust")
    Path certificateOut;

    @Override
    public Integer call() throws IOException {
        PaymentSandbox.Builder builder = PaymentSandbox.builder()
                .secretKey(SandboxCommand.readFirstLine(secretKeyFile, "secret key"))
                .port(port);
        if (webhookUrl != null) {
            if (webhookSecretFile == null) {
                throw new IllegalArgumentException("Missing --webhook-secret-file: webhooks need a signing secret");
            }
            String pem = webhookTrust == null ? null : Files.readString(webhookTrust, StandardCharsets.US_ASCII);
            builder.webhooks(webhookUrl, SandboxCommand.readFirstLine(webhookSecretFile, "webhook secret"),
                    pem == null ? List.of() : PaymentSandbox.readCertificates(pem));
        }
        PaymentSandbox provider = builder.build();
        provider.start();
        if (certificateOut != null) {
            Files.writeString(certificateOut, provider.certificatePem(), StandardCharsets.US_ASCII);
        }
        System.out.println("Payment sandbox listening on " + provider.apiBase()
                + (webhookUrl == null ? "" : ", webhooks to " + webhookUrl));
        System.out.println("Records on " + provider.apiBase() + "/sandbox/records");
        if (certificateOut != null) {
            System.out.println("Certificate written to " + certificateOut);
        }
        System.out.flush();
        SandboxCommand.runUntilShutdown(provider::close);
        return 0;
    }
}
