package org.selfcare.purchase.document;

import java.nio.charset.StandardCharsets;

import org.selfcare.purchase.document.DocumentRejectedException.Rejection;

/**
 * Rejects a file that is also valid as a second format where that format's readers look for it: a PDF header
 * in the first 1024 bytes of a picture (PDF readers accept the header anywhere there), or a ZIP end-of-central-
 * directory record in the last 64 KiB of any file (ZIP and JAR readers start from the end). Such a file opens as
 * a PDF or an archive in another program than the one its type promises.
 *
 * <p>A picture carries the second format only until it is re-encoded, and a PDF is stored as it is, so this check
 * matters most for PDFs. Markup in a picture, such as a script after the PNG end chunk, is not refused here,
 * because re-encoding drops it.
 */
final class PolyglotCheck {

    /** PDF readers look for the header within the first 1024 bytes (PDF 32000-1:2008, annex H.3, note 1). */
    private static final int PDF_HEADER_WINDOW = 1024;

    /** The end-of-central-directory record is at most 22 bytes plus a 65,535-byte comment from the end. */
    private static final int ZIP_END_WINDOW = 22 + 65_535;

    private static final byte[] PDF_HEADER = "%PDF-".getBytes(StandardCharsets.US_ASCII);

    private static final byte[] ZIP_END_OF_CENTRAL_DIRECTORY = { 'P', 'K', 5, 6 };

    /**
     * Checks {@code content}, whose magic bytes say it is {@code type}.
     *
     * @throws DocumentRejectedException when the content is also a PDF or a ZIP archive
     */
    void check(byte[] content, DocumentType type) {
        if (type != DocumentType.PDF && indexOf(content, PDF_HEADER, 0, PDF_HEADER_WINDOW) >= 0) {
            throw new DocumentRejectedException(Rejection.UNSAFE, type.mediaType() + " that is also a PDF");
        }
        // NOTE: the four bytes of the record occur by chance in about 1 of 65,000 random files, which are then
        // refused; a real archive also needs its central directory, but looking for that would parse ZIP here.
        int start = Math.max(0, content.length - ZIP_END_WINDOW);
        if (indexOf(content, ZIP_END_OF_CENTRAL_DIRECTORY, start, content.length) >= 0) {
            throw new DocumentRejectedException(Rejection.UNSAFE, type.mediaType() + " that is also a ZIP archive");
        }
    }

    /** Returns the first index of {@code pattern} that starts in [{@code from}, {@code to}), or -1. */
    private static int indexOf(byte[] content, byte[] pattern, int from, int to) {
        int last = Math.min(to, content.length - pattern.length + 1);
        for (int i = from; i < last; i++) {
            int matched = 0;
            while (matched < pattern.length && content[i + matched] == pattern[matched]) {
                matched++;
            }
            if (matched == pattern.length) {
                return i;
            }
        }
        return -1;
    }
}
