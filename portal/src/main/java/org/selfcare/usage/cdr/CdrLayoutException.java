package org.selfcare.usage.cdr;

import java.io.IOException;

/**
 * Thrown by {@link CdrReader#open} when the layout was not configured and the first record matches none of the
 * known layouts.
 */
public final class CdrLayoutException extends IOException {

    CdrLayoutException(String message) {
        super(message);
    }

    CdrLayoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
