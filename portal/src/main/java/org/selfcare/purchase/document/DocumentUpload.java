package org.selfcare.purchase.document;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.selfcare.audit.SecurityEvent;
import org.selfcare.audit.SecurityEventType;
import org.selfcare.audit.SecurityLog;
import org.selfcare.purchase.document.DocumentRejectedException.Rejection;
import org.selfcare.purchase.document.EncryptedDocumentFiles.StoredFile;
import org.selfcare.purchase.document.StoredDocuments.StoredDocument;
import org.selfcare.purchase.document.VirusScanner.ScannerUnavailableException;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes an uploaded identity document through every check and stores it: the virus scan of the bytes as they
 * arrived, the type from the content, the polyglot check, then re-encoding of pictures or inspection of PDFs. Only
 * what passed is encrypted and stored, and each upload is recorded as an IDENTITY_DOCUMENT_ACCEPTED or
 * IDENTITY_DOCUMENT_REJECTED security event with the reason.
 */
@Component
@ConditionalOnWebApplication
class DocumentUpload {

    private static final Logger logger = LoggerFactory.getLogger(DocumentUpload.class);

    private final VirusScanner scanner;

    private final ContentTypeDetection detection = new ContentTypeDetection();

    private final PolyglotCheck polyglots = new PolyglotCheck();

    private final PictureReencoding pictures = new PictureReencoding();

    private final PdfInspection pdfs = new PdfInspection();

    private final EncryptedDocumentFiles files;

    private final StoredDocuments documents;

    private final SecurityLog securityLog;

    private final TransactionTemplate transactions;

    private final DocumentProperties properties;

    private final Clock clock;

    DocumentUpload(VirusScanner scanner, EncryptedDocumentFiles files, StoredDocuments documents,
            SecurityLog securityLog, TransactionTemplate transactions, DocumentProperties properties, Clock clock) {
        this.scanner = scanner;
        this.files = files;
        this.documents = documents;
        this.securityLog = securityLog;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Checks and stores a document.
     *
     * @param content the file as uploaded, or {@code null} when the request had no file
     * @return the stored document
     * @throws DocumentRejectedException when the document is rejected; the event is recorded then
     */
    StoredDocument upload(long subscriberId, String clientAddress, byte[] content) {
        StoredDocument stored;
        try {
            CheckedDocument checked = check(content);
            stored = store(subscriberId, clientAddress, checked);
        }
        catch (DocumentRejectedException ex) {
            recordRejection(subscriberId, clientAddress, ex);
            throw ex;
        }
        return stored;
    }

    /** Records the IDENTITY_DOCUMENT_REJECTED event of an upload rejected before it reached {@link #upload}. */
    void recordRejection(long subscriberId, String clientAddress, DocumentRejectedException rejected) {
        securityLog.record(new SecurityEvent(SecurityEventType.IDENTITY_DOCUMENT_REJECTED, clock.instant(),
                subscriberId, null, clientAddress, "rejected",
                rejected.rejection().code() + ": " + rejected.logReason()));
    }

    private CheckedDocument check(byte[] content) {
        if (content == null) {
            throw new DocumentRejectedException(Rejection.MISSING, "no file in the request");
        }
        if (content.length == 0) {
            throw new DocumentRejectedException(Rejection.EMPTY, "file of zero bytes");
        }
        if (content.length > properties.maxSize().toBytes()) {
            throw new DocumentRejectedException(Rejection.TOO_LARGE, "file of " + content.length + " bytes");
        }

        // The scan reads the bytes as they arrived, before any parser, so a file that attacks a parser is caught
        // by its signature first.
        Optional<String> signature = scan(content);
        if (signature.isPresent()) {
            throw new DocumentRejectedException(Rejection.INFECTED, "clamd found " + signature.get());
        }

        DocumentType type = detection.detect(content);
        polyglots.check(content, type);
        if (type.isImage()) {
            return new CheckedDocument(type, pictures.reencode(content, type));
        }
        pdfs.check(content);
        return new CheckedDocument(type, content);
    }

    private Optional<String> scan(byte[] content) {
        try {
            return scanner.scan(content);
        }
        catch (ScannerUnavailableException ex) {
            logger.error("Identity document upload rejected because the virus scan failed: {}", ex.getMessage(), ex);
            throw new DocumentRejectedException(Rejection.SCANNER_UNAVAILABLE, ex.getMessage(), ex);
        }
    }

    private StoredDocument store(long subscriberId, String clientAddress, CheckedDocument checked) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        StoredFile file = files.write(id, checked.type(), checked.content());
        StoredDocument document = new StoredDocument(id, subscriberId, checked.type(), checked.content().length,
                sha256(checked.content()), file, now);
        try {
            transactions.executeWithoutResult((status) -> {
                documents.insert(document);
                securityLog.record(new SecurityEvent(SecurityEventType.IDENTITY_DOCUMENT_ACCEPTED, now, subscriberId,
                        null, clientAddress, "accepted", "document " + id + ", " + checked.type().mediaType() + ", "
                                + checked.content().length + " bytes"));
            });
        }
        catch (RuntimeException ex) {
            files.delete(file);
            throw ex;
        }
        logger.info("Stored identity document id={} subscriber={} type={} bytes={} key={}", id, subscriberId,
                checked.type().mediaType(), checked.content().length, file.keyId());
        return document;
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("Every Java runtime has SHA-256", ex);
        }
    }

    private record CheckedDocument(DocumentType type, byte[] content) {
    }
}
