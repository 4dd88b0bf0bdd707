package org.selfcare;

import org.selfcare.audit.VerifyAuditCommand;
import org.selfcare.integrity.VerifySealsCommand;
import org.selfcare.operator.ProvisionSubscriberCommand;
import org.selfcare.operator.staff.StaffCommand;
import org.selfcare.purchase.catalogue.CatalogueCommand;
import org.selfcare.subscription.ServicesCommand;
import org.selfcare.usage.ImportCdrCommand;
import picocli.CommandLine;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The commands of the portal's jar. Each runs in an application without a web server, against the same
 * database and settings as the portal.
 */
public final class SelfcareCommands {

    public static final String IMPORT_CDR = "import-cdr";

    public static final String VERIFY_AUDIT = "verify-audit";

    public static final String PROVISION_SUBSCRIBER = "provision-subscriber";

    public static final String VERIFY_SEALS = "verify-seals";

    public static final String CATALOGUE = "catalogue";

    public static final String STAFF = "staff";

    public static final String SERVICES = "services";

    private SelfcareCommands() {
    }

    /**
     * Runs {@code import-cdr} with the arguments that follow the command's name and returns its exit code.
     */
    public static int importCdr(String[] args) {
        return run(ImportCdrCommand.class, args);
    }

    /**
     * Runs {@code verify-audit} with the arguments that follow the command's name and returns its exit code.
     */
    public static int verifyAudit(String[] args) {
        return run(VerifyAuditCommand.class, args);
    }

    /**
     * Runs {@code provision-subscriber} with the arguments that follow the command's name and returns its exit
     * code.
     */
    public static int provisionSubscriber(String[] args) {
        return run(ProvisionSubscriberCommand.class, args);
    }

    /**
     * Runs {@code verify-seals} with the arguments that follow the command's name and returns its exit code. An
     * application that fails to start, for example without a database or a sealing key, exits with 2, because
     * 1 means that the check ran and found broken seals.
     */
    public static int verifySeals(String[] args) {
        try {
            return run(VerifySealsCommand.class, args);
        }
        catch (RuntimeException ex) {
            System.err.println("verify-seals could not run: " + ex.getMessage());
            return VerifySealsCommand.COULD_NOT_RUN;
        }
    }

    /**
     * Runs {@code catalogue} with the arguments that follow the command's name and returns its exit code.
     */
    public static int catalogue(String[] args) {
        return run(CatalogueCommand.class, args);
    }

    /**
     * Runs {@code staff} with the arguments that follow the command's name and returns its exit code.
     */
    public static int staff(String[] args) {
        return run(StaffCommand.class, args);
    }

    /**
     * Runs {@code services} with the arguments that follow the command's name and returns its exit code.
     */
    public static int services(String[] args) {
        return run(ServicesCommand.class, args);
    }

    private static int run(Class<?> command, String[] args) {
        SpringApplication application = new SpringApplication(SelfcareApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setAdditionalProfiles("command");
        application.setLogStartupInfo(false);
        try (ConfigurableApplicationContext context = application.run()) {
            return new CommandLine(context.getBean(command)).execute(args);
        }
    }
}
