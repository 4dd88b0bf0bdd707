package org.selfcare.operator.staff;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.NavigableMap;
import java.util.TreeMap;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.selfcare.platform.PortalKeystore;
import org.selfcare.platform.SecretFile;
import org.selfcare.platform.SelfcareProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Encrypts staff TOTP secrets with AES-GCM. The keys are the AES secret key entries {@code totp-<id>} of the
 * portal's keystore, the highest id encrypting new secrets. A keystore without such an entry, one a deployment
 * supplied before the console existed, falls back to a key generated into {@code selfcare.data-dir}/staff-totp.key
 * (owner-only), whose id is {@code file}. The username is the associated data, so a secret copied to another
 * account's row does not decrypt. Key material is never logged.
 */
@Component
class TotpSecretCipher {

    static final String ALIAS_PREFIX = "totp-";

    static final String FILE_KEY_ID = "file";

    static final String KEY_FILE = "staff-totp.key";

    private static final int IV_BYTES = 12;

    private static final int TAG_BITS = 128;

    private static final Comparator<String> KEY_ID_ORDER = Comparator.comparingInt(String::length)
            .thenComparing(Comparator.naturalOrder());

    private static final Logger logger = LoggerFactory.getLogger(TotpSecretCipher.class);

    private final SecureRandom random = new SecureRandom();

    private final NavigableMap<String, SecretKey> keys = new TreeMap<>(KEY_ID_ORDER);

    private final String currentId;

    TotpSecretCipher(PortalKeystore keystore, SelfcareProperties properties) {
        keystore.entries(ALIAS_PREFIX).forEach((id, entry) -> keys.put(id, aesKey(entry)));
        if (keys.isEmpty()) {
            keys.put(FILE_KEY_ID, fileKey(properties));
            this.currentId = FILE_KEY_ID;
        }
        else {
            this.currentId = keys.lastKey();
        }
        logger.info("Loaded staff TOTP keys ids={} current={}", keys.keySet(), currentId);
    }

    String currentKeyId() {
        return currentId;
    }

    /** Returns the IV followed by the ciphertext and its tag. */
    byte[] encrypt(String secret, String username) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        byte[] sealed = run(Cipher.ENCRYPT_MODE, keys.get(currentId), iv, username,
                secret.getBytes(StandardCharsets.US_ASCII));
        return ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
    }

    /**
     * @throws IllegalStateException when the key is unknown or the stored value was changed or moved
     */
    String decrypt(byte[] stored, String keyId, String username) {
        SecretKey key = keys.get(keyId);
        if (key == null) {
            throw new IllegalStateException("The TOTP secret of " + username + " is encrypted with key " + keyId
                    + ", which is not loaded");
        }
        byte[] iv = Arrays.copyOfRange(stored, 0, IV_BYTES);
        byte[] sealed = Arrays.copyOfRange(stored, IV_BYTES, stored.length);
        return new String(run(Cipher.DECRYPT_MODE, key, iv, username, sealed), StandardCharsets.US_ASCII);
    }

    private static byte[] run(int mode, SecretKey key, byte[] iv, String username, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(("staff-totp:" + username).getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("A stored TOTP secret does not decrypt with its key", ex);
        }
    }

    private static SecretKey aesKey(PortalKeystore.Entry entry) {
        if (!(entry.key() instanceof SecretKey secret) || !"AES".equalsIgnoreCase(secret.getAlgorithm())
                || secret.getEncoded() == null || secret.getEncoded().length != 32) {
            throw new IllegalStateException("The keystore entry " + entry.alias() + " is not a 256-bit AES secret key");
        }
        return secret;
    }

    /** 192 random bits from the secret file: an AES-192 key. */
    private static SecretKey fileKey(SelfcareProperties properties) {
        try {
            byte[] bytes = HexFormat.of().parseHex(SecretFile.readOrCreate(properties.dataDir().resolve(KEY_FILE)));
            return new SecretKeySpec(bytes, "AES");
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read or create the staff TOTP key file", ex);
        }
    }
}
