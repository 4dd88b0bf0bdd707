package org.selfcare.operator;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * {@code provision-subscriber}: creates a subscriber who receives the initial password and the service password
 * by SMS and must finish the first sign-in before using the portal.
 */
@Component
@Command(name = "provision-subscriber", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Provisions a subscriber with a prepaid account. The subscriber receives a generated initial "
                + "password and service password by SMS, and must verify their identity and choose a new password "
                + "at the first sign-in.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:the subscriber was provisioned", "1:a field is invalid",
                "2:invalid or missing options", "3:a subscriber with this phone number already exists" })
public class ProvisionSubscriberCommand implements Callable<Integer> {

    static final int INVALID_FIELD = 1;

    static final int DUPLICATE = 3;

    @Option(names = "--msisdn", required = true, paramLabel = "NUMBER",
            description = "phone number, such as \"07700 900123\" or +447700900123")
    String msisdn;

    @Option(names = "--region", required = true, paramLabel = "CC",
            description = "ISO 3166 region for a number written without a country code, such as GB")
    String region;

    @Option(names = "--display-name", required = true, paramLabel = "NAME", description = "name shown on the portal")
    String displayName;

    @Option(names = "--time-zone", required = true, paramLabel = "ZONE",
            description = "IANA time zone id for showing times, such as Europe/London")
    String timeZone;

    @Option(names = "--contact-email", required = true, paramLabel = "EMAIL",
            description = "e-mail address given at purchase; checked at the first sign-in")
    String contactEmail;

    @Option(names = "--identity-document-digits", required = true, paramLabel = "XXXX",
            description = "last 4 characters of the identity document number given at purchase; checked at the "
                    + "first sign-in and stored only as a hash")
    String identityDocumentDigits;

    @Spec
    CommandSpec spec;

    private final SubscriberProvisioning provisioning;

    private final MessageSource messages;

    ProvisionSubscriberCommand(SubscriberProvisioning provisioning, MessageSource messages) {
        this.provisioning = provisioning;
        this.messages = messages;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ProvisioningRequest request = new ProvisioningRequest(msisdn, region, displayName, timeZone, contactEmail,
                identityDocumentDigits);
        try {
            ProvisionedSubscriber created = provisioning.provision(request, null, "provision-subscriber command");
            out.printf("Provisioned subscriber id %d, phone number %s, status PROVISIONED. The initial password "
                    + "was sent by SMS and signs in until %s.%n", created.id(), created.msisdnE164(),
                    created.initialPasswordExpiresAt());
            return 0;
        }
        catch (InvalidProvisioningRequestException ex) {
            ex.problems().forEach(err::println);
            return INVALID_FIELD;
        }
        catch (DuplicateSubscriberException ex) {
            err.println(messages.getMessage("provisioning.duplicate", new Object[] { ex.msisdnE164() },
                    LocaleContextHolder.getLocale()));
            return DUPLICATE;
        }
        finally {
            out.flush();
            err.flush();
        }
    }
}
