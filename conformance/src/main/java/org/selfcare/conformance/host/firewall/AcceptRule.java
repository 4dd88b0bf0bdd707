package org.selfcare.conformance.host.firewall;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.selfcare.conformance.host.document.Cidr;

/**
 * One path to an accept verdict in a base chain, with every condition on the way: the rule's own matches and
 * those of the rules that jumped to its chain. An empty condition matches everything.
 *
 * @param hook {@code input} or {@code forward}
 * @param protocols the layer 4 protocols it accepts, such as {@code tcp}; empty for all
 * @param ports the destination ports; empty for all
 * @param sources the source networks; empty for all
 * @param destinations the destination networks; empty for all
 * @param loopbackOnly whether it accepts only packets that came in on the loopback interface
 * @param connectionStates the conntrack states it requires, such as {@code established}; empty for all
 * @param icmpTypes the ICMP or ICMPv6 message types it accepts, such as {@code echo-request}; empty for all
 * @param location the table, chain and rule handle, such as {@code inet filter input handle 7}
 */
public record AcceptRule(String hook, Set<String> protocols, List<PortRange> ports, List<Cidr> sources,
        List<Cidr> destinations, boolean loopbackOnly, Set<String> connectionStates, Set<String> icmpTypes,
        String location) {

    private static final Set<String> REPLY_STATES = Set.of("established", "related");

    private static final Set<String> ICMP_PROTOCOLS = Set.of("icmp", "ipv6-icmp");

    /**
     * ICMP and ICMPv6 messages a host needs on an IP network. Echo serves reachability checks, and path MTU
     * discovery and failing connections rely on the error messages. Without neighbour discovery, IPv6 finds no
     * link-layer addresses. None of them opens a port.
     */
    private static final Set<String> ESSENTIAL_ICMP_TYPES = Set.of("echo-request", "destination-unreachable",
            "time-exceeded", "parameter-problem", "packet-too-big", "nd-neighbor-solicit", "nd-neighbor-advert",
            "nd-router-solicit", "nd-router-advert");

    /**
     * Returns whether it accepts only replies of connections the firewall already allowed.
     */
    public boolean repliesOnly() {
        return !connectionStates.isEmpty() && REPLY_STATES.containsAll(connectionStates);
    }

    /**
     * Returns whether it accepts nothing but essential ICMP or ICMPv6 messages, named type by type. An accept of
     * every ICMP type, redirects and timestamp requests included, is not essential.
     */
    public boolean essentialIcmpOnly() {
        return !protocols.isEmpty() && ICMP_PROTOCOLS.containsAll(protocols) && !icmpTypes.isEmpty()
                && ESSENTIAL_ICMP_TYPES.containsAll(icmpTypes);
    }

    public boolean acceptsProtocol(String protocol) {
        return protocols.isEmpty() || protocols.contains(protocol);
    }

    public boolean acceptsPort(int port) {
        return ports.isEmpty() || ports.stream().anyMatch((range) -> range.contains(port));
    }

    public boolean acceptsDestination(InetAddress address) {
        return destinations.isEmpty() || destinations.stream().anyMatch((network) -> network.contains(address));
    }

    /**
     * Returns the sources it accepts, with every IPv4 address standing for "no source condition".
     */
    public List<Cidr> sourcesOrAny() {
        return sources.isEmpty() ? List.of(Cidr.ANY_IPV4) : sources;
    }

    /**
     * Returns the rule in nft's words, such as {@code tcp dport {22} ip saddr {10.70.4.0/24} accept}.
     */
    public String describe() {
        StringBuilder text = new StringBuilder();
        if (loopbackOnly) {
            text.append("iifname lo ");
        }
        if (!connectionStates.isEmpty()) {
            text.append("ct state ").append(String.join(",", connectionStates)).append(' ');
        }
        text.append(protocols.isEmpty() ? "any protocol" : String.join(",", protocols));
        if (!icmpTypes.isEmpty()) {
            text.append(" type ").append(join(List.copyOf(icmpTypes)));
        }
        else {
            text.append(ports.isEmpty() ? " any port" : " dport " + join(ports));
        }
        text.append(sources.isEmpty() ? " from any source" : " saddr " + join(sources));
        if (!destinations.isEmpty()) {
            text.append(" daddr ").append(join(destinations));
        }
        return text.append(" accept (").append(location).append(')').toString();
    }

    private static String join(List<?> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
    }
}
