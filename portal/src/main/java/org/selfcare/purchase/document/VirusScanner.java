package org.selfcare.purchase.document;

import java.util.Optional;

/**
 * Scans an upload for malware before anything parses it.
 */
interface VirusScanner {

    /**
     * Scans {@code content}.
     *
     * @return the name of the signature that matched, or empty when the content is clean
     * @throws ScannerUnavailableException when the scanner cannot be reached or fails, so the content is not
     *         known to be clean
     */
    Optional<String> scan(byte[] content);

    /**
     * The scanner could not give a verdict.
     */
    class ScannerUnavailableException extends RuntimeException {

        ScannerUnavailableException(String message) {
            super(message);
        }

        ScannerUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
