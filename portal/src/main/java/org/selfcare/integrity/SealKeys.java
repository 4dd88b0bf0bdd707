package org.selfcare.integrity;

import java.util.NavigableMap;
import java.util.Optional;

import javax.crypto.SecretKey;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.selfcare.platform.KeystoreSecretKeys;

import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * The record-sealing keys: the HMAC-SHA256 secret key entries named {@code seal-<id>} in the portal's PKCS#12
 * keystore ({@code server.ssl.key-store}). The current key seals new records and every key verifies, so a new
 * key can take over while records sealed with older ones stay readable. Key material is never logged.
 */
@Component
public class SealKeys {

    static final String ALIAS_PREFIX = "seal-";

    static final String KEY_ID_PATTERN = KeystoreSecretKeys.KEY_ID_PATTERN;

    private static final KeystoreSecretKeys.Kind KIND = new KeystoreSecretKeys.Kind(ALIAS_PREFIX, "record-sealing",
            "HmacSHA256", (key) -> key.getEncoded().length >= 32, "a secret key of at least 256 bits");

    private static final Logger logger = LoggerFactory.getLogger(SealKeys.class);

    private final NavigableMap<String, SecretKey> keys;

    private final String currentId;

    SealKeys(Environment environment, ResourceLoader resources, SealProperties properties) {
        KeystoreSecretKeys loaded = KeystoreSecretKeys.load(environment, resources, KIND);
        this.keys = loaded.keys();
        this.currentId = loaded.currentId(properties.sealKeyId(), "selfcare.integrity.seal-key-id");
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
}
