package org.selfcare.conformance.host.document;

/**
 * The security configuration document cannot be read or breaks its schema. The message names the file, the line
 * and the key, so an operator can fix it without a stack trace.
 */
public final class InvalidDocumentException extends Exception {

    public InvalidDocumentException(String message) {
        super(message);
    }
}
