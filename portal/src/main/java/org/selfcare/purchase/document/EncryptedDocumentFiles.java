package org.selfcare.purchase.document;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import org.selfcare.platform.SelfcareProperties;

import org.springframework.stereotype.Component;

/**
 * Identity document files in {@code <data-dir>/identity-documents}, outside anything the web server serves,
 * each encrypted with AES-256-GCM. A file is named by 128 random bits, never by what the client called it, and
 * holds a format byte, the 12-byte nonce, and the ciphertext with its 16-byte tag. The associated data binds the
 * file to its document id, key id and type, so a file moved to another document's name fails to decrypt.
 */
@Component
class EncryptedDocumentFiles {

    static final String FOLDER = "identity-documents";

    private static final byte FORMAT = 1;

    private static final int NONCE_BYTES = 12;

    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();

    private final Path folder;

    private final DocumentKeys keys;

    EncryptedDocumentFiles(SelfcareProperties properties, DocumentKeys keys) {
        this.folder = properties.dataDir().resolve(FOLDER).toAbsolutePath();
        this.keys = keys;
    }

    /**
     * Encrypts {@code plaintext} with the current key into a new file. The file appears complete or not at all.
     *
     * @return the file's name and the id of the key that encrypted it
     */
    StoredFile write(UUID documentId, DocumentType type, byte[] plaintext) {
        String keyId = keys.currentId();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] ciphertext = crypt(Cipher.ENCRYPT_MODE, keys.current(), nonce, associatedData(documentId, keyId, type),
                plaintext);

        byte[] name = new byte[16];
        random.nextBytes(name);
        String storageName = HexFormat.of().formatHex(name);
        try {
            createFolder();
            Path partial = Files.createTempFile(folder, "upload-", ".partial",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.write(partial, ByteBuffer.allocate(1 + NONCE_BYTES + ciphertext.length)
                        .put(FORMAT).put(nonce).put(ciphertext).array());
                Files.move(partial, folder.resolve(storageName), StandardCopyOption.ATOMIC_MOVE);
            }
            finally {
                Files.deleteIfExists(partial);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot write an identity document to " + folder, ex);
        }
        return new StoredFile(storageName, keyId);
    }

    /**
     * Reads and decrypts a stored document, for checks by operators and tests; no endpoint serves it.
     *
     * @throws IllegalStateException when the file was changed, belongs to another document or its key is missing
     */
    byte[] read(UUID documentId, DocumentType type, StoredFile file) {
        SecretKey key = keys.find(file.keyId()).orElseThrow(() -> new IllegalStateException(
                "The keystore has no entry doc-" + file.keyId() + " to decrypt identity document " + documentId));
        byte[] stored;
        try {
            stored = Files.readAllBytes(path(file.storageName()));
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read identity document " + documentId, ex);
        }
        if (stored.length < 1 + NONCE_BYTES || stored[0] != FORMAT) {
            throw new IllegalStateException("Identity document " + documentId + " has an unknown file format");
        }
        byte[] nonce = Arrays.copyOfRange(stored, 1, 1 + NONCE_BYTES);
        byte[] ciphertext = Arrays.copyOfRange(stored, 1 + NONCE_BYTES, stored.length);
        return crypt(Cipher.DECRYPT_MODE, key, nonce, associatedData(documentId, file.keyId(), type), ciphertext);
    }

    /** Deletes a stored file, when the database row that would name it could not be written. */
    void delete(StoredFile file) {
        try {
            Files.deleteIfExists(path(file.storageName()));
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot delete an identity document file in " + folder, ex);
        }
    }

    Path path(String storageName) {
        if (!storageName.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("Not a storage name: " + storageName);
        }
        return folder.resolve(storageName);
    }

    private void createFolder() throws IOException {
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
    }

    private static byte[] associatedData(UUID documentId, String keyId, DocumentType type) {
        return ("selfcare identity document v1|" + documentId + "|" + keyId + "|" + type.mediaType())
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] crypt(int mode, SecretKey key, byte[] nonce, byte[] associatedData, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(input);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException(mode == Cipher.DECRYPT_MODE
                    ? "An identity document failed to decrypt: the file was changed or belongs to another document"
                    : "AES-GCM encryption failed", ex);
        }
    }

    /**
     * Where a document's ciphertext is.
     *
     * @param storageName the file's random name in the documents folder
     * @param keyId the id of the {@code doc-<id>} key that encrypted it
     */
    record StoredFile(String storageName, String keyId) {
    }
}
