package org.selfcare.integrity;

import java.text.ParseException;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.crypto.RSADecrypter;
import com.nimbusds.jose.jwk.RSAKey;

import org.springframework.stereotype.Service;

/**
 * Opens the encrypted body of a transaction request: a compact JWE made with RSA-OAEP-256 and A256GCM to one of
 * the portal's {@link TransactionKeys}. Anything else is refused, including the weaker RSA1_5, direct encryption
 * and compressed payloads, so a client cannot talk the portal down to a mode that leaks or that an attacker can
 * forge. AES-GCM authenticates the protected header and the ciphertext, so a changed byte anywhere makes the
 * whole body unreadable.
 */
@Service
public class TransactionDecryption {

    /** Far above any order, far below what would tie up the RSA decryption. */
    static final int MAX_LENGTH = 64 * 1024;

    private final TransactionKeys keys;

    TransactionDecryption(TransactionKeys keys) {
        this.keys = keys;
    }

    /**
     * Decrypts a compact JWE and returns its plaintext.
     *
     * @throws UnreadableTransactionException when the body is not a JWE this portal accepts or does not decrypt
     */
    public byte[] decrypt(String compactJwe) {
        if (compactJwe == null || compactJwe.isBlank()) {
            throw new UnreadableTransactionException("The request body is empty; it must be the encrypted "
                    + "transaction.");
        }
        if (compactJwe.length() > MAX_LENGTH) {
            throw new UnreadableTransactionException("The encrypted transaction is longer than " + MAX_LENGTH
                    + " characters.");
        }
        JWEObject jwe = parse(compactJwe.strip());
        RSAKey key = acceptedKey(jwe.getHeader());
        try {
            jwe.decrypt(new RSADecrypter(key));
        }
        catch (JOSEException ex) {
            throw new UnreadableTransactionException("The encrypted transaction does not decrypt: it was changed "
                    + "after encryption or made with another key.");
        }
        return jwe.getPayload().toBytes();
    }

    private static JWEObject parse(String compact) {
        if (compact.chars().filter((c) -> c == '.').count() != 4) {
            throw new UnreadableTransactionException("The request body must be a compact JWE: five parts "
                    + "separated by dots.");
        }
        try {
            return JWEObject.parse(compact);
        }
        catch (ParseException ex) {
            throw new UnreadableTransactionException("The request body is not a well-formed compact JWE.");
        }
    }

    private RSAKey acceptedKey(JWEHeader header) {
        if (!JWEAlgorithm.RSA_OAEP_256.equals(header.getAlgorithm())) {
            throw new UnreadableTransactionException("The transaction key is wrapped with another algorithm than "
                    + "RSA-OAEP-256, the only one accepted.");
        }
        if (!EncryptionMethod.A256GCM.equals(header.getEncryptionMethod())) {
            throw new UnreadableTransactionException("The transaction content is encrypted with another method than "
                    + "A256GCM, the only one accepted.");
        }
        if (header.getCompressionAlgorithm() != null) {
            throw new UnreadableTransactionException("Compressed transactions are not accepted.");
        }
        if (header.getKeyID() == null) {
            throw new UnreadableTransactionException("The JWE header has no kid; take the key and its id from "
                    + "/.well-known/jwks.json.");
        }
        return keys.find(header.getKeyID()).orElseThrow(() -> new UnreadableTransactionException("The key named "
                + "in the JWE header is not one of this portal's; take the current key from /.well-known/jwks.json."));
    }
}
