package org.selfcare.integrity;

import java.util.Comparator;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

import javax.crypto.SecretKey;

import org.selfcare.platform.PortalKeystore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The record-sealing keys: the HMAC-SHA256 secret key entries named {@code seal-<id>} in the portal's PKCS#12
 * keystore ({@code server.ssl.key-store}). The current key seals new records and every key verifies, so a new
 * key can take over while records sealed with older ones stay readable. Key material is never logged.
 */
@Component
public class SealKeys {

    static final String ALIAS_PREFIX = "seal-";

    /**
     * Orders key ids so that the highest is the newest: a longer id is higher, and ids of equal length compare
     * as text, so 2 comes before 10 and 2026-01 before 2026-12.
     */
    static final Comparator<String> KEY_ID_ORDER = Comparator.comparingInt(String::length)
            .thenComparing(Comparator.naturalOrder());

    private static final Logger logger = LoggerFactory.getLogger(SealKeys.class);

    private final NavigableMap<String, SecretKey> keys;

    private final String currentId;

    SealKeys(PortalKeystore keystore, SealProperties properties) {
        String location = keystore.location();
        this.keys = new TreeMap<>(KEY_ID_ORDER);
        keystore.entries(ALIAS_PREFIX).forEach((id, entry) -> keys.put(id, secretKey(entry, location)));
        if (keys.isEmpty()) {
            throw new IllegalStateException("The keystore " + location + " has no record-sealing key. Add one "
                    + "with: keytool -genseckey -alias seal-1 -keyalg HmacSHA256 -keysize 256 -storetype PKCS12 "
                    + "-keystore <the keystore file>");
        }
        this.currentId = chooseCurrent(properties.sealKeyId(), location);
        logger.info("Loaded record-sealing keys ids={} current={}", keys.keySet(), currentId);
    }

    /** Returns the id of the key that seals new records. */
    public String currentId() {
        return currentId;
    }

    SecretKey current() {
        return keys.get(currentId);
    }

    Optional<SecretKey> find(String keyId) {
        return Optional.ofNullable(keyId).map(keys::get);
    }

    private String chooseCurrent(String configured, String location) {
        if (configured == null) {
            return keys.lastKey();
        }
        if (!keys.containsKey(configured)) {
            throw new IllegalStateException("selfcare.integrity.seal-key-id is " + configured + ", but the "
                    + "keystore " + location + " has no entry seal-" + configured + "; it has " + keys.keySet());
        }
        return configured;
    }

    private static SecretKey secretKey(PortalKeystore.Entry entry, String location) {
        if (!(entry.key() instanceof SecretKey secret) || secret.getEncoded() == null
                || secret.getEncoded().length < 32) {
            throw new IllegalStateException("The keystore entry " + entry.alias() + " in " + location
                    + " is not a secret key of at least 256 bits");
        }
        return secret;
    }
}
