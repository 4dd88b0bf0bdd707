package org.selfcare.purchase.document;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import org.selfcare.purchase.document.DocumentRejectedException.Rejection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The content checks on their own, without the portal: type detection, the polyglot check, picture re-encoding
 * and PDF inspection, each attacked with the file it exists to stop.
 */
class DocumentChecksTests {

    private final ContentTypeDetection detection = new ContentTypeDetection();

    private final PolyglotCheck polyglots = new PolyglotCheck();

    private final PictureReencoding pictures = new PictureReencoding();

    private final PdfInspection pdfs = new PdfInspection();

    @Test
    void detectsTypesFromContent() {
        assertThat(detection.detect(SampleDocuments.jpeg())).isEqualTo(DocumentType.JPEG);
        assertThat(detection.detect(SampleDocuments.png())).isEqualTo(DocumentType.PNG);
        assertThat(detection.detect(SampleDocuments.pdf())).isEqualTo(DocumentType.PDF);
    }

    @Test
    void htmlIsNotAPicture() {
        assertRejected(() -> detection.detect(SampleDocuments.html()), Rejection.TYPE_NOT_ALLOWED);
    }

    @Test
    void otherTypesAreRejected() {
        byte[] gif = SampleDocuments.encode(SampleDocuments.picture(8, 8), "gif");
        byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
                .getBytes(StandardCharsets.UTF_8);
        byte[] zip = { 'P', 'K', 3, 4, 20, 0, 0, 0, 0, 0 };

        assertRejected(() -> detection.detect(gif), Rejection.TYPE_NOT_ALLOWED);
        assertRejected(() -> detection.detect(svg), Rejection.TYPE_NOT_ALLOWED);
        assertRejected(() -> detection.detect(zip), Rejection.TYPE_NOT_ALLOWED);
    }

    @Test
    void jpegCarryingPdfIsPolyglot() {
        byte[] polyglot = SampleDocuments.jpegThatIsAlsoPdf();

        assertThat(detection.detect(polyglot)).isEqualTo(DocumentType.JPEG);
        assertRejected(() -> polyglots.check(polyglot, DocumentType.JPEG), Rejection.UNSAFE);
    }

    @Test
    void pdfCarryingZipIsPolyglot() {
        byte[] polyglot = SampleDocuments.pdfThatIsAlsoZip();

        assertThat(detection.detect(polyglot)).isEqualTo(DocumentType.PDF);
        assertRejected(() -> polyglots.check(polyglot, DocumentType.PDF), Rejection.UNSAFE);
    }

    @Test
    void plainFilesAreNoPolyglots() {
        polyglots.check(SampleDocuments.jpeg(), DocumentType.JPEG);
        polyglots.check(SampleDocuments.png(), DocumentType.PNG);
        polyglots.check(SampleDocuments.pdf(), DocumentType.PDF);
    }

    @Test
    void reencodingDropsTrailingScript() throws IOException {
        byte[] script = SampleDocuments.SCRIPT.getBytes(StandardCharsets.US_ASCII);
        byte[] tainted = SampleDocuments.concat(SampleDocuments.png(), script);

        byte[] clean = pictures.reencode(tainted, DocumentType.PNG);

        assertThat(SampleDocuments.contains(clean, script)).isFalse();
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(clean));
        assertThat(decoded.getWidth()).isEqualTo(64);
        assertThat(decoded.getHeight()).isEqualTo(48);
    }

    @Test
    void reencodingDropsJpegComment() {
        byte[] polyglot = SampleDocuments.jpegThatIsAlsoPdf();

        byte[] clean = pictures.reencode(polyglot, DocumentType.JPEG);

        assertThat(SampleDocuments.contains(clean, "%PDF-".getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(detection.detect(clean)).isEqualTo(DocumentType.JPEG);
    }

    @Test
    void decompressionBombIsRejectedBeforeDecoding() {
        byte[] bomb = SampleDocuments.pngClaiming(30_000, 30_000);

        assertThat(bomb.length).isLessThan(1024);
        assertRejected(() -> pictures.reencode(bomb, DocumentType.PNG), Rejection.PICTURE_TOO_LARGE);
    }

    @Test
    void tooManyPixelsWithinSideLimitIsRejected() {
        byte[] bomb = SampleDocuments.pngClaiming(10_000, 10_000);

        assertRejected(() -> pictures.reencode(bomb, DocumentType.PNG), Rejection.PICTURE_TOO_LARGE);
    }

    @Test
    void damagedPictureIsUnreadable() {
        byte[] jpeg = SampleDocuments.jpeg();
        byte[] truncated = Arrays.copyOf(jpeg, 40);

        assertRejected(() -> pictures.reencode(truncated, DocumentType.JPEG), Rejection.UNREADABLE);
    }

    @Test
    void plainPdfPasses() {
        pdfs.check(SampleDocuments.pdf());
    }

    @Test
    void pdfWithJavaScriptIsUnsafe() {
        assertRejected(() -> pdfs.check(SampleDocuments.pdfWithJavaScript()), Rejection.UNSAFE);
    }

    @Test
    void pdfWithOpenActionIsUnsafe() {
        assertRejected(() -> pdfs.check(SampleDocuments.pdfWithOpenAction()), Rejection.UNSAFE);
    }

    @Test
    void pdfWithLaunchActionIsUnsafe() {
        assertRejected(() -> pdfs.check(SampleDocuments.pdfWithLaunchAction()), Rejection.UNSAFE);
    }

    @Test
    void pdfWithEmbeddedFileIsUnsafe() {
        assertRejected(() -> pdfs.check(SampleDocuments.pdfWithEmbeddedFile()), Rejection.UNSAFE);
    }

    @Test
    void encryptedPdfsAreRejected() {
        assertRejected(() -> pdfs.check(SampleDocuments.encryptedPdf("")), Rejection.ENCRYPTED);
        assertRejected(() -> pdfs.check(SampleDocuments.encryptedPdf("user-secret")), Rejection.ENCRYPTED);
    }

    @Test
    void escapedJavaScriptNameIsCaught() {
        String pdf = new String(SampleDocuments.uncompressedPdfWithJavaScript(), StandardCharsets.ISO_8859_1);
        // Both names that mark JavaScript are escaped, so only a check after name decoding can catch the action.
        byte[] escaped = pdf.replace("/JS ", "/J#53 ").replace("/JavaScript", "/Java#53cript")
                .getBytes(StandardCharsets.ISO_8859_1);

        assertThat(pdf).contains("/JS ").contains("/S /JavaScript");
        assertRejected(() -> pdfs.check(escaped), Rejection.UNSAFE);
    }

    @Test
    void garbageAfterPdfHeaderIsUnreadable() {
        byte[] garbage = "%PDF-1.7\n this is not a PDF body".getBytes(StandardCharsets.US_ASCII);

        assertRejected(() -> pdfs.check(garbage), Rejection.UNREADABLE);
    }

    private static void assertRejected(Runnable check, Rejection expected) {
        assertThatThrownBy(check::run).isInstanceOfSatisfying(DocumentRejectedException.class,
                (rejected) -> assertThat(rejected.rejection()).isEqualTo(expected));
    }
}
