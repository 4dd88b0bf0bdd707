package org.selfcare.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The portal's own Argon2id password encoder, {@code org.selfcare.identity.Argon2idPasswordEncoder}, reached by
 * name. This module cannot compile against the portal's classes, which sit inside its Spring Boot jar, so the tools
 * that hash run from that jar through Spring Boot's {@code PropertiesLauncher} (see {@code portal_tool} in
 * {@code portal.sh}) and call the encoder through method handles.
 */
final class PortalPasswordEncoder {

    private static final String ENCODER = "org.selfcare.identity.Argon2idPasswordEncoder";

    private final Object encoder;

    private final MethodHandle encode;

    private final MethodHandle matches;

    PortalPasswordEncoder() {
        try {
            Class<?> type = Class.forName(ENCODER, true, Thread.currentThread().getContextClassLoader());
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            this.encoder = lookup.findConstructor(type, MethodType.methodType(void.class)).invoke();
            this.encode = lookup.findVirtual(type, "encode", MethodType.methodType(String.class, CharSequence.class));
            this.matches = lookup.findVirtual(type, "matches",
                    MethodType.methodType(boolean.class, CharSequence.class, String.class));
        }
        catch (Throwable ex) {
            throw new IllegalStateException("Cannot load " + ENCODER + "; run this tool from the portal's jar with"
                    + " PropertiesLauncher and bench/target/classes on loader.path", ex);
        }
    }

    String encode(String rawPassword) {
        try {
            return (String) encode.invoke(encoder, (CharSequence) rawPassword);
        }
        catch (RuntimeException | Error ex) {
            throw ex;
        }
        catch (Throwable ex) {
            throw new IllegalStateException("Argon2id hashing failed", ex);
        }
    }

    boolean matches(String rawPassword, String encodedPassword) {
        try {
            return (boolean) matches.invoke(encoder, (CharSequence) rawPassword, encodedPassword);
        }
        catch (RuntimeException | Error ex) {
            throw ex;
        }
        catch (Throwable ex) {
            throw new IllegalStateException("Argon2id verification failed", ex);
        }
    }
}
