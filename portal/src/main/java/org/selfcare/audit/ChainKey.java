package org.selfcare.audit;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.selfcare.platform.SecretFile;
import org.selfcare.platform.SelfcareProperties;

import org.springframework.stereotype.Component;

/**
 * The secret key of the security event chain and the HMAC-SHA256 computed with it. The key is generated on first
 * use into {@code selfcare.data-dir}/audit-chain.key. An attacker who can rewrite the database but cannot read
 * that file cannot compute valid hashes, so rewriting the whole chain is detected too.
 */
@Component
class ChainKey {

    /** The previous hash of the first row. */
    static final String GENESIS_HASH = "0".repeat(64);

    static final String FILE_NAME = "audit-chain.key";

    private static final String ALGORITHM = "HmacSHA256";

    /** Names the encoding, so a future change of fields or order cannot produce the same input. */
    private static final String ENCODING_VERSION = "selfcare.security_event.v1";

    private static final byte[] KEY_CHECK_INPUT = "selfcare.security_event.key-check".getBytes(StandardCharsets.UTF_8);

    private final SecretKeySpec key;

    private final Path file;

    ChainKey(SelfcareProperties properties) throws IOException {
        this.file = properties.dataDir().resolve(FILE_NAME);
        this.key = new SecretKeySpec(HexFormat.of().parseHex(SecretFile.readOrCreate(file)), ALGORITHM);
    }

    Path file() {
        return file;
    }

    /**
     * Returns the hex HMAC of a fixed text, stored with the chain so that verification can tell a different key
     * from tampered rows. It reveals nothing about the key.
     */
    String keyCheck() {
        return HexFormat.of().formatHex(mac(KEY_CHECK_INPUT));
    }

    /**
     * Computes the hex hash of one row: HMAC-SHA256 over the encoding version, the row's fields except its id,
     * and the previous row's hash. Each field is written as a presence flag, then its UTF-8 length and bytes, so
     * no two different rows have the same input.
     */
    String hash(ChainedEvent row) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeField(out, ENCODING_VERSION);
            writeField(out, row.occurredAt().toString());
            writeField(out, row.type());
            writeField(out, (row.subscriberId() != null) ? row.subscriberId().toString() : null);
            writeField(out, row.identifier());
            writeField(out, row.clientAddress());
            writeField(out, row.outcome());
            writeField(out, row.reason());
            writeField(out, row.previousHash());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return HexFormat.of().formatHex(mac(bytes.toByteArray()));
    }

    /**
     * Compares two hex hashes in time independent of where they differ.
     */
    static boolean sameHash(String expected, String actual) {
        if (expected == null || actual == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                actual.getBytes(StandardCharsets.US_ASCII));
    }

    private static void writeField(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeBoolean(false);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeBoolean(true);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private byte[] mac(byte[] input) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(input);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", ex);
        }
    }
}
