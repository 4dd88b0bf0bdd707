package org.selfcare.operator.staff;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;

import org.selfcare.audit.SecurityEvent;
import org.selfcare.audit.SecurityEventType;
import org.selfcare.audit.SecurityLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import org.springframework.stereotype.Component;

/**
 * {@code staff}: adds, lists and disables the operator console's staff accounts and resets their TOTP secrets,
 * for the first administrator and for recovery when no administrator can sign in. Each change is a security
 * event, like a change made in the console.
 */
@Component
@Command(name = "staff", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Adds, lists and disables staff accounts of the operator console and resets their TOTP secrets.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:done", "1:invalid username or role, unknown or existing account",
                "2:invalid or missing options" })
public class StaffCommand implements Callable<Integer> {

    static final int REFUSED = 1;

    static final String ACTOR = "staff command";

    @Spec
    CommandSpec spec;

    private final StaffDirectory directory;

    private final StaffSessions sessions;

    private final SecurityLog securityLog;

    private final Clock clock;

    StaffCommand(StaffDirectory directory, StaffSessions sessions, SecurityLog securityLog, Clock clock) {
        this.directory = directory;
        this.sessions = sessions;
        this.securityLog = securityLog;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    @Command(name = "add", description = "Adds an account and prints its generated password and TOTP secret once.")
    int add(@Parameters(paramLabel = "USERNAME", description = "3 to 32 lower-case letters, digits, dots, "
                    + "underscores or hyphens, starting with a letter") String username,
            @Option(names = "--role", required = true, paramLabel = "ROLE",
                    description = "support, catalogue-manager, auditor or administrator") String role) {
        return refusalsPrinted(() -> {
            StaffCredentials created = directory.add(username, StaffRole.parse(role), ACTOR);
            record(created.username(), "added the account with role " + StaffRole.parse(role).code());
            PrintWriter out = spec.commandLine().getOut();
            out.printf("Added %s with role %s.%n", created.username(), StaffRole.parse(role).code());
            printSecrets(out, created);
        });
    }

    @Command(name = "list", description = "Lists every account with its role and state.")
    int list() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-32s %-18s %-8s %s%n", "USERNAME", "ROLE", "ENABLED", "LOCKED UNTIL");
        for (StaffAccount account : directory.list()) {
            out.printf("%-32s %-18s %-8s %s%n", account.username(), account.role().code(),
                    account.enabled() ? "yes" : "no",
                    account.lockedAt(clock.instant()) ? account.lockedUntil().toString() : "-");
        }
        out.flush();
        return 0;
    }

    @Command(name = "disable", description = "Disables an account and ends its sessions.")
    int disable(@Parameters(paramLabel = "USERNAME") String username) {
        return refusalsPrinted(() -> {
            directory.setEnabled(username, false);
            sessions.end(username);
            record(username, "disabled the account");
            spec.commandLine().getOut().printf("Disabled %s.%n", StaffDirectory.normalise(username));
        });
    }

    @Command(name = "reset-totp", description = "Gives an account a new TOTP secret, printed once, and ends its "
            + "sessions.")
    int resetTotp(@Parameters(paramLabel = "USERNAME") String username) {
        return refusalsPrinted(() -> {
            StaffCredentials reset = directory.resetTotp(username);
            sessions.end(username);
            record(reset.username(), "reset the TOTP secret");
            PrintWriter out = spec.commandLine().getOut();
            out.printf("Reset the TOTP secret of %s.%n", reset.username());
            printSecrets(out, reset);
        });
    }

    private static void printSecrets(PrintWriter out, StaffCredentials credentials) {
        if (credentials.password() != null) {
            out.printf("Password:     %s%n", credentials.password());
        }
        out.printf("TOTP secret:  %s%n", credentials.totpSecret());
        out.printf("TOTP URI:     %s%n", credentials.otpauthUri());
        out.println("Add the secret to an authenticator app now: it is not shown again.");
    }

    private void record(String username, String what) {
        securityLog.record(new SecurityEvent(SecurityEventType.STAFF_ACTION, clock.instant(), null, ACTOR, null,
                "success", what + " of staff " + StaffDirectory.normalise(username)));
    }

    private int refusalsPrinted(Runnable change) {
        try {
            change.run();
            return 0;
        }
        catch (StaffChangeException | IllegalArgumentException ex) {
            spec.commandLine().getErr().println(ex.getMessage());
            return REFUSED;
        }
        finally {
            spec.commandLine().getOut().flush();
            spec.commandLine().getErr().flush();
        }
    }
}
