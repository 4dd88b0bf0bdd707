package org.selfcare.purchase.document;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.selfcare.account.Accounts;
import org.selfcare.identity.Subscriber;
import org.selfcare.identity.SubscriberDirectory;
import org.selfcare.purchase.IdentityDocuments;
import org.selfcare.purchase.document.StoredDocuments.StoredDocument;
import org.selfcare.support.PortalClient;
import org.selfcare.support.PortalTest;
import org.selfcare.support.TestClamd;
import org.selfcare.support.TestSubscribers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Identity document upload through the real page, scanned by a real clamd: good files are stored encrypted,
 * and every disguised, active, infected, empty or oversized file is rejected with its code while nothing is
 * stored. Skipped where clamd is not installed, except in CI.
 */
@PortalTest
class IdentityDocumentUploadTests {

    private static final long MAX_SIZE = 5L * 1024 * 1024;

    @LocalServerPort
    int port;

    @Autowired
    SubscriberDirectory directory;

    @Autowired
    Accounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StoredDocuments documents;

    @Autowired
    IdentityDocuments identityDocuments;

    @Autowired
    EncryptedDocumentFiles files;

    Subscriber subscriber;

    PortalClient client;

    @BeforeAll
    static void clamd() {
        TestClamd.start();
    }

    @BeforeEach
    void signedInSubscriber() {
        subscriber = TestSubscribers.create(directory, accounts);
        client = new PortalClient(port);
        assertThat(client.signIn(subscriber.msisdn(), TestSubscribers.PASSWORD).statusCode()).isEqualTo(302);
    }

    @Test
    void pageHasUploadForm() {
        HttpResponse<String> page = client.getPage("/shop/identity-document");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("enctype=\"multipart/form-data\"")
                .contains("name=\"document\" type=\"file\"")
                .contains("name=\"_csrf\"")
                .contains("JPEG, PNG or PDF, up to 5 MB");
    }

    @Test
    void goodFilesAreStoredEncrypted() throws Exception {
        record Good(byte[] content, String name, String partType, String type) {
        }
        List<Good> goods = List.of(new Good(SampleDocuments.jpeg(), "photo.jpg", "image/jpeg", "image/jpeg"),
                new Good(SampleDocuments.png(), "scan.png", "image/png", "image/png"),
                new Good(SampleDocuments.pdf(), "passport.pdf", "application/pdf", "application/pdf"));

        for (Good good : goods) {
            HttpResponse<String> response = upload(upload().named(good.name(), good.partType()), good.content());

            assertThat(response.statusCode()).as(good.name()).isEqualTo(201);
            assertThat(response.body()).contains("\"type\":\"" + good.type() + "\"");
            UUID id = documentId(response);
            StoredDocument stored = documents.find(id).orElseThrow();
            assertThat(stored.subscriberId()).isEqualTo(subscriber.id());
            assertThat(stored.type().mediaType()).isEqualTo(good.type());
            assertThat(identityDocuments.isUsableBy(subscriber.id(), id)).isTrue();

            byte[] plaintext = files.read(id, stored.type(), stored.file());
            assertThat(MessageDigest.getInstance("SHA-256").digest(plaintext)).isEqualTo(stored.sha256());
            assertThat(plaintext.length).isEqualTo((int) stored.sizeBytes());
            byte[] onDisk = Files.readAllBytes(files.path(stored.file().storageName()));
            assertThat(SampleDocuments.contains(onDisk, Arrays.copyOf(plaintext, 32))).isFalse();
            assertThat(SampleDocuments.contains(onDisk, Arrays.copyOf(good.content(), 32))).isFalse();
            assertThat(stored.file().storageName()).doesNotContain(good.name());
        }
        assertThat(events("IDENTITY_DOCUMENT_ACCEPTED")).hasSize(3);
    }

    @Test
    void pdfIsStoredAsUploaded() throws Exception {
        byte[] pdf = SampleDocuments.pdf();

        UUID id = documentId(upload(upload().named("a.pdf", "application/pdf"), pdf));

        StoredDocument stored = documents.find(id).orElseThrow();
        assertThat(files.read(id, stored.type(), stored.file())).isEqualTo(pdf);
    }

    @Test
    void trailingScriptIsDroppedFromPng() {
        byte[] script = SampleDocuments.SCRIPT.getBytes(StandardCharsets.US_ASCII);
        byte[] tainted = SampleDocuments.concat(SampleDocuments.png(), script);

        HttpResponse<String> response = upload(upload().named("scan.png", "image/png"), tainted);

        assertThat(response.statusCode()).isEqualTo(201);
        UUID id = documentId(response);
        StoredDocument stored = documents.find(id).orElseThrow();
        byte[] plaintext = files.read(id, stored.type(), stored.file());
        assertThat(SampleDocuments.contains(plaintext, script)).isFalse();
        assertThat(plaintext).isNotEqualTo(tainted);
    }

    @Test
    void htmlNamedJpegIsRejected() {
        assertRejected(upload().named("photo.jpg", "image/jpeg"), SampleDocuments.html(), 415,
                "document_type_not_allowed");
    }

    @Test
    void pdfWithJavaScriptIsRejected() {
        assertRejected(upload().named("a.pdf", "application/pdf"), SampleDocuments.pdfWithJavaScript(), 422,
                "document_unsafe");
    }

    @Test
    void pdfWithOpenActionIsRejected() {
        assertRejected(upload().named("a.pdf", "application/pdf"), SampleDocuments.pdfWithOpenAction(), 422,
                "document_unsafe");
    }

    @Test
    void eicarIsRejectedAsInfected() {
        assertRejected(upload().named("photo.jpg", "image/jpeg"), TestClamd.EICAR.getBytes(StandardCharsets.US_ASCII),
                422, "document_infected");

        assertThat(events("IDENTITY_DOCUMENT_REJECTED")).singleElement().asString()
                .contains("document_infected").contains(TestClamd.EICAR_SIGNATURE);
    }

    @Test
    void eicarAfterPngEndIsInfected() {
        // Re-encoding would drop data after the PNG's end chunk, so only a scan of the bytes as they arrived,
        // before any parser, finds the signature there.
        byte[] carrier = SampleDocuments.concat(SampleDocuments.png(),
                TestClamd.EICAR.getBytes(StandardCharsets.US_ASCII));

        assertRejected(upload().named("scan.png", "image/png"), carrier, 422, "document_infected");
    }

    @Test
    void oversizedFileIsRejected() {
        byte[] oversized = SampleDocuments.concat(SampleDocuments.jpeg(), new byte[(int) MAX_SIZE]);

        assertRejected(upload(), oversized, 413, "document_too_large");
    }

    @Test
    void oversizedChunkedFileIsRejected() {
        byte[] oversized = SampleDocuments.concat(SampleDocuments.jpeg(), new byte[(int) MAX_SIZE]);

        assertRejected(upload().chunked(), oversized, 413, "document_too_large");
    }

    @Test
    void fileJustOverLimitIsRejected() {
        byte[] oversized = new byte[(int) MAX_SIZE + 1];
        System.arraycopy(SampleDocuments.jpeg(), 0, oversized, 0, 100);

        assertRejected(upload(), oversized, 413, "document_too_large");
    }

    @Test
    void oversizedFormPostGetsPage() {
        byte[] oversized = SampleDocuments.concat(SampleDocuments.jpeg(), new byte[(int) MAX_SIZE]);

        HttpResponse<String> response = upload(upload().asForm(), oversized);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                (type) -> assertThat(type).startsWith("text/html"));
        assertThat(response.body()).contains("The file is larger than 5 MB");
    }

    @Test
    void emptyFileIsRejected() {
        assertRejected(upload(), new byte[0], 400, "document_empty");
    }

    @Test
    void missingFileIsRejected() {
        assertRejected(upload().withoutFile(), new byte[0], 400, "document_missing");
    }

    @Test
    void polyglotIsRejected() {
        assertRejected(upload().named("photo.jpg", "image/jpeg"), SampleDocuments.jpegThatIsAlsoPdf(), 422,
                "document_unsafe");
        assertRejected(upload().named("a.pdf", "application/pdf"), SampleDocuments.pdfThatIsAlsoZip(), 422,
                "document_unsafe");
    }

    @Test
    void decompressionBombIsRejected() {
        assertRejected(upload().named("photo.png", "image/png"), SampleDocuments.pngClaiming(30_000, 30_000), 413,
                "document_too_large");
    }

    @Test
    void formPostRedirectsWithReference() {
        HttpResponse<String> response = upload(upload().asForm().named("photo.jpg", "image/jpeg"),
                SampleDocuments.jpeg());

        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                (location) -> assertThat(location).endsWith("/shop/identity-document"));
        HttpResponse<String> page = client.getPage("/shop/identity-document");
        assertThat(page.body()).contains("Your document was received and checked");
        String reference = jdbc.sql("SELECT id::text FROM identity_document WHERE subscriber_id = ?")
                .param(subscriber.id()).query(String.class).single();
        assertThat(page.body()).contains(reference);
    }

    @Test
    void formPostRejectionShowsPageWithoutFileName() {
        HttpResponse<String> response = upload(upload().asForm().named("x'><svg onload=alert(1)>.jpg", "image/jpeg"),
                SampleDocuments.html());

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.body()).contains("Only JPEG, PNG and PDF files are accepted")
                .contains("name=\"document\"")
                .doesNotContain("<svg onload")
                .doesNotContain("svg onload");
        assertNothingStored();
    }

    @Test
    void uploadWithoutCsrfTokenIsForbidden() {
        HttpResponse<String> response = client.sendRaw(new MultipartUpload(client.base(), "wrong-token")
                .request(SampleDocuments.jpeg()));

        assertThat(response.statusCode()).isEqualTo(403);
        assertNothingStored();
    }

    @Test
    void documentOfOtherSubscriberIsNotUsable() {
        UUID id = documentId(upload(upload(), SampleDocuments.jpeg()));
        Subscriber other = TestSubscribers.create(directory, accounts);

        assertThat(identityDocuments.isUsableBy(other.id(), id)).isFalse();
        assertThat(identityDocuments.isUsableBy(subscriber.id(), UUID.randomUUID())).isFalse();
    }

    @Test
    void attachedDocumentIsNotUsableAgain() {
        UUID id = documentId(upload(upload(), SampleDocuments.jpeg()));

        identityDocuments.attach(id, subscriber.id(), 4242L);

        assertThat(identityDocuments.isUsableBy(subscriber.id(), id)).isFalse();
        assertThatIllegalStateException()
                .isThrownBy(() -> identityDocuments.attach(id, subscriber.id(), 4343L));
    }

    @Test
    void stoppedScannerRejectsUploads() {
        TestClamd.stop();
        try {
            assertRejected(upload(), SampleDocuments.jpeg(), 503, "scanner_unavailable");
        }
        finally {
            TestClamd.start();
        }
    }

    private MultipartUpload upload() {
        return new MultipartUpload(client.base(), client.csrfToken());
    }

    private HttpResponse<String> upload(MultipartUpload upload, byte[] content) {
        return client.sendRaw(upload.request(content));
    }

    private void assertRejected(MultipartUpload upload, byte[] content, int status, String code) {
        long filesBefore = storedFileCount();

        HttpResponse<String> response = upload(upload, content);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).contains("\"code\":\"" + code + "\"").contains("\"errorId\"")
                .doesNotContain("Exception").doesNotContain("Tomcat");
        assertThat(storedFileCount()).isEqualTo(filesBefore);
        assertNothingStored();
        assertThat(events("IDENTITY_DOCUMENT_REJECTED")).anySatisfy((reason) -> assertThat(reason).startsWith(code));
    }

    private void assertNothingStored() {
        assertThat(jdbc.sql("SELECT count(*) FROM identity_document WHERE subscriber_id = ?").param(subscriber.id())
                .query(Long.class).single()).isZero();
    }

    private List<String> events(String type) {
        return jdbc.sql("SELECT reason FROM security_event WHERE type = ? AND subscriber_id = ? ORDER BY id")
                .params(type, subscriber.id()).query(String.class).list();
    }

    private static UUID documentId(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        Matcher matcher = Pattern.compile("\"documentId\":\"([0-9a-f-]{36})\"")
                .matcher(response.body());
        assertThat(matcher.find()).isTrue();
        return UUID.fromString(matcher.group(1));
    }

    private static long storedFileCount() {
        Path folder = Path.of(System.getProperty("selfcare.data-dir", "data"), EncryptedDocumentFiles.FOLDER);
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> stored = Files.list(folder)) {
            return stored.count();
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
