package org.selfcare.conformance.host.facts;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * Every source of facts the host checks read. The live sources read this machine; tests pass sources that
 * describe a broken or a sound host.
 *
 * @param processes the processes of the kit's network namespace, compared where systemd does not run
 * @param localAddresses the addresses of this host's network interfaces, to find its entry in the document
 * @param database the database, when the operator gave its URL and read-only role
 * @param sbom the software bill of materials to check, when given on the command line
 */
public record HostFacts(ListeningSockets sockets, RunningUnits units, NamespaceProcesses processes,
        FirewallRuleset firewall, Optional<DatabaseInspector> database, HostFiles files, Reachability reachability,
        Set<InetAddress> localAddresses, Optional<Path> sbom, Clock clock) {
}
