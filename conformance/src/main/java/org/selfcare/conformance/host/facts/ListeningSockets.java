package org.selfcare.conformance.host.facts;

import java.util.List;

/**
 * The listening sockets of this host, in the network namespace the kit runs in.
 */
public interface ListeningSockets {

    List<ListeningSocket> list() throws FactUnavailableException;
}
