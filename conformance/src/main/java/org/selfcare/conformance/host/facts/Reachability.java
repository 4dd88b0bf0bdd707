package org.selfcare.conformance.host.facts;

import java.net.InetSocketAddress;

/**
 * Tries TCP connections from this host, to learn which flows between domains the network lets through.
 */
public interface Reachability {

    Outcome connect(InetSocketAddress destination);

    enum Outcome {

        /** The handshake completed: the flow is open. */
        CONNECTED,

        /** A reset came back: a reject rule sent it, or the packet arrived and nothing listens. */
        REFUSED,

        /** Nothing came back in time, as a drop rule causes. */
        TIMED_OUT,

        /** The host has no route to the address or the connection failed otherwise. */
        UNREACHABLE
    }
}
