package org.selfcare.conformance.evidence;

/**
 * Something a case saw and based its verdict on. Secrets are redacted before an evidence object is made.
 */
public sealed interface Evidence permits HttpExchange, TlsHandshake, Note {
}
