package org.selfcare.conformance.host.facts;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A socket that accepts connections (TCP) or datagrams (UDP) on this host.
 *
 * @param protocol {@code tcp} or {@code udp}
 * @param address the local address, {@code 0.0.0.0} or {@code ::} for every address
 * @param port the local port
 * @param processes the processes holding the socket; empty when the kit may not see them (run as root)
 */
public record ListeningSocket(String protocol, InetAddress address, int port, List<OwningProcess> processes) {

    public ListeningSocket {
        processes = List.copyOf(processes);
    }

    public boolean wildcard() {
        return address.isAnyLocalAddress();
    }

    public boolean loopback() {
        return address.isLoopbackAddress();
    }

    /**
     * Returns the names of the owning processes, or {@code ?} when unknown.
     */
    public String processNames() {
        return processes.isEmpty() ? "?"
                : processes.stream().map(OwningProcess::name).distinct().collect(Collectors.joining(","));
    }

    /**
     * Returns the socket as {@code ss} shows it, such as {@code tcp 0.0.0.0:22 sshd}.
     */
    public String describe() {
        String host = (address instanceof Inet6Address) ? "[" + address.getHostAddress() + "]"
                : address.getHostAddress();
        return protocol + " " + host + ":" + port + " " + processNames();
    }

    public record OwningProcess(String name, long pid) {
    }
}
