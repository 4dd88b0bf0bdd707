package org.selfcare.conformance.host;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.selfcare.conformance.host.document.SecurityConfiguration.Antivirus;
import org.selfcare.conformance.host.document.SecurityConfiguration.Host;
import org.selfcare.conformance.host.facts.FactUnavailableException;
import org.selfcare.conformance.host.facts.HostFiles;
import org.selfcare.conformance.host.facts.RunningProcess;
import org.selfcare.conformance.model.Findings;

/**
 * Checks the declared anti-virus on the hosts whose units include its daemon: the daemon runs and, for ClamAV,
 * the newest signature file is younger than the declared update interval.
 */
final class AntivirusCheck {

    private static final String CLAMAV_DEFAULT_DATABASE = "/var/lib/clamav";

    private static final String CLAMAV_DAEMON_PROCESS = "clamd";

    private final HostContext context;

    private final Findings findings;

    AntivirusCheck(HostContext context, Findings findings) {
        this.context = context;
        this.findings = findings;
    }

    void run() {
        Optional<Antivirus> declared = context.document().antivirus();
        if (declared.isEmpty()) {
            findings.fail("the document declares no anti-virus (antivirus)");
            return;
        }
        Antivirus antivirus = declared.get();
        Host host = context.host();
        if (host.units().filter((units) -> units.contains(antivirus.daemon())).isEmpty()) {
            findings.note("anti-virus declared (" + antivirus.product() + "); its daemon " + antivirus.daemon()
                    + " is not among the units of " + host.name() + ", so it is checked on its own host");
            return;
        }
        try {
            List<String> running = context.facts().units().list();
            if (running.contains(antivirus.daemon())) {
                findings.pass("the anti-virus daemon " + antivirus.daemon() + " is running");
            }
            else {
                findings.fail("the anti-virus daemon " + antivirus.daemon() + " is not running");
            }
        }
        catch (FactUnavailableException ex) {
            checkDaemonProcess(antivirus, ex);
        }
        if (antivirus.product().toLowerCase(Locale.ROOT).contains("clamav") && antivirus.updateInterval().isPresent()) {
            checkClamavSignatures(antivirus.updateInterval().get());
        }
    }

    /**
     * Looks for the daemon among the processes of this network namespace where systemd does not run. Only ClamAV's
     * process name, clamd, is known; another product's daemon stays unchecked.
     */
    private void checkDaemonProcess(Antivirus antivirus, FactUnavailableException noUnits) {
        if (!antivirus.product().toLowerCase(Locale.ROOT).contains("clamav")) {
            findings.inconclusive("the anti-virus daemon " + antivirus.daemon() + " not checked: "
                    + noUnits.getMessage());
            return;
        }
        try {
            Optional<RunningProcess> clamd = context.facts().processes().list().stream()
                    .filter((process) -> CLAMAV_DAEMON_PROCESS.equals(process.name())).findFirst();
            if (clamd.isPresent()) {
                findings.pass("the anti-virus daemon runs as process " + CLAMAV_DAEMON_PROCESS + " (pid "
                        + clamd.get().pid() + "); systemd does not run here, so " + antivirus.daemon()
                        + " is not checked as a unit");
            }
            else {
                findings.fail("the anti-virus daemon " + CLAMAV_DAEMON_PROCESS + " is not running");
            }
        }
        catch (FactUnavailableException ex) {
            findings.inconclusive("the anti-virus daemon " + antivirus.daemon() + " not checked: "
                    + noUnits.getMessage() + ", and " + ex.getMessage());
        }
    }

    /**
     * NOTE: a signature file changes only when ClamAV publishes new signatures. An interval shorter than that rhythm
     * can therefore fail on a healthy host, so the document should declare how often signatures arrive.
     */
    private void checkClamavSignatures(Duration interval) {
        HostFiles files = context.facts().files();
        String folder = databaseDirectory(files);
        Optional<Instant> newest = files.list(folder).stream()
                .filter((name) -> name.endsWith(".cvd") || name.endsWith(".cld"))
                .map((name) -> files.lastModified(folder + "/" + name)).flatMap(Optional::stream)
                .max(Instant::compareTo);
        if (newest.isEmpty()) {
            findings.note("no readable ClamAV signature file in " + folder + ", so their age is not checked");
            return;
        }
        Duration age = Duration.between(newest.get(), context.facts().clock().instant());
        context.evidence().note("newest ClamAV signature file in " + folder + " changed " + newest.get());
        if (age.compareTo(interval) > 0) {
            findings.fail("the newest ClamAV signatures in " + folder + " are " + age.toMinutes()
                    + " minutes old, older than the declared update interval " + interval);
        }
        else {
            findings.pass("the newest ClamAV signatures are " + age.toMinutes() + " minutes old (interval "
                    + interval + ")");
        }
    }

    private static String databaseDirectory(HostFiles files) {
        for (String line : files.read("/etc/clamav/freshclam.conf").orElse("").lines().toList()) {
            String trimmed = line.trim();
            if (trimmed.startsWith("DatabaseDirectory")) {
                return trimmed.substring("DatabaseDirectory".length()).trim();
            }
        }
        return CLAMAV_DEFAULT_DATABASE;
    }
}
