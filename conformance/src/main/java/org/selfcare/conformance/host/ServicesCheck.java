package org.selfcare.conformance.host;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.selfcare.conformance.cases.CaseCatalog;
import org.selfcare.conformance.host.document.SecurityConfiguration.Host;
import org.selfcare.conformance.host.document.SecurityConfiguration.RemoteAdministration;
import org.selfcare.conformance.host.document.SecurityConfiguration.Service;
import org.selfcare.conformance.host.facts.FactUnavailableException;
import org.selfcare.conformance.host.facts.ListeningSocket;
import org.selfcare.conformance.host.facts.RunningProcess;
import org.selfcare.conformance.model.CaseDescription;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.Findings;
import org.selfcare.conformance.model.Verdict;

/**
 * T-1-2: only the sockets, units and remote administration the document declares for this host are active.
 * Loopback sockets count too, because an unneeded service is unneeded wherever it listens. A container or a
 * network namespace that serves as a host has no systemd and so no units to compare. There every process of the
 * kit's network namespace must be one the document declares for the host instead.
 */
final class ServicesCheck implements HostCheck {

    private final CaseDescription description = CaseCatalog.get("T-1-2");

    @Override
    public CaseDescription description() {
        return description;
    }

    @Override
    public CaseResult run(HostContext context) {
        Findings findings = new Findings();
        Host host = context.host();
        checkSockets(context, host, findings);
        checkUnits(context, host, findings);
        return context.result(description, findings, Verdict.PASS, "only the sockets, units and remote "
                + "administration the document declares for " + host.name() + " are active");
    }

    private static void checkSockets(HostContext context, Host host, Findings findings) {
        List<ListeningSocket> sockets;
        try {
            sockets = context.facts().sockets().list();
        }
        catch (FactUnavailableException ex) {
            findings.inconclusive("listening sockets not listed: " + ex.getMessage());
            return;
        }
        sockets.forEach((socket) -> context.evidence().note("listening: " + socket.describe()));

        int hidden = 0;
        List<Service> seen = new ArrayList<>();
        for (ListeningSocket socket : sockets) {
            if (socket.processes().isEmpty()) {
                hidden++;
            }
            Optional<Service> service = host.services().stream().filter((candidate) -> declares(candidate, socket))
                    .findFirst();
            if (service.isPresent()) {
                seen.add(service.get());
                findings.pass(socket.describe() + " is declared as " + service.get().name());
                continue;
            }
            Optional<RemoteAdministration> access = host.remoteAdministration().stream()
                    .filter((candidate) -> "tcp".equals(socket.protocol()) && candidate.port() == socket.port()
                            && runs(candidate.process(), socket))
                    .findFirst();
            if (access.isPresent()) {
                checkRemoteAdministration(access.get(), socket, findings);
                continue;
            }
            findings.fail("undeclared listening socket " + socket.describe() + widerThanDeclared(host, socket));
        }
        if (hidden > 0) {
            findings.inconclusive("the processes of " + hidden + " listening sockets are not visible; run x1470 "
                    + "host as root to compare them with the declared processes");
        }
        host.services().stream().filter((service) -> !seen.contains(service)).forEach((service) -> findings.note(
                "declared service " + service.name() + " (" + service.protocol() + " " + service.port()
                        + ") is not listening"));
    }

    /**
     * Remote administration declared only from some domains must not listen on every address, where any network
     * that reaches the host could use it.
     */
    private static void checkRemoteAdministration(RemoteAdministration access, ListeningSocket socket,
            Findings findings) {
        if (socket.wildcard()) {
            findings.fail(socket.describe() + " listens on every address, but remote administration ("
                    + access.service() + ") is declared only from " + String.join(", ", access.from())
                    + "; bind it to the address that network reaches");
        }
        else {
            findings.pass(socket.describe() + " is the declared remote administration " + access.service()
                    + " from " + String.join(", ", access.from()));
        }
    }

    private static String widerThanDeclared(Host host, ListeningSocket socket) {
        return host.services().stream()
                .filter((service) -> service.port() == socket.port() && service.protocol().equals(socket.protocol()))
                .findFirst()
                .map((service) -> " (the document declares " + service.name() + " as " + service.process() + " on "
                        + service.address().getHostAddress() + ":" + service.port() + ")")
                .orElse("");
    }

    private static boolean declares(Service service, ListeningSocket socket) {
        return service.protocol().equals(socket.protocol()) && service.port() == socket.port()
                && covers(service.address(), socket.address()) && runs(service.process(), socket);
    }

    private static boolean covers(InetAddress declared, InetAddress actual) {
        return declared.isAnyLocalAddress() || declared.equals(actual);
    }

    /**
     * Returns whether the socket belongs to the named process. The kernel keeps only the first 15 characters of a
     * process name, so a longer declared name matches its beginning. Unknown owners match, and the check reports
     * them separately.
     */
    static boolean runs(String process, ListeningSocket socket) {
        return socket.processes().isEmpty() || socket.processes().stream()
                .anyMatch((owner) -> sameProcess(process, owner.name()));
    }

    private static void checkUnits(HostContext context, Host host, Findings findings) {
        if (host.units().isEmpty()) {
            findings.note("the document lists no units for " + host.name() + ", so running units are not compared");
            return;
        }
        List<String> running;
        try {
            running = context.facts().units().list();
        }
        catch (FactUnavailableException ex) {
            findings.note("units not compared: " + ex.getMessage());
            checkProcesses(context, host, findings);
            return;
        }
        context.evidence().note("running units: " + String.join(", ", running));
        List<String> declared = host.units().get();
        List<String> extra = running.stream().filter((unit) -> !declared.contains(unit)).toList();
        if (extra.isEmpty()) {
            findings.pass("every running unit is declared (" + running.size() + " running)");
        }
        else {
            findings.fail("undeclared units running: " + String.join(", ", extra));
        }
        declared.stream().filter((unit) -> !running.contains(unit))
                .forEach((unit) -> findings.note("declared unit " + unit + " is not running"));
    }

    private static void checkProcesses(HostContext context, Host host, Findings findings) {
        List<RunningProcess> processes;
        try {
            processes = context.facts().processes().list();
        }
        catch (FactUnavailableException ex) {
            findings.inconclusive("neither units nor processes compared: " + ex.getMessage());
            return;
        }
        context.evidence().note("processes in this network namespace: " + processes.stream()
                .map((process) -> process.name() + " (" + process.pid() + ")").collect(Collectors.joining(", ")));
        List<String> declared = host.declaredProcesses();
        List<String> extra = processes.stream().filter((process) -> declared.stream()
                .noneMatch((name) -> sameProcess(name, process.name())))
                .map((process) -> process.name() + " (pid " + process.pid() + ")").toList();
        if (extra.isEmpty()) {
            findings.pass("every process in this network namespace is declared for " + host.name() + " ("
                    + processes.size() + " running: " + processes.stream().map(RunningProcess::name).distinct()
                            .collect(Collectors.joining(", ")) + ")");
        }
        else {
            findings.fail("undeclared processes running: " + String.join(", ", extra));
        }
    }

    /**
     * Compares a declared process name with the kernel's, which keeps only the first 15 characters.
     */
    static boolean sameProcess(String declared, String actual) {
        return declared.equals(actual) || (actual.length() == 15 && declared.startsWith(actual));
    }
}
