package org.selfcare.integrity;

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
import org.springframework.core.io.Resource;
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

    static final String KEY_ID_PATTERN = "[a-z0-9-]{1,32}";

    /**
     * Orders key ids so that the highest is the newest: a longer id is higher, and ids of equal length compare
     * as text, so 2 comes before 10 and 2026-01 before 2026-12.
     */
    static final Comparator<String> KEY_ID_ORDER = Comparator.comparingInt(String::length)
            .thenComparing(Comparator.naturalOrder());

    private static final Logger logger = LoggerFactory.getLogger(SealKeys.class);

    private final NavigableMap<String, SecretKey> keys;

    private final String currentId;

    SealKeys(Environment environment, ResourceLoader resources, SealProperties properties) {
        String location = environment.getProperty("server.ssl.key-store");
        if (location == null) {
            throw new IllegalStateException("No keystore for the record-sealing keys: set server.ssl.key-store to "
                    + "the PKCS#12 keystore that holds the TLS key and the seal-<id> keys");
        }
        String storePassword = environment.getProperty("server.ssl.key-store-password", "");
        String keyPassword = environment.getProperty("server.ssl.key-password", storePassword);
        String type = environment.getProperty("server.ssl.key-store-type", "PKCS12");

        this.keys = load(resources.getResource(location), location, type, storePassword.toCharArray(),
                keyPassword.toCharArray());
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

    private static NavigableMap<String, SecretKey> load(Resource resource, String location, String type, char[] storePassword,
            char[] keyPassword) {
        try (InputStream in = resource.getInputStream()) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, storePassword);

            NavigableMap<String, SecretKey> found = new TreeMap<>(KEY_ID_ORDER);
            for (String alias : Collections.list(store.aliases())) {
                if (!alias.startsWith(ALIAS_PREFIX)) {
                    continue;
                }
                String id = alias.substring(ALIAS_PREFIX.length());
                if (!id.matches(KEY_ID_PATTERN)) {
                    throw new IllegalStateException("The keystore " + location + " has the entry " + alias
                            + ", whose key id is not 1 to 32 lowercase letters, digits or hyphens");
                }
                Key key = store.getKey(alias, keyPassword);
                if (!(key instanceof SecretKey secret) || secret.getEncoded() == null
                        || secret.getEncoded().length < 32) {
                    throw new IllegalStateException("The keystore entry " + alias + " in " + location
                            + " is not a secret key of at least 256 bits");
                }
                found.put(id, secret);
            }
            return found;
        }
        catch (IOException ex) {
            throw new IllegalStateException("Cannot read the keystore " + location + ": " + ex.getMessage(), ex);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("Cannot read the record-sealing keys in " + location + ": "
                    + ex.getMessage(), ex);
        }
    }
}
