package org.selfcare.integrity;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import com.nimbusds.jose.CompressionAlgorithm;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfcare.platform.PortalKeystore;
import org.selfcare.platform.tls.GeneratedKeystoreEnvironmentPostProcessor;

import org.springframework.boot.SpringApplication;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Opens transaction bodies with the key the portal generates on first start, and refuses every body a client or
 * a party in the middle could use to weaken or alter the transaction.
 */
class TransactionDecryptionTests {

    private static final String ORDER = "{\"items\":[{\"itemId\":\"recharge-10\",\"quantity\":1}]}";

    @TempDir
    static Path dataDir;

    private static TransactionKeys keys;

    private static TransactionDecryption decryption;

    private static RSAKey published;

    @BeforeAll
    static void generateKeystore() {
        MockEnvironment environment = new MockEnvironment().withProperty("selfcare.data-dir", dataDir.toString());
        new GeneratedKeystoreEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
        keys = new TransactionKeys(new PortalKeystore(environment, new DefaultResourceLoader()));
        decryption = new TransactionDecryption(keys);
        published = keys.publicKeys().getKeys().get(0).toRSAKey();
    }

    @Test
    void jwksPublishesPublicHalfOnly() {
        JWKSet set = keys.publicKeys();
        Map<String, Object> json = set.toJSONObject(true);

        assertThat(set.getKeys()).hasSize(1);
        JWK key = set.getKeys().get(0);
        assertThat(key.getKeyID()).isEqualTo("enc-1");
        assertThat(key.getKeyUse()).isEqualTo(KeyUse.ENCRYPTION);
        assertThat(key.getAlgorithm()).isEqualTo(JWEAlgorithm.RSA_OAEP_256);
        assertThat(key.isPrivate()).isFalse();
        assertThat(key.toRSAKey().size()).isGreaterThanOrEqualTo(3072);
        assertThat(json.toString()).doesNotContain("\"d\"", "\"p\"", "\"q\"");
    }

    @Test
    void opensJweToPublishedKey() throws Exception {
        String jwe = encrypt(header(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM).build(), ORDER);

        assertThat(new String(decryption.decrypt(jwe), StandardCharsets.UTF_8)).isEqualTo(ORDER);
    }

    @Test
    void changedCiphertextIsRefused() throws Exception {
        String[] parts = encrypt(header(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM).build(), ORDER)
                .split("\\.");
        byte[] ciphertext = Base64.getUrlDecoder().decode(parts[3]);
        ciphertext[0] ^= 0x01;
        parts[3] = Base64.getUrlEncoder().withoutPadding().encodeToString(ciphertext);

        assertRejected(String.join(".", parts), "does not decrypt");
    }

    @Test
    void changedProtectedHeaderIsRefused() throws Exception {
        String[] parts = encrypt(header(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM).build(), ORDER)
                .split("\\.");
        String headerJson = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        parts[0] = Base64.getUrlEncoder().withoutPadding().encodeToString(
                headerJson.replace("\"enc\"", "\"x\":1,\"enc\"").getBytes(StandardCharsets.UTF_8));

        assertRejected(String.join(".", parts), "does not decrypt");
    }

    @Test
    void weakerKeyWrappingIsRefused() throws Exception {
        assertRejected(encrypt(header(JWEAlgorithm.RSA1_5, EncryptionMethod.A256GCM).build(), ORDER), "RSA-OAEP-256");
        assertRejected(encrypt(header(JWEAlgorithm.RSA_OAEP_512, EncryptionMethod.A256GCM).build(), ORDER),
                "RSA-OAEP-256");
    }

    @Test
    void otherContentEncryptionIsRefused() throws Exception {
        assertRejected(encrypt(header(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A128GCM).build(), ORDER), "A256GCM");
        assertRejected(encrypt(header(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256CBC_HS512).build(), ORDER),
                "A256GCM");
    }

    @Test
    void directEncryptionIsRefused() throws Exception {
        JWEObject direct = new JWEObject(new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM)
                .keyID(published.getKeyID()).build(), new Payload(ORDER));
        direct.encrypt(new DirectEncrypter(new byte[32]));

        assertRejected(direct.serialize(), "RSA-OAEP-256");
    }

    @Test
    void compressedPayloadIsRefused() throws Exception {
        assertRejected(encrypt(header(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM)
                .compressionAlgorithm(CompressionAlgorithm.DEF).build(), ORDER), "Compressed");
    }

    @Test
    void missingOrForeignKidIsRefused() throws Exception {
        JWEHeader withoutKid = new JWEHeader.Builder(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM).build();
        assertRejected(encrypt(withoutKid, ORDER), "no kid");

        assertRejected(encrypt(header(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM).keyID("enc-2").build(),
                ORDER), "not one of this portal's");
    }

    @Test
    void nonJweBodiesAreRefused() {
        assertRejected(ORDER, "five parts");
        assertRejected("eyJhbGciOiJIUzI1NiJ9.e30.c2ln", "five parts");
        assertRejected("a.b.c.d.e", "well-formed");
        assertRejected("", "empty");
        assertRejected("a.b.c.d." + "x".repeat(TransactionDecryption.MAX_LENGTH), "longer than");
    }

    private static JWEHeader.Builder header(JWEAlgorithm algorithm, EncryptionMethod method) {
        return new JWEHeader.Builder(algorithm, method).keyID(published.getKeyID());
    }

    private static String encrypt(JWEHeader header, String plaintext) throws Exception {
        JWEObject jwe = new JWEObject(header, new Payload(plaintext));
        jwe.encrypt(new RSAEncrypter(published));
        return jwe.serialize();
    }

    private static void assertRejected(String body, String reason) {
        assertThatExceptionOfType(UnreadableTransactionException.class).isThrownBy(() -> decryption.decrypt(body))
                .withMessageContaining(reason)
                .satisfies((ex) -> assertThat(ex.getMessage()).doesNotContainIgnoringCase("nimbus")
                        .doesNotContainIgnoringCase("exception"));
    }
}
