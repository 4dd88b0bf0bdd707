package org.selfcare.purchase.document;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Builds the multipart request a browser sends from the upload form: the CSRF field, then the file part with
 * the file name and Content-Type the test chooses, which the portal must ignore.
 */
final class MultipartUpload {

    private final String base;

    private final String csrfToken;

    private String fileName = "document.jpg";

    private String partType = "image/jpeg";

    private boolean json = true;

    private boolean chunked;

    private boolean withFile = true;

    MultipartUpload(String base, String csrfToken) {
        this.base = base;
        this.csrfToken = csrfToken;
    }

    MultipartUpload named(String name, String type) {
        this.fileName = name;
        this.partType = type;
        return this;
    }

    /** Sends it as a plain form post, accepting HTML as a browser does. */
    MultipartUpload asForm() {
        this.json = false;
        return this;
    }

    /** Sends the body without a Content-Length, in chunks. */
    MultipartUpload chunked() {
        this.chunked = true;
        return this;
    }

    MultipartUpload withoutFile() {
        this.withFile = false;
        return this;
    }

    HttpRequest request(byte[] content) {
        String boundary = "----x1470" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrfToken + "\r\n");
        if (withFile) {
            write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"document\"; filename=\""
                    + fileName + "\"\r\nContent-Type: " + partType + "\r\n\r\n");
            body.writeBytes(content);
            write(body, "\r\n");
        }
        write(body, "--" + boundary + "--\r\n");
        byte[] bytes = body.toByteArray();

        HttpRequest.BodyPublisher publisher = chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))
                : HttpRequest.BodyPublishers.ofByteArray(bytes);
        return HttpRequest.newBuilder(URI.create(base + "/shop/identity-document"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Accept", json ? "application/json" : "text/html,application/xhtml+xml,*/*;q=0.8")
                .POST(publisher)
                .build();
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
