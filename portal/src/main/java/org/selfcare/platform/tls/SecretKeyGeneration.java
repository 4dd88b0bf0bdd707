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

import org.selfcare.platform.OwnerOnlyFiles;

/**
 * Adds the secret keys the portal needs to the keystore that the portal generated, when it contains none of a
 * kind yet: a record-sealing key ({@code seal-1}, HMAC-SHA256), an identity-document encryption key
 * ({@code doc-1}, AES-256) and a staff TOTP encryption key ({@code totp-1}, AES-256), each of 256 random bits. A
 * keystore that a deployment supplies is never changed; the modules that read these keys reject one without
 * them at start-up, except the operator console, which then keeps its key in a file of the data folder.
 */
final class SecretKeyGeneration {

    /** Record-sealing keys, the same alias prefix as the integrity module reads. */
    static final Kind SEAL = new Kind("seal-", "HmacSHA256");

    /** Identity-document encryption keys, the same alias prefix as the purchase module reads. */
    static final Kind DOCUMENT = new Kind("doc-", "AES");

    /** Keys that encrypt staff TOTP secrets, the same alias prefix as the operator module reads. */
    static final Kind STAFF_TOTP = new Kind("totp-", "AES");

    private SecretKeyGeneration() {
    }

    /**
     * Adds {@code <prefix>1} to {@code keystore} unless an alias starting with the kind's prefix exists. The
     * file is replaced by an atomic move, so a reader sees either the old or the new keystore.
     *
     * @return whether a key was added
     */
    static boolean addIfMissing(Path keystore, char[] password, Kind kind) throws IOException,
            GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, password);
        }
        for (String alias : Collections.list(store.aliases())) {
            if (alias.startsWith(kind.aliasPrefix())) {
                return false;
            }
        }

        KeyGenerator generator = KeyGenerator.getInstance(kind.algorithm());
        generator.init(256);
        SecretKey key = generator.generateKey();
        store.setEntry(kind.firstAlias(), new KeyStore.SecretKeyEntry(key), new KeyStore.PasswordProtection(password));

        Path next = keystore.resolveSibling(keystore.getFileName() + ".new");
        try (OutputStream out = OwnerOnlyFiles.newOutputStream(next)) {
            store.store(out, password);
        }
        Files.move(next, keystore, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return true;
    }

    /**
     * A kind of secret key: the alias prefix its entries share and the algorithm of a new key.
     */
    record Kind(String aliasPrefix, String algorithm) {

        String firstAlias() {
            return aliasPrefix + "1";
        }
    }
}
