package org.selfcare.conformance.host;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.selfcare.conformance.cases.CaseCatalog;
import org.selfcare.conformance.host.document.Cidr;
import org.selfcare.conformance.host.document.SecurityConfiguration;
import org.selfcare.conformance.host.document.SecurityConfiguration.Domain;
import org.selfcare.conformance.host.document.SecurityConfiguration.Host;
import org.selfcare.conformance.host.document.SecurityConfiguration.Rule;
import org.selfcare.conformance.host.facts.Reachability.Outcome;
import org.selfcare.conformance.model.CaseDescription;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.Findings;
import org.selfcare.conformance.model.Verdict;

/**
 * T-1-6: the document splits the network into domains with their own networks, and from this host only the
 * declared flows reach the other domains. It tries a TCP connection to every port that each other declared host
 * uses: declared flows must connect, and the others must not.
 */
final class DomainIsolationCheck implements HostCheck {

    private static final int PARALLEL_CONNECTIONS = 8;

    private final CaseDescription description = CaseCatalog.get("T-1-6");

    @Override
    public CaseDescription description() {
        return description;
    }

    @Override
    public CaseResult run(HostContext context) {
        Findings findings = new Findings();
        SecurityConfiguration document = context.document();
        checkDomains(document, context.host(), findings);
        checkFlows(context, document, findings);
        return context.result(description, findings, Verdict.PASS, "the domains are declared with their networks "
                + "and from " + context.host().name() + " only the declared flows connect");
    }

    private static void checkDomains(SecurityConfiguration document, Host host, Findings findings) {
        List<Domain> domains = document.domains();
        if (domains.size() < 2) {
            findings.fail("the document declares " + domains.size() + " security domains; the network must be split "
                    + "into at least two");
        }
        for (Domain domain : domains) {
            if (domain.networks().isEmpty()) {
                findings.fail("domain " + domain.name() + " has no networks (" + document.where(domain.line()) + ")");
            }
        }
        for (int i = 0; i < domains.size(); i++) {
            for (int j = i + 1; j < domains.size(); j++) {
                for (Cidr first : domains.get(i).networks()) {
                    for (Cidr second : domains.get(j).networks()) {
                        if (first.overlaps(second)) {
                            findings.fail("domains " + domains.get(i).name() + " and " + domains.get(j).name()
                                    + " overlap (" + first + " and " + second + ")");
                        }
                    }
                }
            }
        }
        boolean inside = document.networks(List.of(host.domain())).stream()
                .anyMatch((network) -> network.contains(host.address()));
        if (inside) {
            findings.pass("host " + host.name() + " (" + host.address().getHostAddress() + ") lies in its domain "
                    + host.domain());
        }
        else {
            findings.fail("host " + host.name() + " has the address " + host.address().getHostAddress()
                    + ", outside the networks of its domain " + host.domain());
        }
    }

    private static void checkFlows(HostContext context, SecurityConfiguration document, Findings findings) {
        Host self = context.host();
        boolean local = self.address().isLoopbackAddress()
                || context.facts().localAddresses().contains(self.address());
        if (!local) {
            // Connections from a machine that is not the declared host prove nothing about the deployment, and they
            // would go to whatever network that machine routes the declared addresses to.
            findings.inconclusive("this machine has no network interface with " + self.name() + "'s address "
                    + self.address().getHostAddress() + ", so no flow was tried; run x1470 host on that host");
            return;
        }
        List<Probe> probes = new ArrayList<>();
        for (Host other : document.hosts()) {
            if (other.name().equals(self.name()) || other.domain().equals(self.domain())) {
                continue;
            }
            for (int port : ports(document, other)) {
                probes.add(new Probe(other, port, rule(document, self.domain(), other.domain(), port),
                        listens(other, port)));
            }
        }
        if (probes.isEmpty()) {
            findings.note("the document declares no host outside " + self.domain() + ", so no flow was tried");
            return;
        }

        ExecutorService executor = Executors.newFixedThreadPool(PARALLEL_CONNECTIONS);
        try {
            List<Future<Outcome>> outcomes = new ArrayList<>();
            for (Probe probe : probes) {
                InetSocketAddress destination = new InetSocketAddress(probe.host().address(), probe.port());
                outcomes.add(executor.submit(() -> context.facts().reachability().connect(destination)));
            }
            for (int i = 0; i < probes.size(); i++) {
                judge(context, self, probes.get(i), outcome(outcomes.get(i)), findings);
            }
        }
        finally {
            executor.shutdownNow();
        }
    }

    private static void judge(HostContext context, Host self, Probe probe, Outcome outcome, Findings findings) {
        String flow = self.domain() + " → " + probe.host().domain() + " " + probe.host().name() + " "
                + probe.host().address().getHostAddress() + ":" + probe.port();
        context.evidence().note(flow + ": " + outcome);
        if (probe.rule().isPresent()) {
            if (outcome == Outcome.CONNECTED) {
                findings.pass(flow + " connects, as " + probe.rule().get().name() + " declares");
            }
            else if (probe.listens()) {
                findings.fail(flow + " is declared by " + probe.rule().get().name() + " but did not connect ("
                        + outcome + ")");
            }
            else {
                findings.note(flow + " is declared by " + probe.rule().get().name() + ", but the document declares "
                        + "no service on that port; it answered " + outcome);
            }
        }
        else if (outcome == Outcome.CONNECTED) {
            findings.fail(flow + " connects, but no firewall rule lets " + self.domain() + " reach "
                    + probe.host().domain() + " on tcp " + probe.port() + "; it should be blocked");
        }
        else {
            findings.pass(flow + " is blocked (" + outcome + ")");
        }
    }

    private static Outcome outcome(Future<Outcome> future) {
        try {
            return future.get();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return Outcome.UNREACHABLE;
        }
        catch (ExecutionException ex) {
            return Outcome.UNREACHABLE;
        }
    }

    /**
     * Returns the TCP ports worth trying on a host: its services, its remote administration and every port a rule
     * opens towards its domain.
     */
    private static TreeSet<Integer> ports(SecurityConfiguration document, Host host) {
        TreeSet<Integer> ports = new TreeSet<>();
        host.services().stream().filter((service) -> "tcp".equals(service.protocol()))
                .forEach((service) -> ports.add(service.port()));
        host.remoteAdministration().forEach((access) -> ports.add(access.port()));
        document.firewall().rules().stream().filter((rule) -> "tcp".equals(rule.protocol())
                && rule.to().contains(host.domain())).forEach((rule) -> ports.addAll(rule.ports()));
        return ports;
    }

    private static boolean listens(Host host, int port) {
        return host.services().stream().anyMatch((service) -> service.port() == port)
                || host.remoteAdministration().stream().anyMatch((access) -> access.port() == port);
    }

    private static Optional<Rule> rule(SecurityConfiguration document, String from, String to, int port) {
        return document.firewall().rules().stream().filter((rule) -> "tcp".equals(rule.protocol())
                && rule.from().contains(from) && rule.to().contains(to) && rule.ports().contains(port)).findFirst();
    }

    private record Probe(Host host, int port, Optional<Rule> rule, boolean listens) {
    }
}
