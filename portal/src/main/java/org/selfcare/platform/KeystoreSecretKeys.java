package org.selfcare.platform;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.Collections;
import java.util.Comparator;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Predicate;

import javax.crypto.SecretKey;

import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * One kind of secret key in the portal's PKCS#12 keystore ({@code server.ssl.key-store}): the entries whose
 * alias is a prefix and a key id, such as {@code seal-1} or {@code doc-2}. The highest id is the current key, the
 * one that protects new data, and every key stays usable for data it protected before, so keys can rotate.
 */
public final class KeystoreSecretKeys {

    /** Key ids: 1 to 32 lowercase letters, digits or hyphens. */
    public static final String KEY_ID_PATTERN = "[a-z0-9-]{1,32}";

    /**
     * Orders key ids so that the highest is the newest: a longer id is higher, and ids of equal length compare
     * as text, so 2 comes before 10 and 2026-01 before 2026-12.
     */
    public static final Comparator<String> KEY_ID_ORDER = Comparator.comparingInt(String::length)
            .thenComparing(Comparator.naturalOrder());

    private final String location;

    private final String aliasPrefix;

    private final NavigableMap<String, SecretKey> keys;

    private KeystoreSecretKeys(String location, String aliasPrefix, NavigableMap<String, SecretKey> keys) {
        this.location = location;
        this.aliasPrefix = aliasPrefix;
        this.keys = keys;
    }

    /**
     * Loads the keys whose alias starts with {@code kind.aliasPrefix()}.
     *
     * @throws IllegalStateException when no keystore is configured, it cannot be read, an entry is not a valid key
     *         of the kind, or there is none
     */
    public static KeystoreSecretKeys load(Environment environment, ResourceLoader resources, Kind kind) {
        String location = environment.getProperty("server.ssl.key-store");
        if (location == null) {
            throw new IllegalStateException("No keystore for the " + kind.purpose() + " keys: set server.ssl.key-store "
                    + "to the PKCS#12 keystore that holds the TLS key and the " + kind.aliasPrefix() + "<id> keys");
        }
        String storePassword = environment.getProperty("server.ssl.key-store-password", "");
        String keyPassword = environment.getProperty("server.ssl.key-password", storePassword);
        String type = environment.getProperty("server.ssl.key-store-type", "PKCS12");

        NavigableMap<String, SecretKey> found = new TreeMap<>(KEY_ID_ORDER);
        try (InputStream in = resources.getResource(location).getInputStream()) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, storePassword.toCharArray());
            for (String alias : Collections.list(store.aliases())) {
                if (alias.startsWith(kind.aliasPrefix())) {
                    found.put(idOf(alias, kind, location), checked(store.getKey(alias, keyPassword.toCharArray()),
                            alias, kind, location));
                }
            }
        }
        catch (IOException ex) {
            throw new IllegalStateException("Cannot read the keystore " + location + ": " + ex.getMessage(), ex);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("Cannot read the " + kind.purpose() + " keys in " + location + ": "
                    + ex.getMessage(), ex);
        }

        if (found.isEmpty()) {
            throw new IllegalStateException("The keystore " + location + " has no " + kind.purpose() + " key. Add one "
                    + "with: keytool -genseckey -alias " + kind.aliasPrefix() + "1 -keyalg " + kind.keytoolAlgorithm()
                    + " -keysize 256 -storetype PKCS12 -keystore <the keystore file>");
        }
        return new KeystoreSecretKeys(location, kind.aliasPrefix(), found);
    }

    /** Returns the keys by id, highest id last. */
    public NavigableMap<String, SecretKey> keys() {
        return Collections.unmodifiableNavigableMap(keys);
    }

    /**
     * Returns the id of the current key: {@code configured} when set, otherwise the highest id.
     *
     * @param property the name of the setting that {@code configured} comes from, for the error message
     * @throws IllegalStateException when the keystore has no key with the configured id
     */
    public String currentId(String configured, String property) {
        if (configured == null) {
            return keys.lastKey();
        }
        if (!keys.containsKey(configured)) {
            throw new IllegalStateException(property + " is " + configured + ", but the keystore " + location
                    + " has no entry " + aliasPrefix + configured + "; it has " + keys.keySet());
        }
        return configured;
    }

    private static String idOf(String alias, Kind kind, String location) {
        String id = alias.substring(kind.aliasPrefix().length());
        if (!id.matches(KEY_ID_PATTERN)) {
            throw new IllegalStateException("The keystore " + location + " has the entry " + alias
                    + ", whose key id is not 1 to 32 lowercase letters, digits or hyphens");
        }
        return id;
    }

    private static SecretKey checked(Key key, String alias, Kind kind, String location) {
        if (!(key instanceof SecretKey secret) || secret.getEncoded() == null || !kind.valid().test(secret)) {
            throw new IllegalStateException("The keystore entry " + alias + " in " + location + " is not "
                    + kind.validDescription());
        }
        return secret;
    }

    /**
     * A kind of secret key.
     *
     * @param aliasPrefix the alias before the key id, such as {@code seal-}
     * @param purpose what the keys are for, in error messages, such as {@code record-sealing}
     * @param keytoolAlgorithm the {@code -keyalg} that the error message about a missing key suggests
     * @param valid whether a secret key is fit for the purpose
     * @param validDescription what a fit key is, completing "is not ...", such as {@code a 256-bit AES secret key}
     */
    public record Kind(String aliasPrefix, String purpose, String keytoolAlgorithm, Predicate<SecretKey> valid,
            String validDescription) {
    }
}
