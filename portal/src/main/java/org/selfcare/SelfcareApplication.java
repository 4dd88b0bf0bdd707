package org.selfcare;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Starts the Selfcare portal, or runs the {@code import-cdr}, {@code verify-audit}, {@code verify-seals},
 * {@code provision-subscriber}, {@code catalogue}, {@code services} or {@code staff} command when the first argument names it.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SelfcareApplication {

    public static void main(String[] args) {
        if (args.length > 0 && SelfcareCommands.IMPORT_CDR.equals(args[0])) {
            System.exit(SelfcareCommands.importCdr(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && SelfcareCommands.VERIFY_AUDIT.equals(args[0])) {
            System.exit(SelfcareCommands.verifyAudit(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && SelfcareCommands.VERIFY_SEALS.equals(args[0])) {
            System.exit(SelfcareCommands.verifySeals(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && SelfcareCommands.PROVISION_SUBSCRIBER.equals(args[0])) {
            System.exit(SelfcareCommands.provisionSubscriber(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && SelfcareCommands.CATALOGUE.equals(args[0])) {
            System.exit(SelfcareCommands.catalogue(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && SelfcareCommands.STAFF.equals(args[0])) {
            System.exit(SelfcareCommands.staff(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && SelfcareCommands.SERVICES.equals(args[0])) {
            System.exit(SelfcareCommands.services(Arrays.copyOfRange(args, 1, args.length)));
        }
        SpringApplication.run(SelfcareApplication.class, args);
    }
}
