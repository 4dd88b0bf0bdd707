package org.selfcare.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.selfcare.identity.SubscriberDirectory;
import org.selfcare.operator.ProvisionedSubscriber;
import org.selfcare.operator.ProvisioningRequest;
import org.selfcare.operator.SubscriberProvisioning;
import org.selfcare.platform.OwnerOnlyFiles;
import org.selfcare.platform.PhoneNumbers;
import org.selfcare.platform.SelfcareProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Provisions two demo subscribers through the real provisioning service, so a person can walk the first sign-in
 * by hand. Their purchase data is fictitious and written to {@code selfcare.data-dir}/demo-first-sign-in.txt.
 * Their initial passwords are not in that file: they arrive by SMS like a real subscriber's.
 */
@Component
@Profile("demo")
class DemoFirstSignIn {

    static final String FILE = "demo-first-sign-in.txt";

    /**
     * Subscribers to provision, with numbers from the UK drama range that the demo's call data does not use.
     */
    static final List<ProvisioningRequest> SUBSCRIBERS = List.of(
            new ProvisioningRequest("07700 900901", "GB", "Ada Lovelace", "Europe/London", "ada@example.org",
                    "4821"),
            new ProvisioningRequest("07700 900902", "GB", "Alan Turing", "Europe/London", "alan@example.org",
                    "K7Q2"));

    private static final Logger logger = LoggerFactory.getLogger(DemoFirstSignIn.class);

    private final SubscriberProvisioning provisioning;

    private final SubscriberDirectory directory;

    private final SelfcareProperties properties;

    DemoFirstSignIn(SubscriberProvisioning provisioning, SubscriberDirectory directory,
            SelfcareProperties properties) {
        this.provisioning = provisioning;
        this.directory = directory;
        this.properties = properties;
    }

    /**
     * Provisions the demo subscribers that do not exist yet and writes their purchase data to the demo file.
     */
    void ensureProvisioned() throws IOException {
        StringBuilder text = new StringBuilder("""
                Demo subscribers for the first sign-in. Sign in at /signin with the number and the initial password
                from the SMS that provisioning sent to the number. Then confirm with the document characters and the
                e-mail address below, and choose a new password. The initial password expires after
                selfcare.provisioning.initial-password-validity (default 14 days).

                """);
        for (ProvisioningRequest request : SUBSCRIBERS) {
            String e164 = PhoneNumbers.toE164(request.msisdn(), request.region()).orElseThrow();
            String state;
            if (directory.findByE164(e164).isEmpty()) {
                ProvisionedSubscriber created = provisioning.provision(request, null, "demo data");
                state = "provisioned; the initial password expires at " + created.initialPasswordExpiresAt();
            }
            else {
                state = "provisioned at an earlier start; status " + directory.findByE164(e164).get().status();
            }
            text.append("number: ").append(request.msisdn())
                    .append("\nidentity document characters: ").append(request.identityDocumentDigits())
                    .append("\ncontact e-mail: ").append(request.contactEmail())
                    .append("\nstate: ").append(state)
                    .append("\n\n");
        }
        Path file = properties.dataDir().resolve(FILE).toAbsolutePath();
        Files.createDirectories(file.getParent());
        // The file lists demo subscribers' numbers with the data their first sign-in requires.
        OwnerOnlyFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
        logger.info("Demo first sign-in: numbers and purchase data in {}", file);
    }
}
