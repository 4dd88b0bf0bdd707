package org.selfcare.integrity;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * {@code verify-seals}: re-verifies the seal of every call record, payment and ledger entry in the portal's
 * database, checks every balance against its ledger, and lists the broken ones.
 */
@Component
@Command(name = "verify-seals", mixinStandardHelpOptions = true,
        description = "Re-verifies the seal of every call record, payment and ledger entry and lists each record "
                + "whose seal is missing, does not match its fields, or names a key the keystore lacks. Also lists "
                + "each account whose balance differs from the sum of its ledger entries.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:every seal and balance verifies", "1:some records are broken",
                "2:the check could not run, or invalid options" })
public class VerifySealsCommand implements Callable<Integer> {

    public static final int ALL_VERIFIED = 0;

    public static final int BROKEN = 1;

    public static final int COULD_NOT_RUN = 2;

    @Spec
    CommandSpec spec;

    private final SealVerifier verifier;

    VerifySealsCommand(SealVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Map<String, SealVerifier.Counts> counts = verifier.verifyAll((table, id) -> out.println(
                    SealVerifier.ACCOUNT.equals(table) ? "Balance differs from its ledger: account " + id
                            : "Broken seal: " + table + " " + id));
            long broken = 0;
            for (Map.Entry<String, SealVerifier.Counts> table : counts.entrySet()) {
                out.println(table.getKey() + ": " + table.getValue().checked() + " checked, "
                        + table.getValue().broken() + " broken");
                broken += table.getValue().broken();
            }
            out.println((broken == 0) ? "Every seal and balance verifies" : broken + " broken records");
            return (broken == 0) ? ALL_VERIFIED : BROKEN;
        }
        catch (DataAccessException ex) {
            err.println("Failed to read the sealed records: " + ex.getMostSpecificCause().getMessage());
            return COULD_NOT_RUN;
        }
        catch (IllegalStateException ex) {
            err.println("Failed to verify the seals: " + ex.getMessage());
            return COULD_NOT_RUN;
        }
        finally {
            out.flush();
            err.flush();
        }
    }
}
