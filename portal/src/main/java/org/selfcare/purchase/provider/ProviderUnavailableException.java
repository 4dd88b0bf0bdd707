package org.selfcare.purchase.provider;

/**
 * The payment provider could not be reached or failed, so a payment could not be started. The message names the
 * order and the kind of failure in plain words and never contains a key.
 */
public class ProviderUnavailableException extends RuntimeException {

    public ProviderUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
