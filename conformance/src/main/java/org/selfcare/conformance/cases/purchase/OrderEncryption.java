package org.selfcare.conformance.cases.purchase;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

/**
 * Builds the compact JWE bodies of order requests with Nimbus JOSE: the one Selfcare's contract requires
 * (RSA-OAEP-256 and A256GCM to the published key), and the wrong ones the target must reject.
 */
final class OrderEncryption {

    /** Below this RSA modulus size a key counts as weak, as NIST SP 800-131A has held since 2014. */
    static final int MIN_RSA_BITS = 2048;

    /** A key id no deployment publishes. */
    static final String UNKNOWN_KID = "x1470-unknown-key";

    private static final SecureRandom random = new SecureRandom();

    private OrderEncryption() {
    }

    /**
     * Parses a JWK set.
     *
     * @throws ParseException when the text is not a JWK set
     */
    static JWKSet parse(String json) throws ParseException {
        return JWKSet.parse(json);
    }

    /**
     * Returns the set's key for encrypting orders: the first RSA key meant for encryption or for RSA-OAEP-256,
     * or else the first RSA key that names no use.
     */
    static Optional<RSAKey> encryptionKey(JWKSet set) {
        Optional<RSAKey> fallback = Optional.empty();
        for (JWK key : set.getKeys()) {
            if (!(key instanceof RSAKey rsa)) {
                continue;
            }
            if (KeyUse.ENCRYPTION.equals(key.getKeyUse()) || JWEAlgorithm.RSA_OAEP_256.equals(key.getAlgorithm())) {
                return Optional.of(rsa);
            }
            if (key.getKeyUse() == null && fallback.isEmpty()) {
                fallback = Optional.of(rsa);
            }
        }
        return fallback;
    }

    /**
     * Encrypts an order's JSON as the contract requires: RSA-OAEP-256, A256GCM, the key's id and
     * {@code cty: application/json}.
     */
    static String encrypt(String plaintext, RSAKey key) {
        return encrypt(plaintext, key, JWEAlgorithm.RSA_OAEP_256, key.getKeyID());
    }

    /**
     * Encrypts an order's JSON to {@code key} with another key wrapping algorithm or key id, such as the weak
     * RSA1_5 or an id the deployment never published.
     */
    static String encrypt(String plaintext, RSAKey key, JWEAlgorithm algorithm, String kid) {
        JWEHeader header = new JWEHeader.Builder(algorithm, EncryptionMethod.A256GCM)
                .keyID(kid)
                .contentType("application/json")
                .build();
        try {
            JWEObject jwe = new JWEObject(header, new Payload(plaintext));
            jwe.encrypt(new RSAEncrypter(key));
            return jwe.serialize();
        }
        catch (JOSEException ex) {
            throw new IllegalStateException("The kit could not encrypt an order with " + algorithm + ": "
                    + ex.getMessage(), ex);
        }
    }

    /**
     * Encrypts an order's JSON with {@code dir}: a content key the kit made up and never sends, so the
     * deployment cannot decrypt it and must refuse the mode anyway.
     */
    static String direct(String plaintext, String kid) {
        byte[] contentKey = new byte[32];
        random.nextBytes(contentKey);
        JWEHeader header = new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM)
                .keyID(kid)
                .contentType("application/json")
                .build();
        try {
            JWEObject jwe = new JWEObject(header, new Payload(plaintext));
            jwe.encrypt(new DirectEncrypter(new SecretKeySpec(contentKey, "AES")));
            return jwe.serialize();
        }
        catch (JOSEException ex) {
            throw new IllegalStateException("The kit could not encrypt an order with dir: " + ex.getMessage(), ex);
        }
    }

    /**
     * Changes the ciphertext of a compact JWE so that, because AES-GCM encrypts with a counter stream, the
     * plaintext byte at {@code offset} would decrypt as {@code wanted} instead of {@code original} by a receiver
     * that skipped the authentication tag. A receiver that checks the tag must reject the whole body.
     */
    static String flipCiphertext(String compact, int offset, char original, char wanted) {
        String[] parts = compact.split("\\.", -1);
        if (parts.length != 5) {
            throw new IllegalArgumentException("Not a compact JWE: " + parts.length + " parts");
        }
        byte[] ciphertext = Base64.getUrlDecoder().decode(parts[3]);
        if (offset < 0 || offset >= ciphertext.length) {
            throw new IllegalArgumentException("Offset " + offset + " lies outside the ciphertext of "
                    + ciphertext.length + " bytes");
        }
        ciphertext[offset] ^= (byte) (original ^ wanted);
        parts[3] = Base64.getUrlEncoder().withoutPadding().encodeToString(ciphertext);
        return String.join(".", parts);
    }

    /**
     * Returns the protected header of a compact JWE as text, or an empty string when the body is not one.
     */
    static String protectedHeader(String compact) {
        int dot = compact.indexOf('.');
        if (dot <= 0) {
            return "";
        }
        try {
            return new String(Base64.getUrlDecoder().decode(compact.substring(0, dot)), StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException ex) {
            return "";
        }
    }
}
