package org.selfcare.platform.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Map;

import org.selfcare.platform.SecretFile;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives the portal a TLS keystore on first start when the deployment configures none: a self-signed
 * certificate for {@code localhost}, a record-sealing key, a transaction-encryption key, an identity-document
 * encryption key and a staff TOTP encryption key in {@code selfcare.data-dir}/keystore.p12, with a random
 * password kept beside it, readable by the owner only.
 *
 * <p>A deployment that sets {@code server.ssl.key-store} or {@code server.ssl.bundle} uses its own keystore and
 * this class does nothing. The password is added to the environment in memory and never logged.
 */
public class GeneratedKeystoreEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String KEYSTORE_FILE = "keystore.p12";

    static final String PASSWORD_FILE = "keystore.password";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty("server.ssl.key-store") || environment.containsProperty("server.ssl.bundle")) {
            return;
        }
        Path dataDir = Path.of(environment.getProperty("selfcare.data-dir", "data"));
        try {
            Path keystore = dataDir.resolve(KEYSTORE_FILE).toAbsolutePath();
            String password = SecretFile.readOrCreate(dataDir.resolve(PASSWORD_FILE));
            if (!Files.exists(keystore)) {
                SelfSignedCertificate.writeKeystore(keystore, password.toCharArray());
            }
            // A keystore generated before a kind of key existed gets that key on the next start.
            SecretKeyGeneration.addIfMissing(keystore, password.toCharArray(), SecretKeyGeneration.SEAL);
            TransactionKeyGeneration.addIfMissing(keystore, password.toCharArray());
            SecretKeyGeneration.addIfMissing(keystore, password.toCharArray(), SecretKeyGeneration.DOCUMENT);
            SecretKeyGeneration.addIfMissing(keystore, password.toCharArray(), SecretKeyGeneration.STAFF_TOTP);
            environment.getPropertySources().addLast(new MapPropertySource("selfcareGeneratedKeystore",
                    Map.of("server.ssl.key-store", keystore.toUri().toString(),
                            "server.ssl.key-store-type", "PKCS12",
                            "server.ssl.key-store-password", password,
                            "server.ssl.key-alias", SelfSignedCertificate.ALIAS)));
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot create the TLS keystore in " + dataDir, ex);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("Cannot create the self-signed TLS certificate or the portal's keys", ex);
        }
    }
}
