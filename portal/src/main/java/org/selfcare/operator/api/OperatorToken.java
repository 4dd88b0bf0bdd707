package org.selfcare.operator.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;

import org.selfcare.platform.SecretFile;
import org.selfcare.platform.SelfcareProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/**
 * The bearer token that operator API requests must carry. It is read once at start from
 * {@code selfcare.operator.token-file}, or generated into {@code selfcare.data-dir}/operator-token.txt (owner-only)
 * when no file is configured and that one does not exist yet. Only the file's path is logged.
 */
@Component
@ConditionalOnWebApplication
class OperatorToken {

    static final String GENERATED_FILE = "operator-token.txt";

    /** Shortest accepted token. A generated one has 48 hex characters (192 bits). */
    static final int MIN_LENGTH = 32;

    private static final Logger logger = LoggerFactory.getLogger(OperatorToken.class);

    private final byte[] tokenDigest;

    OperatorToken(OperatorProperties operator, SelfcareProperties selfcare) {
        Path file = (operator.tokenFile() != null) ? operator.tokenFile()
                : selfcare.dataDir().resolve(GENERATED_FILE);
        this.tokenDigest = sha256(read(file, operator.tokenFile() != null));
        logger.info("Operator API token in {}", file.toAbsolutePath());
    }

    /**
     * Returns whether {@code presented} is the token. The comparison of two SHA-256 digests takes the same time
     * wherever they differ and whatever the presented token's length.
     */
    boolean matches(String presented) {
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(tokenDigest, sha256(presented));
    }

    private static String read(Path file, boolean configured) {
        try {
            if (configured && !Files.isRegularFile(file)) {
                throw new IllegalStateException("The operator token file " + file.toAbsolutePath() + " set in "
                        + "selfcare.operator.token-file does not exist; create it or unset the property");
            }
            String token = configured ? Files.readString(file, StandardCharsets.UTF_8).strip()
                    : SecretFile.readOrCreate(file);
            if (token.length() < MIN_LENGTH) {
                throw new IllegalStateException("The operator token in " + file.toAbsolutePath() + " is shorter than "
                        + MIN_LENGTH + " characters; write a longer random token into it");
            }
            warnIfOthersCanRead(file);
            return token;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read the operator token file " + file.toAbsolutePath(), ex);
        }
    }

    private static void warnIfOthersCanRead(Path file) throws IOException {
        if (!Files.getFileStore(file).supportsFileAttributeView("posix")) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (permissions.contains(PosixFilePermission.GROUP_READ)
                || permissions.contains(PosixFilePermission.OTHERS_READ)) {
            logger.warn("The operator token file {} is readable by other users; restrict it to its owner "
                    + "(chmod 600)", file.toAbsolutePath());
        }
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is not available", ex);
        }
    }

    @Override
    public String toString() {
        return "OperatorToken[PROTECTED]";
    }
}
