package org.selfcare.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;

import org.selfcare.platform.LoopbackPorts;
import org.selfcare.platform.SecretFile;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;

/**
 * Points the demo's SMS and e-mail channels and its payment provider at the sandbox SMSC, mail sink and payment
 * provider that {@link DemoSandbox} starts: picks a free loopback port for each, a random SMPP password, and a
 * secret key and webhook secret kept in {@code selfcare.data-dir}/demo-payments, and adds them to the environment
 * ahead of every other source. With {@code selfcare.demo.sandbox.enabled=false} it does nothing, so the demo uses the
 * {@code selfcare.notification.sms.*} and {@code spring.mail.*} settings it is given.
 */
public class DemoSandboxEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String PROPERTY_SOURCE = "selfcareDemoSandbox";

    static final String SYSTEM_ID = "selfcare";

    /** The folder under {@code selfcare.data-dir} with the demo payment provider's secrets and certificate. */
    static final String PAYMENTS_DIRECTORY = "demo-payments";

    private static final String PASSWORD_CHARACTERS = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private static final SecureRandom random = new SecureRandom();

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.acceptsProfiles(Profiles.of("demo & !command"))
                || !environment.getProperty("selfcare.demo.sandbox.enabled", Boolean.class, true)) {
            return;
        }
        Map<String, Object> settings = new HashMap<>();
        // NOTE: another process could take a port between this check and the sandbox's start. The demo then
        // fails to start with "Address already in use", and a second start picks new ports. LoopbackPorts picks
        // them below the range the kernel hands out to outgoing connections, so at least those cannot take them.
        int smppPort = freeLoopbackPort();
        int smtpPort = freeLoopbackPort();
        settings.put("selfcare.demo.sandbox.smpp-port", smppPort);
        settings.put("selfcare.demo.sandbox.smtp-port", smtpPort);
        settings.put("selfcare.notification.sms.host", "127.0.0.1");
        settings.put("selfcare.notification.sms.port", smppPort);
        settings.put("selfcare.notification.sms.system-id", SYSTEM_ID);
        settings.put("selfcare.notification.sms.password", randomPassword());
        settings.put("spring.mail.host", "127.0.0.1");
        settings.put("spring.mail.port", smtpPort);
        settings.put("spring.mail.username", "");
        settings.put("spring.mail.password", "");
        // The sink's STARTTLS certificate is self-signed and generated at each start, so the demo trusts the
        // loopback address explicitly; STARTTLS stays required.
        settings.put("spring.mail.properties.mail.smtp.ssl.trust", "127.0.0.1");
        settings.putAll(paymentSettings(environment));
        environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, settings));
    }

    /**
     * Returns the provider settings, generating the secrets on the first start. The secrets are kept, so payments
     * started before a restart can still be confirmed. {@link DemoSandbox} writes the certificate file when the
     * sandbox provider starts.
     */
    private static Map<String, Object> paymentSettings(ConfigurableEnvironment environment) {
        Path directory = Path.of(environment.getProperty("selfcare.data-dir", "data")).resolve(PAYMENTS_DIRECTORY);
        try {
            SecretFile.readOrCreate(directory.resolve("secret-key"));
            SecretFile.readOrCreate(directory.resolve("webhook-secret"));
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot create the demo payment provider's secrets in " + directory, ex);
        }
        int paymentsPort = freeLoopbackPort();
        Map<String, Object> settings = new HashMap<>();
        settings.put("selfcare.demo.sandbox.payments-port", paymentsPort);
        settings.put("selfcare.payment.provider.api-base", "https://127.0.0.1:" + paymentsPort);
        settings.put("selfcare.payment.provider.secret-key-file", directory.resolve("secret-key").toString());
        settings.put("selfcare.payment.provider.webhook-secret-file", directory.resolve("webhook-secret").toString());
        settings.put("selfcare.payment.provider.trust-certificate", directory.resolve("provider.pem").toString());
        return settings;
    }

    private static int freeLoopbackPort() {
        return LoopbackPorts.free();
    }

    /** Returns 8 random characters, the longest password SMPP 3.4 allows. */
    private static String randomPassword() {
        StringBuilder password = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            password.append(PASSWORD_CHARACTERS.charAt(random.nextInt(PASSWORD_CHARACTERS.length())));
        }
        return password.toString();
    }
}
