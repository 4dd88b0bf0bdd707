package org.selfcare.integrity;

/**
 * A transaction request body that is not a JWE the portal accepts: not a compact JWE at all, another algorithm,
 * an unknown key, or a ciphertext that fails to decrypt. The message says which, in plain words, and names
 * nothing of the libraries involved.
 */
public class UnreadableTransactionException extends RuntimeException {

    public UnreadableTransactionException(String message) {
        super(message);
    }
}
