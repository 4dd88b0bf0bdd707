package org.selfcare.identity;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import de.mkammerer.argon2.Argon2Factory.Argon2Types;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Argon2id through the reference C implementation, in the standard encoded form
 * ({@code $argon2id$v=19$m=...,t=...,p=...$salt$hash}) that Spring Security's {@code Argon2PasswordEncoder} also
 * reads and writes, so hashes stored by either verify with the other.
 *
 * <p>The pure-Java implementation allocates the hash's memory (19 MiB at OWASP's minimum) on the Java heap for
 * every hash, and at tens of sign-ins a second the garbage collector copies those blocks while they are live. The
 * C implementation allocates and frees it outside the heap.
 *
 * <p>At most one hash per processor runs at once, and further callers wait their turn. A hash keeps one core busy
 * from start to end, so more of them at once only share the cores and the caches and take longer each. Every hash
 * in flight also uses 19 MiB of native memory, which the limit bounds when a burst of sign-ins occupies every
 * request thread.
 */
public final class Argon2idPasswordEncoder implements PasswordEncoder {

    /** OWASP's minimum for Argon2id: 19 MiB, 2 iterations, 1 lane. */
    public static final int MEMORY_KIB = 19 * 1024;

    public static final int ITERATIONS = 2;

    public static final int PARALLELISM = 1;

    private static final int SALT_BYTES = 16;

    private static final int HASH_BYTES = 32;

    private static final Pattern PARAMETERS = Pattern.compile("^\\$argon2id\\$v=19\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$");

    private final Argon2 argon2 = Argon2Factory.create(Argon2Types.ARGON2id, SALT_BYTES, HASH_BYTES);

    private final Semaphore hashing;

    public Argon2idPasswordEncoder() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /**
     * Creates an encoder that runs at most {@code concurrentHashes} hashes at once.
     */
    public Argon2idPasswordEncoder(int concurrentHashes) {
        if (concurrentHashes < 1) {
            throw new IllegalArgumentException("concurrentHashes must be at least 1, got " + concurrentHashes);
        }
        this.hashing = new Semaphore(concurrentHashes, true);
    }

    @Override
    public String encode(CharSequence rawPassword) {
        char[] password = rawPassword.toString().toCharArray();
        hashing.acquireUninterruptibly();
        try {
            return argon2.hash(ITERATIONS, MEMORY_KIB, PARALLELISM, password, StandardCharsets.UTF_8);
        }
        finally {
            hashing.release();
            argon2.wipeArray(password);
        }
    }

    /**
     * Returns whether {@code rawPassword} matches. An empty, unreadable or non-Argon2id hash matches nothing, so a
     * damaged row can never be signed in to.
     */
    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null || !PARAMETERS.matcher(encodedPassword).find()) {
            return false;
        }
        char[] password = rawPassword.toString().toCharArray();
        hashing.acquireUninterruptibly();
        try {
            return argon2.verify(encodedPassword, password, StandardCharsets.UTF_8);
        }
        catch (IllegalStateException ex) {
            // The library reports a hash it cannot decode this way; it is a mismatch, never an error page.
            return false;
        }
        finally {
            hashing.release();
            argon2.wipeArray(password);
        }
    }
}
