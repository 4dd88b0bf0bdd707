package org.selfcare.purchase.document;

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
 * The keys that encrypt identity documents: AES-256 secret key entries named {@code doc-<id>} in the portal's
 * PKCS#12 keystore ({@code server.ssl.key-store}). The current key encrypts new documents and each document
 * stores the id of its key, so a new key can take over while older documents stay readable. Key material is
 * never logged.
 */
@Component
class DocumentKeys {

    static final String KEY_ID_PATTERN = KeystoreSecretKeys.KEY_ID_PATTERN;

    private static final KeystoreSecretKeys.Kind KIND = new KeystoreSecretKeys.Kind("doc-", "identity-document",
            "AES", (key) -> "AES".equalsIgnoreCase(key.getAlgorithm()) && key.getEncoded().length == 32,
            "a 256-bit AES secret key");

    private static final Logger logger = LoggerFactory.getLogger(DocumentKeys.class);

    private final NavigableMap<String, SecretKey> keys;

    private final String currentId;

    DocumentKeys(Environment environment, ResourceLoader resources, DocumentProperties properties) {
        KeystoreSecretKeys loaded = KeystoreSecretKeys.load(environment, resources, KIND);
        this.keys = loaded.keys();
        this.currentId = loaded.currentId(properties.keyId(), "selfcare.purchase.document.key-id");
        logger.info("Loaded identity-document keys ids={} current={}", keys.keySet(), currentId);
    }

    /** Returns the id of the key that encrypts new documents. */
    String currentId() {
        return currentId;
    }

    SecretKey current() {
        return keys.get(currentId);
    }

    Optional<SecretKey> find(String keyId) {
        return Optional.ofNullable(keyId).map(keys::get);
    }
}
