package org.selfcare.purchase.document;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.concurrent.Semaphore;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

import org.selfcare.purchase.document.DocumentRejectedException.Rejection;

/**
 * Decodes a JPEG or PNG picture and encodes its pixels again in the same format, so that metadata (EXIF with its
 * location, comments, text chunks), data after the end marker and anything hidden in unused chunks are dropped.
 * The dimensions are read from the header first, and a picture larger than {@link #MAX_PIXELS} is refused before
 * its pixels are decoded, so a small file that expands to gigabytes (a decompression bomb) never does.
 */
final class PictureReencoding {

    /** A side longer than any camera's, including 200-megapixel phone sensors (16,320 pixels). */
    static final int MAX_SIDE = 20_000;

    /**
     * 50 megapixels: a 50-megapixel camera's photo passes, and decoding it takes at most 400 MB with 16-bit
     * RGBA, a bound on the memory one upload can take.
     */
    static final long MAX_PIXELS = 50_000_000L;

    /** Pictures decoded at once, so that concurrent uploads take at most this many times the memory above. */
    private static final int CONCURRENT_DECODES = 2;

    private final Semaphore decodes = new Semaphore(CONCURRENT_DECODES, true);

    private static final float JPEG_QUALITY = 0.92f;

    /**
     * Returns the picture in {@code content} encoded again as {@code type}.
     *
     * @throws DocumentRejectedException when the picture is too large or cannot be decoded
     */
    byte[] reencode(byte[] content, DocumentType type) {
        try {
            decodes.acquire();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to decode a picture", ex);
        }
        try {
            BufferedImage image = decode(content, type);
            return encode(image, type);
        }
        finally {
            decodes.release();
        }
    }

    private static BufferedImage decode(byte[] content, DocumentType type) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(content))) {
            ImageReader reader = readerFor(type);
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width <= 0 || height <= 0 || width > MAX_SIDE || height > MAX_SIDE
                        || (long) width * height > MAX_PIXELS) {
                    throw new DocumentRejectedException(Rejection.PICTURE_TOO_LARGE,
                            "picture of " + width + " x " + height + " pixels");
                }
                BufferedImage image = reader.read(0);
                if (image == null) {
                    throw new DocumentRejectedException(Rejection.UNREADABLE, type.mediaType() + " without a picture");
                }
                return image;
            }
            finally {
                reader.dispose();
            }
        }
        catch (IOException | RuntimeException ex) {
            if (ex instanceof DocumentRejectedException rejected) {
                throw rejected;
            }
            // ImageIO reports damaged data with IIOException and, for some damage, with runtime exceptions.
            throw new DocumentRejectedException(Rejection.UNREADABLE, type.mediaType() + " that cannot be decoded: "
                    + ex.getClass().getSimpleName(), ex);
        }
    }

    private static byte[] encode(BufferedImage image, DocumentType type) {
        BufferedImage pixels = (type == DocumentType.JPEG) ? withoutAlpha(image) : image;
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(type.imageFormat());
        if (!writers.hasNext()) {
            throw new IllegalStateException("This Java runtime has no ImageIO writer for " + type.imageFormat());
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (type == DocumentType.JPEG) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(JPEG_QUALITY);
            }
            // No metadata is passed, so the writer adds only what the format needs.
            writer.write(null, new IIOImage(pixels, null, null), param);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot encode a picture in memory", ex);
        }
        finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static ImageReader readerFor(DocumentType type) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(type.imageFormat());
        if (!readers.hasNext()) {
            throw new IllegalStateException("This Java runtime has no ImageIO reader for " + type.imageFormat());
        }
        return readers.next();
    }

    /** JPEG has no alpha channel, and ImageIO's JPEG writer rejects pictures that have one. */
    private static BufferedImage withoutAlpha(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR || image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        var graphics = rgb.createGraphics();
        try {
            graphics.drawImage(image, 0, 0, null);
        }
        finally {
            graphics.dispose();
        }
        return rgb;
    }
}
