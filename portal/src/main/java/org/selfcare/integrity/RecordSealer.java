package org.selfcare.integrity;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.SecretKey;

import org.springframework.stereotype.Component;

/**
 * Computes and checks record seals: HMAC-SHA256 of a {@link RecordSeal} encoding under a sealing key.
 */
@Component
public class RecordSealer {

    private static final String ALGORITHM = "HmacSHA256";

    private final SealKeys keys;

    /**
     * One initialised Mac per thread and key id: a Mac is not thread-safe, and doFinal resets it for the next
     * record, so the importer's and verify-seals' long runs skip the lookup and key setup per record.
     */
    private final ThreadLocal<Map<String, Mac>> macs = ThreadLocal.withInitial(HashMap::new);

    RecordSealer(SealKeys keys) {
        this.keys = keys;
    }

    /**
     * Seals a record with the current key.
     */
    public Seal seal(RecordSeal record) {
        String keyId = keys.currentId();
        byte[] mac = mac(keyId, keys.current(), record);
        return new Seal(keyId, Base64.getUrlEncoder().withoutPadding().encodeToString(mac));
    }

    /**
     * Returns whether {@code seal} is the record's seal under the key {@code keyId}. A missing seal, an unknown
     * key id or a value that is not base64url all fail. The comparison takes the same time wherever the bytes
     * differ.
     */
    public boolean verifies(RecordSeal record, String seal, String keyId) {
        Optional<SecretKey> key = keys.find(keyId);
        if (seal == null || key.isEmpty()) {
            return false;
        }
        byte[] stored;
        try {
            stored = Base64.getUrlDecoder().decode(seal);
        }
        catch (IllegalArgumentException ex) {
            return false;
        }
        return MessageDigest.isEqual(mac(keyId, key.get(), record), stored);
    }

    private byte[] mac(String keyId, SecretKey key, RecordSeal record) {
        return macs.get().computeIfAbsent(keyId, (id) -> newMac(key)).doFinal(record.toBytes());
    }

    private static Mac newMac(SecretKey key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("Cannot set up HMAC-SHA256 with a sealing key", ex);
        }
    }
}
