package org.selfcare.purchase.document;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import javax.imageio.ImageIO;

import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.PDJavascriptNameTreeNode;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionJavaScript;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionLaunch;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;

/**
 * Files for upload tests, made in memory: real pictures and PDFs, and the disguised and dangerous variants that
 * attack each check.
 */
final class SampleDocuments {

    /** A script marker that must never reach storage. */
    static final String SCRIPT = "<script>alert('x1470')</script>";

    private SampleDocuments() {
    }

    /** Draws a noisy picture, so the encoded file is not tiny and its bytes differ from any re-encoding. */
    static BufferedImage picture(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(width * 31L + height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (x * 4) << 16 | (y * 4) << 8 | random.nextInt(64));
            }
        }
        return image;
    }

    static byte[] jpeg() {
        return encode(picture(64, 48), "jpeg");
    }

    static byte[] png() {
        return encode(picture(64, 48), "png");
    }

    static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }

    /**
     * Returns a JPEG whose comment segment, right after the start marker, contains a PDF, so PDF readers open it
     * too.
     */
    static byte[] jpegThatIsAlsoPdf() {
        byte[] jpeg = jpeg();
        byte[] pdf = pdf();
        ByteBuffer out = ByteBuffer.allocate(jpeg.length + pdf.length + 4);
        out.put(jpeg, 0, 2);
        out.put((byte) 0xFF).put((byte) 0xFE).putShort((short) (pdf.length + 2)).put(pdf);
        out.put(jpeg, 2, jpeg.length - 2);
        return out.array();
    }

    /** Returns a PDF with an empty ZIP archive appended, whose end record ZIP readers find. */
    static byte[] pdfThatIsAlsoZip() {
        byte[] pdf = pdf();
        byte[] zipEnd = { 'P', 'K', 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
        return concat(pdf, zipEnd);
    }

    static byte[] html() {
        return ("<!DOCTYPE html><html><body>" + SCRIPT + "</body></html>").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[] first, byte[] second) {
        byte[] joined = new byte[first.length + second.length];
        System.arraycopy(first, 0, joined, 0, first.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }

    /**
     * Returns a PNG header that claims {@code width} by {@code height} pixels, followed by a few compressed rows: a
     * decompression bomb that a decoder would try to allocate in full.
     */
    static byte[] pngClaiming(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' });
        out.writeBytes(chunk("IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0).array()));
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[64 * 1024]);
        deflater.finish();
        byte[] compressed = new byte[1024];
        int length = deflater.deflate(compressed);
        out.writeBytes(chunk("IDAT", Arrays.copyOf(compressed, length)));
        out.writeBytes(chunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    private static byte[] chunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(typeBytes).put(data)
                .putInt((int) crc.getValue()).array();
    }

    static byte[] pdf() {
        return pdf((document) -> {
        });
    }

    static byte[] pdfWithJavaScript() {
        return pdf(SampleDocuments::addJavaScript, true);
    }

    /** Without object streams, so a test can find and rewrite the {@code /JS} name in the file. */
    static byte[] uncompressedPdfWithJavaScript() {
        return pdf(SampleDocuments::addJavaScript, false);
    }

    private static void addJavaScript(PDDocument document) {
        PDDocumentNameDictionary names = new PDDocumentNameDictionary(document.getDocumentCatalog());
        PDJavascriptNameTreeNode scripts = new PDJavascriptNameTreeNode();
        scripts.setNames(Map.of("start", new PDActionJavaScript("app.alert('x1470');")));
        names.setJavascript(scripts);
        document.getDocumentCatalog().setNames(names);
    }

    /** Returns a PDF whose open action is not JavaScript, so only the open-action rule can catch it. */
    static byte[] pdfWithOpenAction() {
        return pdf((document) -> {
            PDActionURI visit = new PDActionURI();
            visit.setURI("https://example.invalid/");
            document.getDocumentCatalog().setOpenAction(visit);
        });
    }

    static byte[] pdfWithLaunchAction() {
        return pdf((document) -> {
            PDActionLaunch launch = new PDActionLaunch();
            launch.setFile(new PDComplexFileSpecification());
            PDAnnotationLink annotation = new PDAnnotationLink();
            annotation.setAction(launch);
            try {
                document.getPage(0).getAnnotations().add(annotation);
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        });
    }

    static byte[] pdfWithEmbeddedFile() {
        return pdf((document) -> {
            try {
                PDEmbeddedFile file = new PDEmbeddedFile(document,
                        new ByteArrayInputStream("hello".getBytes(StandardCharsets.US_ASCII)));
                PDComplexFileSpecification specification = new PDComplexFileSpecification();
                specification.setFile("hello.txt");
                specification.setEmbeddedFile(file);
                PDEmbeddedFilesNameTreeNode tree = new PDEmbeddedFilesNameTreeNode();
                tree.setNames(Map.of("hello.txt", specification));
                PDDocumentNameDictionary names = new PDDocumentNameDictionary(document.getDocumentCatalog());
                names.setEmbeddedFiles(tree);
                document.getDocumentCatalog().setNames(names);
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        });
    }

    static byte[] encryptedPdf(String userPassword) {
        return pdf((document) -> {
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", userPassword,
                    new AccessPermission());
            policy.setEncryptionKeyLength(256);
            try {
                document.protect(policy);
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        });
    }

    private static byte[] pdf(Consumer<PDDocument> change) {
        return pdf(change, true);
    }

    private static byte[] pdf(Consumer<PDDocument> change, boolean objectStreams) {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.addRect(72, 600, 200, 100);
                content.fill();
            }
            change.accept(document);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out, objectStreams ? CompressParameters.DEFAULT_COMPRESSION
                    : CompressParameters.NO_COMPRESSION);
            return out.toByteArray();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Returns whether {@code pattern} occurs in {@code content}. */
    static boolean contains(byte[] content, byte[] pattern) {
        outer:
        for (int i = 0; i <= content.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (content[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
