package org.selfcare.conformance.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.selfcare.conformance.host.document.SecurityConfiguration.Service;
import org.selfcare.conformance.host.document.SecurityConfiguration.SystemAccount;
import org.selfcare.conformance.host.facts.FactUnavailableException;
import org.selfcare.conformance.host.facts.HostFiles;
import org.selfcare.conformance.host.facts.ListeningSocket;
import org.selfcare.conformance.model.Findings;

/**
 * Checks the process that listens on the portal's port: not root, no capabilities, a user without a login shell
 * and outside the administrators' groups, as the document declares.
 */
final class PortalProcessCheck {

    private static final Set<String> NO_LOGIN_SHELLS = Set.of("/usr/sbin/nologin", "/sbin/nologin", "/bin/false",
            "/usr/bin/false");

    private static final Set<String> ADMIN_GROUPS = Set.of("root", "sudo", "wheel", "admin");

    private final HostContext context;

    private final Findings findings;

    PortalProcessCheck(HostContext context, Findings findings) {
        this.context = context;
        this.findings = findings;
    }

    void run() {
        Optional<Service> portal = context.portal();
        if (portal.isEmpty()) {
            findings.note("the portal does not run on " + context.host().name() + " (no service named '"
                    + HostContext.PORTAL_SERVICE + "'), so its process is checked on its own host");
            return;
        }
        Optional<Long> pid = portalPid(portal.get());
        if (pid.isEmpty()) {
            return;
        }
        HostFiles files = context.facts().files();
        Optional<ProcessStatus> status = files.read("/proc/" + pid.get() + "/status").map(ProcessStatus::parse);
        if (status.isEmpty()) {
            findings.inconclusive("cannot read /proc/" + pid.get() + "/status of the portal's process");
            return;
        }
        context.evidence().note("portal process " + pid.get() + ": uid " + status.get().realUid() + "/"
                + status.get().effectiveUid() + ", CapEff " + Long.toHexString(status.get().effectiveCapabilities()));
        checkStatus(pid.get(), status.get());

        Optional<PasswdEntry> user = PasswdEntry.byUid(files, status.get().effectiveUid());
        if (user.isEmpty()) {
            findings.fail("the portal's process runs as uid " + status.get().effectiveUid()
                    + ", which has no entry in /etc/passwd");
            return;
        }
        checkUser(user.get());
    }

    private Optional<Long> portalPid(Service portal) {
        List<ListeningSocket> sockets;
        try {
            sockets = context.facts().sockets().list();
        }
        catch (FactUnavailableException ex) {
            findings.inconclusive("the portal's process not found: " + ex.getMessage());
            return Optional.empty();
        }
        Optional<ListeningSocket> socket = sockets.stream()
                .filter((candidate) -> candidate.port() == portal.port() && "tcp".equals(candidate.protocol()))
                .findFirst();
        if (socket.isEmpty()) {
            findings.inconclusive("nothing listens on the portal's port " + portal.port()
                    + "; start the portal and run again");
            return Optional.empty();
        }
        if (socket.get().processes().isEmpty()) {
            findings.inconclusive("the process listening on port " + portal.port() + " is not visible; run x1470 "
                    + "host as root");
            return Optional.empty();
        }
        return Optional.of(socket.get().processes().get(0).pid());
    }

    private void checkStatus(long pid, ProcessStatus status) {
        if (status.realUid() == 0 || status.effectiveUid() == 0) {
            findings.fail("the portal's process (pid " + pid + ") runs as root");
        }
        else {
            findings.pass("the portal's process runs as uid " + status.effectiveUid());
        }
        if (status.effectiveCapabilities() != 0) {
            findings.fail("the portal's process (pid " + pid + ") has the capabilities "
                    + String.join(", ", Capabilities.names(status.effectiveCapabilities())) + " (CapEff "
                    + Long.toHexString(status.effectiveCapabilities()) + ")");
        }
        else {
            findings.pass("the portal's process has no capabilities (CapEff 0)");
        }
    }

    private void checkUser(PasswdEntry user) {
        Optional<String> declared = context.document().accounts().portalProcessUser();
        if (declared.isPresent() && !declared.get().equals(user.name())) {
            findings.fail("the portal's process runs as " + user.name() + ", but the document declares "
                    + declared.get() + " (accounts.portal-process-user)");
        }
        if (NO_LOGIN_SHELLS.contains(user.shell())) {
            findings.pass("user " + user.name() + " has no login shell (" + user.shell() + ")");
        }
        else {
            findings.fail("user " + user.name() + " has the login shell " + user.shell());
        }

        Optional<SystemAccount> account = context.document().accounts().systemAccount(user.name());
        if (account.isPresent() && account.get().sudo()) {
            return;
        }
        List<String> adminGroups = new ArrayList<>();
        for (String group : PasswdEntry.groups(context.facts().files(), user)) {
            if (ADMIN_GROUPS.contains(group)) {
                adminGroups.add(group);
            }
        }
        if (adminGroups.isEmpty()) {
            findings.pass("user " + user.name() + " is in no administrators' group");
        }
        else {
            findings.fail("user " + user.name() + " is in the administrators' groups " + String.join(", ", adminGroups));
        }
    }
}
