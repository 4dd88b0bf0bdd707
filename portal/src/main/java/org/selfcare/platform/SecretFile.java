package org.selfcare.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A random secret generated on first use and kept in a file that only its owner can read.
 */
public final class SecretFile {

    private static final SecureRandom random = new SecureRandom();

    private SecretFile() {
    }

    /**
     * Reads the secret in {@code file}, or writes a new one of 192 random bits, hex-encoded, when the file does
     * not exist yet.
     */
    public static String readOrCreate(Path file) throws IOException {
        return readOrCreate(file, false);
    }

    /**
     * Like {@link #readOrCreate(Path)}, but a new secret is written as six hyphen-separated groups of eight hex
     * digits, so that it has letters, digits and symbols as the portal's password policy requires. A secret of
     * 48 random hex digits lacks a letter with a probability of about 1.6e-10.
     */
    public static String readOrCreatePassword(Path file) throws IOException {
        return readOrCreate(file, true);
    }

    private static String readOrCreate(Path file, boolean grouped) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String secret = HexFormat.of().formatHex(bytes);
        if (grouped) {
            secret = String.join("-", secret.split("(?<=\\G.{8})"));
        }
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, secret, StandardCharsets.UTF_8);
        return secret;
    }
}
