package org.selfcare.purchase.document;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.Collections;
import java.util.Comparator;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

import javax.crypto.SecretKey;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    static final String ALIAS_PREFIX = "doc-";

    static final String KEY_ID_PATTERN = "[a-z0-9-]{1,32}";

    /** The highest id is the newest: a longer id is higher, and ids of equal length compare as text. */
    private static final Comparator<String> KEY_ID_ORDER = Comparator.comparingInt(String::length)
            .thenComparing(Comparator.naturalOrder());

    private static final Logger logger = LoggerFactory.getLogger(DocumentKeys.class);

    private final NavigableMap<String, SecretKey> keys = new TreeMap<>(KEY_ID_ORDER);

    private final String currentId;

    DocumentKeys(Environment environment, ResourceLoader resources, DocumentProperties properties) {
        String location = environment.getProperty("server.ssl.key-store");
        if (location == null) {
            throw new IllegalStateException("No keystore for the identity-document keys: set server.ssl.key-store "
                    + "to the PKCS#12 keystore that holds the TLS key and the doc-<id> keys");
        }
        String storePassword = environment.getProperty("server.ssl.key-store-password", "");
        String keyPassword = environment.getProperty("server.ssl.key-password", storePassword);
        String type = environment.getProperty("server.ssl.key-store-type", "PKCS12");

        try (InputStream in = resources.getResource(location).getInputStream()) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, storePassword.toCharArray());
            for (String alias : Collections.list(store.aliases())) {
                if (alias.startsWith(ALIAS_PREFIX)) {
                    keys.put(idOf(alias, location), aesKey(store.getKey(alias, keyPassword.toCharArray()), alias,
                            location));
                }
            }
        }
        catch (IOException | GeneralSecurityException ex) {
            throw new IllegalStateException("Cannot read the identity-document keys in the keystore " + location
                    + ": " + ex.getMessage(), ex);
        }

        if (keys.isEmpty()) {
            throw new IllegalStateException("The keystore " + location + " has no identity-document key. Add one "
                    + "with: keytool -genseckey -alias doc-1 -keyalg AES -keysize 256 -storetype PKCS12 "
                    + "-keystore <the keystore file>");
        }
        this.currentId = chooseCurrent(properties.keyId(), location);
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
        return Optional.ofNullable(keys.get(keyId));
    }

    private String chooseCurrent(String configured, String location) {
        if (configured == null) {
            return keys.lastKey();
        }
        if (!keys.containsKey(configured)) {
            throw new IllegalStateException("selfcare.purchase.document.key-id is " + configured + ", but the "
                    + "keystore " + location + " has no entry doc-" + configured + "; it has " + keys.keySet());
        }
        return configured;
    }

    private static String idOf(String alias, String location) {
        String id = alias.substring(ALIAS_PREFIX.length());
        if (!id.matches(KEY_ID_PATTERN)) {
            throw new IllegalStateException("The keystore " + location + " has the entry " + alias
                    + ", whose key id is not 1 to 32 lowercase letters, digits or hyphens");
        }
        return id;
    }

    private static SecretKey aesKey(Key key, String alias, String location) {
        if (!(key instanceof SecretKey secret) || !"AES".equalsIgnoreCase(secret.getAlgorithm())
                || secret.getEncoded() == null || secret.getEncoded().length != 32) {
            throw new IllegalStateException("The keystore entry " + alias + " in " + location
                    + " is not a 256-bit AES secret key");
        }
        return secret;
    }
}
