package org.selfcare.bench;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSADecrypter;
import com.nimbusds.jose.crypto.RSAEncrypter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH benchmark of opening one encrypted order as the portal does: parse the compact JWE and decrypt it with Nimbus
 * JOSE (RSA-OAEP-256 key unwrapping, then A256GCM). The baseline is the one step no implementation can skip, the
 * RSA-OAEP-256 decryption of the wrapped content key with the JDK's cipher, so the ratio shows what parsing, the
 * header checks and AES-GCM add. The key is RSA 3072, the size the portal generates.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TransactionOpening {

    private static final String ORDER = "{\"items\":[{\"itemId\":\"recharge-10\",\"quantity\":2},"
            + "{\"itemId\":\"phone-basic\",\"quantity\":1}],\"deliveryAddress\":{\"name\":\"Robin Hale\","
            + "\"line1\":\"1 High Street\",\"city\":\"London\",\"postcode\":\"N1 1AA\",\"country\":\"GB\"},"
            + "\"expectedTotal\":{\"minorUnits\":4900,\"currency\":\"GBP\"}}";

    private RSAPrivateKey privateKey;

    private String compact;

    private byte[] wrappedKey;

    @Setup
    public void encryptOrder() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(3072);
        KeyPair pair = generator.generateKeyPair();
        privateKey = (RSAPrivateKey) pair.getPrivate();

        JWEObject jwe = new JWEObject(new JWEHeader.Builder(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM)
                .keyID("enc-1").build(), new Payload(ORDER));
        jwe.encrypt(new RSAEncrypter((RSAPublicKey) pair.getPublic()));
        compact = jwe.serialize();
        wrappedKey = Base64.getUrlDecoder().decode(compact.split("\\.")[1]);
    }

    @Benchmark
    public int openOrder() throws Exception {
        JWEObject jwe = JWEObject.parse(compact);
        jwe.decrypt(new RSADecrypter(privateKey));
        return jwe.getPayload().toString().length();
    }

    @Benchmark
    public int unwrapKeyOnly() throws Exception {
        Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
        cipher.init(Cipher.DECRYPT_MODE, privateKey, new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
                PSource.PSpecified.DEFAULT));
        return cipher.doFinal(wrappedKey).length + ORDER.getBytes(StandardCharsets.UTF_8).length;
    }
}
