package org.selfcare.conformance.host;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.selfcare.conformance.host.document.SecurityConfiguration;
import org.selfcare.conformance.host.document.SecurityConfiguration.Host;
import org.selfcare.conformance.host.facts.HostFacts;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.Verdict;
import org.selfcare.conformance.run.KitRunner;
import org.selfcare.conformance.run.RunReport;

/**
 * Runs the host checks (T-1-1 host half to T-1-6) for one server and collects their results in the report shape
 * of {@code x1470 run}, so the same writers and {@code x1470 compare} work on it.
 */
public final class HostAudit {

    /** The profile type the reports show for a host audit. */
    public static final String REPORT_TYPE = "host";

    private final List<HostCheck> checks = List.of(new ComponentsCheck(), new ServicesCheck(), new LoggingCheck(),
            new LeastPrivilegeCheck(), new FirewallCheck(), new DomainIsolationCheck());

    /**
     * Finds this host's entry: by name when given, otherwise the entry whose address belongs to this machine.
     *
     * @throws IllegalArgumentException when no entry or more than one fits, with what to pass instead
     */
    public static Host selectHost(SecurityConfiguration document, Optional<String> name,
            Set<InetAddress> localAddresses) {
        String declared = document.hosts().stream().map(Host::name).collect(Collectors.joining(", "));
        if (name.isPresent()) {
            return document.host(name.get()).orElseThrow(() -> new IllegalArgumentException("--host " + name.get()
                    + " is not in " + document.file() + "; its hosts are " + declared));
        }
        List<Host> local = document.hosts().stream().filter((host) -> localAddresses.contains(host.address()))
                .toList();
        if (local.size() != 1) {
            throw new IllegalArgumentException((local.isEmpty() ? "no host in " + document.file()
                    + " has an address of this machine" : "several hosts in " + document.file()
                            + " have addresses of this machine") + "; name it with --host (one of " + declared + ")");
        }
        return local.get(0);
    }

    public RunReport run(SecurityConfiguration document, Host host, HostFacts facts) {
        Instant started = facts.clock().instant();
        List<CaseResult> results = new ArrayList<>();
        for (HostCheck check : checks) {
            results.add(runOne(check, new HostContext(document, host, facts)));
        }
        String target = "host " + host.name() + " (" + host.address().getHostAddress() + ")";
        String profile = document.product().isEmpty() ? document.file().toString()
                : document.product() + " security configuration (" + document.file() + ")";
        return new RunReport(KitRunner.VERSION, target, profile, REPORT_TYPE, started, facts.clock().instant(),
                results);
    }

    /**
     * Runs one check. A fault of the kit itself ends that check INCONCLUSIVE instead of stopping the others.
     */
    private static CaseResult runOne(HostCheck check, HostContext context) {
        try {
            return check.run(context);
        }
        catch (RuntimeException ex) {
            return new CaseResult(check.description(), Verdict.INCONCLUSIVE, "the kit failed: " + ex,
                    List.of(), context.evidence().entries(), Duration.ZERO);
        }
    }
}
