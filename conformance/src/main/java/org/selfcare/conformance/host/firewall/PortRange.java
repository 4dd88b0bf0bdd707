package org.selfcare.conformance.host.firewall;

/**
 * Ports {@code first} to {@code last}, both included.
 */
public record PortRange(int first, int last) {

    public static PortRange of(int port) {
        return new PortRange(port, port);
    }

    public boolean contains(int port) {
        return port >= first && port <= last;
    }

    @Override
    public String toString() {
        return (first == last) ? String.valueOf(first) : first + "-" + last;
    }
}
