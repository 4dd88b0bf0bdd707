package org.selfcare.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.selfcare.platform.SecretFile;
import org.selfcare.platform.SelfcareProperties;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The two keys of the verification codes: one for the HMAC of an answer that a session keeps, one that seals an
 * answer until its picture is drawn. Both are derived from the secret in {@code <data-dir>/captcha-key}, generated
 * at first start. Sessions live in the shared database, so a code issued by one portal node may be checked by
 * another, and every node must read the same key file.
 */
@Component
class CaptchaKeys {

    static final String KEY_FILE = "captcha-key";

    private static final String DERIVATION = "HmacSHA256";

    private final SecretKey hashKey;

    private final SecretKey sealKey;

    @Autowired
    CaptchaKeys(SelfcareProperties properties) {
        this(read(properties.dataDir().resolve(KEY_FILE)));
    }

    /** Derives the keys from {@code secret}: each is the HMAC of its purpose under the secret. */
    CaptchaKeys(byte[] secret) {
        this.hashKey = new SecretKeySpec(derive(secret, "selfcare captcha answer hash"), "HmacSHA256");
        this.sealKey = new SecretKeySpec(derive(secret, "selfcare captcha answer seal"), "AES");
    }

    /** The HMAC-SHA256 key of the answers that sessions keep. */
    SecretKey hashKey() {
        return hashKey;
    }

    /** The AES-256 key that seals an answer until its picture is drawn. */
    SecretKey sealKey() {
        return sealKey;
    }

    private static byte[] read(Path file) {
        try {
            return HexFormat.of().parseHex(SecretFile.readOrCreate(file));
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read or create the verification code key file " + file, ex);
        }
    }

    private static byte[] derive(byte[] secret, String purpose) {
        try {
            Mac mac = Mac.getInstance(DERIVATION);
            mac.init(new SecretKeySpec(secret, DERIVATION));
            return mac.doFinal(purpose.getBytes(StandardCharsets.US_ASCII));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("Cannot derive the verification code keys with " + DERIVATION, ex);
        }
    }
}
