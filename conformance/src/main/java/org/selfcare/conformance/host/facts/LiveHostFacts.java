package org.selfcare.conformance.host.facts;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the facts of the machine the kit runs on, in the network namespace it runs in.
 */
public final class LiveHostFacts {

    private LiveHostFacts() {
    }

    public static HostFacts create(Optional<DatabaseInspector> database, Optional<Path> sbom, Duration connectTimeout) {
        HostFiles files = HostFiles.live();
        return new HostFacts(new FallbackSockets(new SsListeningSockets(), new ProcListeningSockets(files)),
                new SystemctlUnits(files), new ProcNamespaceProcesses(files), new NftRuleset(), database, files, new TcpReachability(connectTimeout),
                localAddresses(), sbom, Clock.systemUTC());
    }

    static Set<InetAddress> localAddresses() {
        Set<InetAddress> addresses = new HashSet<>();
        try {
            for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                addresses.addAll(Collections.list(network.getInetAddresses()));
            }
        }
        catch (SocketException ex) {
            // Without the interface list the operator names the host with --host, and the selection error asks for it.
            return Set.of();
        }
        return addresses;
    }

    /**
     * Uses {@code ss} and falls back to {@code /proc} where iproute2 is missing.
     */
    private record FallbackSockets(ListeningSockets primary, ListeningSockets fallback) implements ListeningSockets {

        @Override
        public List<ListeningSocket> list() throws FactUnavailableException {
            try {
                return primary.list();
            }
            catch (FactUnavailableException ex) {
                return fallback.list();
            }
        }
    }
}
