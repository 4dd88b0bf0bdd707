package org.selfcare.platform;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * The portal's PKCS#12 keystore ({@code server.ssl.key-store}): beside the TLS key it contains the keys that other
 * modules find by alias prefix, such as {@code seal-1}. Keys are read once, at start-up, by the modules that
 * need them; key material is never logged.
 */
@Component
public class PortalKeystore {

    /** Key ids after the alias prefix: lowercase letters, digits and hyphens, as a file name or a JSON value. */
    public static final String KEY_ID_PATTERN = "[a-z0-9-]{1,32}";

    private final Environment environment;

    private final ResourceLoader resources;

    public PortalKeystore(Environment environment, ResourceLoader resources) {
        this.environment = environment;
        this.resources = resources;
    }

    /** Returns where the keystore is, for messages. */
    public String location() {
        String location = environment.getProperty("server.ssl.key-store");
        if (location == null) {
            throw new IllegalStateException("No keystore: set server.ssl.key-store to the PKCS#12 keystore that contains "
                    + "the TLS key and the portal's keys");
        }
        return location;
    }

    /**
     * Returns the entries whose alias starts with {@code prefix}, keyed by the id that follows the prefix.
     *
     * @throws IllegalStateException when the keystore cannot be read or an id is not a valid key id
     */
    public Map<String, Entry> entries(String prefix) {
        String location = location();
        String storePassword = environment.getProperty("server.ssl.key-store-password", "");
        char[] keyPassword = environment.getProperty("server.ssl.key-password", storePassword).toCharArray();
        String type = environment.getProperty("server.ssl.key-store-type", "PKCS12");
        try (InputStream in = resources.getResource(location).getInputStream()) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, storePassword.toCharArray());

            Map<String, Entry> found = new LinkedHashMap<>();
            for (String alias : Collections.list(store.aliases())) {
                if (!alias.startsWith(prefix)) {
                    continue;
                }
                String id = alias.substring(prefix.length());
                if (!id.matches(KEY_ID_PATTERN)) {
                    throw new IllegalStateException("The keystore " + location + " has the entry " + alias
                            + ", whose key id is not 1 to 32 lowercase letters, digits or hyphens");
                }
                found.put(id, new Entry(alias, store.getKey(alias, keyPassword), store.getCertificate(alias)));
            }
            return found;
        }
        catch (IOException ex) {
            throw new IllegalStateException("Cannot read the keystore " + location + ": " + ex.getMessage(), ex);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("Cannot read the " + prefix + "<id> keys in " + location + ": "
                    + ex.getMessage(), ex);
        }
    }

    /**
     * One keystore entry.
     *
     * @param alias its alias
     * @param key the secret or private key
     * @param certificate the certificate of a private key, or {@code null} for a secret key
     */
    public record Entry(String alias, Key key, Certificate certificate) {
    }
}
