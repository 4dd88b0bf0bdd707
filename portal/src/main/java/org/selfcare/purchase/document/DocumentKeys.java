package org.selfcare.purchase.document;

import java.util.Comparator;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

import javax.crypto.SecretKey;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.selfcare.platform.PortalKeystore;

import org.springframework.stereotype.Component;

/**
 * The keys that encrypt identity documents: AES-256 secret key entries named {@code doc-<id>} in the portal's
 * keystore. The current key encrypts new documents and each document stores the id of its key, so a new key can
 * take over while older documents stay readable. Key material is never logged.
 */
@Component
class DocumentKeys {

    static final String ALIAS_PREFIX = "doc-";

    static final String KEY_ID_PATTERN = PortalKeystore.KEY_ID_PATTERN;

    /** The highest id is the newest: a longer id is higher, and ids of equal length compare as text. */
    private static final Comparator<String> KEY_ID_ORDER = Comparator.comparingInt(String::length)
            .thenComparing(Comparator.naturalOrder());

    private static final Logger logger = LoggerFactory.getLogger(DocumentKeys.class);

    private final NavigableMap<String, SecretKey> keys = new TreeMap<>(KEY_ID_ORDER);

    private final String currentId;

    DocumentKeys(PortalKeystore keystore, DocumentProperties properties) {
        String location = keystore.location();
        keystore.entries(ALIAS_PREFIX).forEach((id, entry) -> keys.put(id, aesKey(entry, location)));
        if (keys.isEmpty()) {
            throw new IllegalStateException("The keystore " + location + " has no identity-document key. Add one "
                    + "with: keytool -genseckey -alias doc-1 -keyalg AES -keysize 256 -storetype PKCS12 "
                    + "-keystore <the keystore file>");
        }

        String configured = properties.keyId();
        if (configured != null && !keys.containsKey(configured)) {
            throw new IllegalStateException("selfcare.purchase.document.key-id is " + configured + ", but the "
                    + "keystore " + location + " has no entry doc-" + configured + "; it has " + keys.keySet());
        }
        this.currentId = (configured != null) ? configured : keys.lastKey();
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

    private static SecretKey aesKey(PortalKeystore.Entry entry, String location) {
        if (!(entry.key() instanceof SecretKey secret) || !"AES".equalsIgnoreCase(secret.getAlgorithm())
                || secret.getEncoded() == null || secret.getEncoded().length != 32) {
            throw new IllegalStateException("The keystore entry " + entry.alias() + " in " + location
                    + " is not a 256-bit AES secret key");
        }
        return secret;
    }
}
