package org.selfcare.conformance.evidence;

/**
 * An observation that is neither an HTTP exchange nor a handshake, such as a measured timing.
 */
public record Note(String text) implements Evidence {
}
