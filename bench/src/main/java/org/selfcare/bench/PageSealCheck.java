package org.selfcare.bench;

import java.io.OutputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.crypto.KeyGenerator;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH benchmark of checking the seals of one page of 50 call records, as {@code CallRecords.page} does for every
 * page it returns: for each record, encode its fields with the portal's {@code RecordSeal.callRecord} and verify
 * the stored seal with the portal's {@code RecordSealer}, whose keys come from a fresh PKCS#12 keystore through the
 * portal's {@code SealKeys}.
 *
 * <p>It must run from the portal's jar with Spring Boot's {@code PropertiesLauncher}, like {@link ImportInProcess},
 * and reaches the portal's classes by name; the calls go through method handles, whose cost is small next to one
 * HMAC-SHA256. Run it without forking ({@code -f 0}), because a forked JVM would not have the portal's classes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PageSealCheck {

    private static final int PAGE_SIZE = 50;

    private static final Instant FIRST_START = Instant.parse("2010-10-04T08:15:30Z");

    private static final String KEYSTORE_PASSWORD = "bench-only";

    private Object sealer;

    private MethodHandle encodeCall;

    private MethodHandle verifies;

    private final String[] seals = new String[PAGE_SIZE];

    private String keyId;

    @Setup
    public void sealOnePage() throws Throwable {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Class<?> recordSealType = Class.forName("org.selfcare.integrity.RecordSeal", true, loader);
        Class<?> sealerType = Class.forName("org.selfcare.integrity.RecordSealer", true, loader);
        Class<?> keysType = Class.forName("org.selfcare.integrity.SealKeys", true, loader);
        Class<?> propertiesType = Class.forName("org.selfcare.integrity.SealProperties", true, loader);

        Object keys = newSealKeys(loader, keysType, propertiesType, writeKeystore());
        Constructor<?> sealerConstructor = sealerType.getDeclaredConstructor(keysType);
        sealerConstructor.setAccessible(true);
        sealer = sealerConstructor.newInstance(keys);

        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        encodeCall = lookup.unreflect(recordSealType.getMethod("callRecord", long.class, String.class, String.class,
                String.class, String.class, Instant.class, int.class, int.class, boolean.class, long.class,
                String.class));
        verifies = lookup.unreflect(sealerType.getMethod("verifies", recordSealType, String.class, String.class));
        Method seal = sealerType.getMethod("seal", recordSealType);
        Class<?> sealType = seal.getReturnType();
        for (int i = 0; i < PAGE_SIZE; i++) {
            Object sealed = seal.invoke(sealer, encode(i));
            seals[i] = (String) sealType.getMethod("value").invoke(sealed);
            keyId = (String) sealType.getMethod("keyId").invoke(sealed);
        }
        if (verifyPage() != PAGE_SIZE) {
            throw new IllegalStateException("The page's own seals did not verify, so the benchmark would time a failure");
        }
    }

    @Benchmark
    public int verifyPage() throws Throwable {
        int intact = 0;
        for (int i = 0; i < PAGE_SIZE; i++) {
            if ((boolean) verifies.invoke(sealer, encode(i), seals[i], keyId)) {
                intact++;
            }
        }
        return intact;
    }

    /** Encodes call {@code i} of the page: an answered outgoing call to a UK mobile, as in the mobile log. */
    private Object encode(int i) throws Throwable {
        return encodeCall.invoke(4711L, "mobile:" + (1_000_000 + i), "OUTGOING", "07700 90" + (1000 + i),
                "+4477009" + (1000 + i), FIRST_START.plusSeconds(600L * i), 60 + i, 120, true, 6L + i, "GBP");
    }

    private static Path writeKeystore() throws Exception {
        Path keystore = Files.createTempFile("bench-seal-keys", ".p12");
        keystore.toFile().deleteOnExit();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, KEYSTORE_PASSWORD.toCharArray());
        KeyGenerator generator = KeyGenerator.getInstance("HmacSHA256");
        generator.init(256);
        store.setEntry("seal-1", new KeyStore.SecretKeyEntry(generator.generateKey()),
                new KeyStore.PasswordProtection(KEYSTORE_PASSWORD.toCharArray()));
        try (OutputStream out = Files.newOutputStream(keystore)) {
            store.store(out, KEYSTORE_PASSWORD.toCharArray());
        }
        return keystore;
    }

    /** Builds {@code SealKeys} with a Spring environment that names the keystore, as the portal's start-up does. */
    private static Object newSealKeys(ClassLoader loader, Class<?> keysType, Class<?> propertiesType, Path keystore)
            throws Exception {
        Class<?> environmentType = Class.forName("org.springframework.core.env.StandardEnvironment", true, loader);
        Object environment = environmentType.getConstructor().newInstance();
        Class<?> mapSourceType = Class.forName("org.springframework.core.env.MapPropertySource", true, loader);
        Object source = mapSourceType.getConstructor(String.class, Map.class).newInstance("bench", Map.of(
                "server.ssl.key-store", keystore.toUri().toString(), "server.ssl.key-store-password",
                KEYSTORE_PASSWORD));
        Object sources = environmentType.getMethod("getPropertySources").invoke(environment);
        sources.getClass().getMethod("addFirst", Class.forName("org.springframework.core.env.PropertySource", true,
                loader)).invoke(sources, source);
        Object resources = Class.forName("org.springframework.core.io.DefaultResourceLoader", true, loader)
                .getConstructor().newInstance();
        Object properties = propertiesType.getConstructor(String.class).newInstance((Object) null);

        Class<?> keystoreType = Class.forName("org.selfcare.platform.PortalKeystore", true, loader);
        Object portalKeystore = keystoreType.getConstructor(
                Class.forName("org.springframework.core.env.Environment", true, loader),
                Class.forName("org.springframework.core.io.ResourceLoader", true, loader))
                .newInstance(environment, resources);

        Constructor<?> constructor = keysType.getDeclaredConstructor(keystoreType, propertiesType);
        constructor.setAccessible(true);
        return constructor.newInstance(portalKeystore, properties);
    }
}
