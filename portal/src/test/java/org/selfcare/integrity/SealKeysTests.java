package org.selfcare.integrity;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;

import javax.crypto.KeyGenerator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfcare.platform.PortalKeystore;

import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Loads sealing keys from real PKCS#12 keystores written to a temporary folder, as keytool would write them.
 */
class SealKeysTests {

    private static final char[] PASSWORD = "store-password".toCharArray();

    private static final RecordSeal RECORD = RecordSeal.payment(7, 2500, "GBP", "CARD", "COMPLETED", "ref-1",
            Instant.parse("2026-01-02T03:04:05.123456Z"));

    @TempDir
    Path folder;

    @Test
    void rotationKeepsOldSealsVerifiable() throws Exception {
        Path keystore = keystore("seal-1");
        RecordSealer before = sealer(keystore, null);
        Seal old = before.seal(RECORD);

        addKey(keystore, "seal-2");
        RecordSealer after = sealer(keystore, null);
        Seal fresh = after.seal(RECORD);

        assertThat(old.keyId()).isEqualTo("1");
        assertThat(fresh.keyId()).isEqualTo("2");
        assertThat(after.verifies(RECORD, old.value(), old.keyId())).isTrue();
        assertThat(after.verifies(RECORD, fresh.value(), fresh.keyId())).isTrue();
        assertThat(after.verifies(RECORD, fresh.value(), old.keyId())).as("new seal under the old key id").isFalse();
        assertThat(before.verifies(RECORD, fresh.value(), fresh.keyId())).as("key 2 unknown before rotation")
                .isFalse();
    }

    @Test
    void configuredKeyIdWinsOverHighest() throws Exception {
        Path keystore = keystore("seal-1", "seal-2");

        assertThat(sealer(keystore, "1").seal(RECORD).keyId()).isEqualTo("1");
    }

    @Test
    void highestIdComparesByLengthFirst() throws Exception {
        Path keystore = keystore("seal-9", "seal-10");

        assertThat(sealer(keystore, null).seal(RECORD).keyId()).isEqualTo("10");
    }

    @Test
    void keystoreWithoutSealingKeyFailsWithKeytoolCommand() throws Exception {
        Path keystore = keystore();

        assertThatIllegalStateException().isThrownBy(() -> sealer(keystore, null))
                .withMessageContaining("has no record-sealing key")
                .withMessageContaining("keytool -genseckey -alias seal-1 -keyalg HmacSHA256 -keysize 256");
    }

    @Test
    void configuredKeyMissingFromKeystoreFails() throws Exception {
        Path keystore = keystore("seal-1");

        assertThatIllegalStateException().isThrownBy(() -> sealer(keystore, "2"))
                .withMessageContaining("selfcare.integrity.seal-key-id is 2")
                .withMessageContaining("no entry seal-2");
    }

    @Test
    void editedFieldOrForgedSealFails() throws Exception {
        RecordSealer sealer = sealer(keystore("seal-1"), null);
        Seal seal = sealer.seal(RECORD);
        RecordSeal edited = RecordSeal.payment(7, 2501, "GBP", "CARD", "COMPLETED", "ref-1",
                Instant.parse("2026-01-02T03:04:05.123456Z"));

        assertThat(sealer.verifies(edited, seal.value(), seal.keyId())).isFalse();
        assertThat(sealer.verifies(RECORD, "not base64url!", seal.keyId())).isFalse();
        assertThat(sealer.verifies(RECORD, null, seal.keyId())).isFalse();
        assertThat(sealer.verifies(RECORD, seal.value(), null)).isFalse();
    }

    @Test
    void textFieldsCannotShiftIntoEachOther() {
        RecordSeal one = RecordSeal.ledgerEntry(1, "TOP_UP", 5, "GBP", "ab", "c", Instant.EPOCH);
        RecordSeal other = RecordSeal.ledgerEntry(1, "TOP_UP", 5, "GBP", "a", "bc", Instant.EPOCH);

        assertThat(one.toBytes()).isNotEqualTo(other.toBytes());
    }

    private RecordSealer sealer(Path keystore, String sealKeyId) {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("server.ssl.key-store", keystore.toUri().toString())
                .withProperty("server.ssl.key-store-password", new String(PASSWORD));
        return new RecordSealer(new SealKeys(new PortalKeystore(environment, new DefaultResourceLoader()),
                new SealProperties(sealKeyId)));
    }

    private Path keystore(String... aliases) throws Exception {
        Path file = folder.resolve("keystore-" + aliases.length + "-" + String.join("_", aliases) + ".p12");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD);
        }
        for (String alias : aliases) {
            addKey(file, alias);
        }
        return file;
    }

    private static void addKey(Path file, String alias) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD);
        }
        KeyGenerator generator = KeyGenerator.getInstance("HmacSHA256");
        generator.init(256);
        store.setEntry(alias, new KeyStore.SecretKeyEntry(generator.generateKey()),
                new KeyStore.PasswordProtection(PASSWORD));
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD);
        }
    }
}
