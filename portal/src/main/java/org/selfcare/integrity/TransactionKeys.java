package org.selfcare.integrity;

import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import org.selfcare.platform.PortalKeystore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The transaction-encryption keys: RSA private keys of at least 2048 bits under the aliases {@code enc-<id>} in
 * the portal's keystore. Clients encrypt to the current key, the one with the highest id, which is the only one
 * the JWKS publishes; every key still decrypts, so requests built just before a new key took over are read.
 * The key id in a JWE header is the alias, such as {@code enc-1}.
 */
@Component
public class TransactionKeys {

    static final String ALIAS_PREFIX = "enc-";

    static final int MINIMUM_KEY_BITS = 2048;

    private static final Logger logger = LoggerFactory.getLogger(TransactionKeys.class);

    private final NavigableMap<String, RSAKey> keys = new TreeMap<>(SealKeys.KEY_ID_ORDER);

    TransactionKeys(PortalKeystore keystore) {
        String location = keystore.location();
        for (Map.Entry<String, PortalKeystore.Entry> found : keystore.entries(ALIAS_PREFIX).entrySet()) {
            keys.put(found.getKey(), rsaKey(found.getValue(), location));
        }
        if (keys.isEmpty()) {
            throw new IllegalStateException("The keystore " + location + " has no transaction-encryption key. Add "
                    + "one with: keytool -genkeypair -alias enc-1 -keyalg RSA -keysize 3072 -dname "
                    + "'CN=transaction encryption' -storetype PKCS12 -keystore <the keystore file>");
        }
        logger.info("Loaded transaction-encryption keys ids={} current={}", keys.keySet(), current().getKeyID());
    }

    /** Returns the public half of the current key, as the JWKS publishes it. */
    public JWKSet publicKeys() {
        return new JWKSet(current().toPublicJWK());
    }

    /** Returns the key with this id (an alias such as {@code enc-1}), private half included. */
    Optional<RSAKey> find(String keyId) {
        if (keyId == null || !keyId.startsWith(ALIAS_PREFIX)) {
            return Optional.empty();
        }
        return Optional.ofNullable(keys.get(keyId.substring(ALIAS_PREFIX.length())));
    }

    private RSAKey current() {
        return keys.lastEntry().getValue();
    }

    private static RSAKey rsaKey(PortalKeystore.Entry entry, String location) {
        if (!(entry.key() instanceof RSAPrivateKey privateKey) || entry.certificate() == null
                || !(entry.certificate().getPublicKey() instanceof RSAPublicKey publicKey)) {
            throw new IllegalStateException("The keystore entry " + entry.alias() + " in " + location
                    + " is not an RSA key pair");
        }
        if (publicKey.getModulus().bitLength() < MINIMUM_KEY_BITS) {
            throw new IllegalStateException("The keystore entry " + entry.alias() + " in " + location + " has "
                    + publicKey.getModulus().bitLength() + " bits; a transaction-encryption key needs at least "
                    + MINIMUM_KEY_BITS);
        }
        return new RSAKey.Builder(publicKey)
                .privateKey(privateKey)
                .keyID(entry.alias())
                .keyUse(KeyUse.ENCRYPTION)
                .algorithm(JWEAlgorithm.RSA_OAEP_256)
                .build();
    }
}
