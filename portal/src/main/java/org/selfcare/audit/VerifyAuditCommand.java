package org.selfcare.audit;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * {@code verify-audit}: verifies the security event chain in the portal's database.
 */
@Component
@Command(name = "verify-audit", mixinStandardHelpOptions = true,
        description = "Verifies the hash chain of the security event log and names the first broken link: an "
                + "edited event, deleted events, or an event inserted out of order.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:the chain is intact", "1:the chain is broken or could not be read",
                "2:invalid options" })
public class VerifyAuditCommand implements Callable<Integer> {

    static final int INTACT = 0;

    static final int BROKEN = 1;

    @Spec
    CommandSpec spec;

    private final ChainVerifier verifier;

    VerifyAuditCommand(ChainVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            ChainVerification result = verifier.verify();
            if (result.isIntact()) {
                out.println(result.summary());
                return INTACT;
            }
            err.println(result.summary());
            return BROKEN;
        }
        catch (DataAccessException ex) {
            err.println("Failed to read the security event log: " + ex.getMostSpecificCause().getMessage());
            return BROKEN;
        }
        finally {
            out.flush();
            err.flush();
        }
    }
}
