package org.selfcare.purchase.document;

import java.util.Arrays;
import java.util.Optional;

/**
 * The file types accepted as identity documents, by their media type.
 */
enum DocumentType {

    JPEG("image/jpeg", "jpeg"),
    PNG("image/png", "png"),
    PDF("application/pdf", null);

    private final String mediaType;

    private final String imageFormat;

    DocumentType(String mediaType, String imageFormat) {
        this.mediaType = mediaType;
        this.imageFormat = imageFormat;
    }

    String mediaType() {
        return mediaType;
    }

    /** Returns the ImageIO format name, or {@code null} for a type that is not a picture. */
    String imageFormat() {
        return imageFormat;
    }

    boolean isImage() {
        return imageFormat != null;
    }

    static Optional<DocumentType> ofMediaType(String mediaType) {
        return Arrays.stream(values()).filter((type) -> type.mediaType.equals(mediaType)).findFirst();
    }
}
