package org.selfcare.purchase.document;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.selfcare.purchase.IdentityDocuments;
import org.selfcare.purchase.document.EncryptedDocumentFiles.StoredFile;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The table {@code identity_document}: one row per accepted document, and its attachment to an order. Orders
 * reach it through {@link IdentityDocuments}.
 */
@Component
class StoredDocuments implements IdentityDocuments {

    private final JdbcClient jdbc;

    StoredDocuments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(StoredDocument document) {
        jdbc.sql("""
                INSERT INTO identity_document (id, subscriber_id, media_type, size_bytes, sha256, storage_name, key_id,
                                               status, order_id, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'ACCEPTED', NULL, ?)""")
                .params(document.id(), document.subscriberId(), document.type().mediaType(), document.sizeBytes(),
                        document.sha256(), document.file().storageName(), document.file().keyId(),
                        Timestamp.from(document.createdAt()))
                .update();
    }

    Optional<StoredDocument> find(UUID documentId) {
        return jdbc.sql("""
                SELECT id, subscriber_id, media_type, size_bytes, sha256, storage_name, key_id, created_at
                FROM identity_document WHERE id = ?""")
                .param(documentId)
                .query((rows, number) -> new StoredDocument(rows.getObject(1, UUID.class), rows.getLong(2),
                        DocumentType.ofMediaType(rows.getString(3)).orElseThrow(), rows.getLong(4), rows.getBytes(5),
                        new StoredFile(rows.getString(6), rows.getString(7)), rows.getTimestamp(8).toInstant()))
                .optional();
    }

    @Override
    public boolean isUsableBy(long subscriberId, UUID documentId) {
        return jdbc.sql("""
                SELECT count(*) FROM identity_document
                WHERE id = ? AND subscriber_id = ? AND status = 'ACCEPTED' AND order_id IS NULL""")
                .params(documentId, subscriberId)
                .query(Long.class)
                .single() == 1;
    }

    /**
     * Attaches the document with a conditional update, so of two orders that attach the same document at once,
     * one succeeds and the other gets the exception.
     */
    @Override
    @Transactional
    public void attach(UUID documentId, long subscriberId, long orderId) {
        int updated = jdbc.sql("""
                UPDATE identity_document SET status = 'ATTACHED', order_id = ?
                WHERE id = ? AND subscriber_id = ? AND status = 'ACCEPTED' AND order_id IS NULL""")
                .params(orderId, documentId, subscriberId)
                .update();
        if (updated != 1) {
            throw new IllegalStateException("Identity document " + documentId + " is not usable by subscriber "
                    + subscriberId + ": it belongs to another subscriber, does not exist or is attached already");
        }
    }

    /**
     * A row of {@code identity_document}.
     *
     * @param sizeBytes size of the stored plaintext
     * @param sha256 SHA-256 of the stored plaintext
     */
    record StoredDocument(UUID id, long subscriberId, DocumentType type, long sizeBytes, byte[] sha256,
            StoredFile file, Instant createdAt) {
    }
}
