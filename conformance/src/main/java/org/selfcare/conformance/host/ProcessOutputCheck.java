package org.selfcare.conformance.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.selfcare.conformance.host.facts.FactUnavailableException;
import org.selfcare.conformance.host.facts.RunningProcess;
import org.selfcare.conformance.model.Findings;

/**
 * Checks, where journald does not run, that each declared process of this host keeps what it writes to standard
 * error: the descriptor must lead to a file, not to {@code /dev/null}. That is where a service started without
 * systemd, such as in a container or a network namespace, reports its errors.
 *
 * NOTE: only standard error is judged. A service that logs only to standard output or to files of its own (as
 * nginx does for its access log) is recorded in the evidence but not judged further.
 */
final class ProcessOutputCheck {

    private static final String DISCARDED = "/dev/null";

    private final HostContext context;

    private final Findings findings;

    ProcessOutputCheck(HostContext context, Findings findings) {
        this.context = context;
        this.findings = findings;
    }

    void run() {
        List<RunningProcess> processes;
        try {
            processes = context.facts().processes().list();
        }
        catch (FactUnavailableException ex) {
            findings.inconclusive("journald does not run on this host (no /run/systemd/journal), and the processes' "
                    + "output was not checked instead: " + ex.getMessage());
            return;
        }
        List<String> declared = context.host().declaredProcesses();
        List<RunningProcess> services = processes.stream().filter((process) -> declared.stream()
                .anyMatch((name) -> ServicesCheck.sameProcess(name, process.name()))).toList();
        if (services.isEmpty()) {
            findings.inconclusive("journald does not run on this host (no /run/systemd/journal), and none of the "
                    + "declared processes (" + String.join(", ", declared) + ") runs to show where it logs");
            return;
        }
        findings.note("journald does not run on this host (no /run/systemd/journal), so each declared process's "
                + "standard error is checked instead");
        // Servers such as PostgreSQL run many processes with one log, so passes are reported once per log.
        Map<String, List<Long>> pidsByLog = new TreeMap<>();
        for (RunningProcess process : services) {
            standardError(process).ifPresent((log) -> pidsByLog.computeIfAbsent(process.name() + " writes its standard "
                    + "error to " + log, (key) -> new ArrayList<>()).add(process.pid()));
        }
        pidsByLog.forEach((finding, pids) -> findings.pass(finding + " (pid " + pids.stream().map(String::valueOf)
                .collect(Collectors.joining(", ")) + ")"));
    }

    /**
     * Returns the file the process writes its standard error to, and records a finding for any other target.
     */
    private Optional<String> standardError(RunningProcess process) {
        String folder = "/proc/" + process.pid() + "/fd/";
        Optional<String> output = context.facts().files().readLink(folder + "1");
        Optional<String> error = context.facts().files().readLink(folder + "2");
        context.evidence().note(process.name() + " (pid " + process.pid() + "): standard output "
                + output.orElse("closed") + ", standard error " + error.orElse("closed"));
        String describedProcess = process.name() + " (pid " + process.pid() + ")";
        if (error.isEmpty() || DISCARDED.equals(error.get())) {
            findings.fail(describedProcess + " discards its standard error (" + error.orElse("closed") + ")");
            return Optional.empty();
        }
        if (!error.get().startsWith("/")) {
            findings.inconclusive(describedProcess + " writes its standard error to " + error.get()
                    + ", whose reader the kit cannot see; check that it keeps the lines");
            return Optional.empty();
        }
        return error;
    }
}
