package org.selfcare;

import java.util.Arrays;

import org.selfcare.usage.ImportCdrCommand;
import picocli.CommandLine;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Starts the Selfcare portal, or runs the {@code import-cdr} command when the first argument names it.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class SelfcareApplication {

    static final String IMPORT_COMMAND = "import-cdr";

    public static void main(String[] args) {
        if (args.length > 0 && IMPORT_COMMAND.equals(args[0])) {
            System.exit(runImport(Arrays.copyOfRange(args, 1, args.length)));
        }
        SpringApplication.run(SelfcareApplication.class, args);
    }

    /**
     * Runs {@code import-cdr} in an application without a web server, against the same database the portal uses.
     */
    static int runImport(String[] args) {
        SpringApplication application = new SpringApplication(SelfcareApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setAdditionalProfiles("command");
        try (ConfigurableApplicationContext context = application.run()) {
            return new CommandLine(context.getBean(ImportCdrCommand.class)).execute(args);
        }
    }
}
