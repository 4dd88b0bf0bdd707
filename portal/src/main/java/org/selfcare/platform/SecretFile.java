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
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String secret = HexFormat.of().formatHex(bytes);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, secret, StandardCharsets.UTF_8);
        return secret;
    }
}
