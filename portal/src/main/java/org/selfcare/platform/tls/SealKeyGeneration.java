package org.selfcare.platform.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;

import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

/**
 * Adds a record-sealing key to the keystore that the portal generated, when it contains none yet: an
 * HMAC-SHA256 secret key of 256 random bits under the alias {@code seal-1}. A keystore that a deployment
 * supplies is never changed, and the integrity module rejects one without a sealing key at start-up.
 */
final class SealKeyGeneration {

    /** Alias prefix of sealing keys, the same as the integrity module reads. */
    static final String ALIAS_PREFIX = "seal-";

    static final String FIRST_ALIAS = ALIAS_PREFIX + "1";

    private SealKeyGeneration() {
    }

    /**
     * Adds {@code seal-1} to {@code keystore} unless an alias starting with {@code seal-} exists. The file is
     * replaced by an atomic move, so a reader sees either the old or the new keystore.
     *
     * @return whether a key was added
     */
    static boolean addIfMissing(Path keystore, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, password);
        }
        for (String alias : Collections.list(store.aliases())) {
            if (alias.startsWith(ALIAS_PREFIX)) {
                return false;
            }
        }

        KeyGenerator generator = KeyGenerator.getInstance("HmacSHA256");
        generator.init(256);
        SecretKey key = generator.generateKey();
        store.setEntry(FIRST_ALIAS, new KeyStore.SecretKeyEntry(key), new KeyStore.PasswordProtection(password));

        Path next = keystore.resolveSibling(keystore.getFileName() + ".new");
        try (OutputStream out = Files.newOutputStream(next)) {
            store.store(out, password);
        }
        Files.move(next, keystore, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return true;
    }
}
