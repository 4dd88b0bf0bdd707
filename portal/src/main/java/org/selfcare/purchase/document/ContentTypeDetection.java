package org.selfcare.purchase.document;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;

import org.selfcare.purchase.document.DocumentRejectedException.Rejection;

/**
 * Decides a file's type from its content with Apache Tika's magic-byte detection. The file name and the part's
 * Content-Type are never given to Tika, because the client chooses both.
 */
final class ContentTypeDetection {

    private final MimeTypes mimeTypes = MimeTypes.getDefaultMimeTypes();

    /**
     * Returns the type of {@code content}.
     *
     * @throws DocumentRejectedException when the content is not a JPEG, PNG or PDF
     */
    DocumentType detect(byte[] content) {
        MediaType detected;
        try (TikaInputStream in = TikaInputStream.get(content)) {
            detected = mimeTypes.detect(in, new Metadata());
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Tika cannot read a byte array", ex);
        }
        String mediaType = detected.getBaseType().toString();
        return DocumentType.ofMediaType(mediaType)
                .orElseThrow(() -> new DocumentRejectedException(Rejection.TYPE_NOT_ALLOWED, "content is " + mediaType));
    }
}
