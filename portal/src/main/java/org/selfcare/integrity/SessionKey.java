package org.selfcare.integrity;

import java.io.Serial;
import java.io.Serializable;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The HMAC-SHA256 key of one signed-in session, kept as a session attribute and stored with the session.
 *
 * @param keyId random id that names the key in the nonce table, never the session id
 * @param key 32 random bytes
 */
record SessionKey(String keyId, byte[] key) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    static final int KEY_BYTES = 32;

    private static final int KEY_ID_BYTES = 16;

    private static final SecureRandom random = new SecureRandom();

    static SessionKey generate() {
        byte[] id = new byte[KEY_ID_BYTES];
        random.nextBytes(id);
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        return new SessionKey(Base64Url.encode(id), key);
    }

    String encodedKey() {
        return Base64Url.encode(key);
    }

    /** Keeps the key out of logs and error messages. */
    @Override
    public String toString() {
        return "SessionKey[keyId=" + keyId + "]";
    }

    /** Base64url without padding, the encoding of every key, nonce and MAC in the signature headers. */
    static final class Base64Url {

        private Base64Url() {
        }

        static String encode(byte[] bytes) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
    }
}
