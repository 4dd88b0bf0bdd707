package org.selfcare.stepup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.selfcare.platform.SecretFile;
import org.selfcare.platform.SelfcareProperties;

import org.springframework.stereotype.Component;

/**
 * Hashes SMS codes with HMAC-SHA256 under a key in {@code <data-dir>/step-up-code-key}. A six-digit code has only a
 * million values, so any unkeyed hash, Argon2 included, is reversed by trying them all. The key is kept outside the
 * database, so a copy of the database alone reveals no code. HMAC is also cheap, so checking codes cannot be
 * used to load the server the way slow password hashing can.
 *
 * <p>The subscriber, the session binding and the purpose are hashed with the code, so a stored hash matches only
 * the row it was written for. Every portal node must read the same key file.
 */
@Component
class CodeHasher {

    private static final String ALGORITHM = "HmacSHA256";

    private static final String KEY_FILE = "step-up-code-key";

    private final SecretKeySpec key;

    CodeHasher(SelfcareProperties properties) {
        Path file = properties.dataDir().resolve(KEY_FILE);
        try {
            this.key = new SecretKeySpec(HexFormat.of().parseHex(SecretFile.readOrCreate(file)), ALGORITHM);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read or create the SMS code key file " + file, ex);
        }
    }

    byte[] hash(long subscriberId, String sessionBinding, Purpose purpose, String code) {
        String message = subscriberId + "\n" + sessionBinding + "\n" + purpose.pathName() + "\n" + code;
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("Cannot compute " + ALGORITHM, ex);
        }
    }
}
