package org.selfcare.operator.api;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.selfcare.identity.SubscriberDirectory;
import org.selfcare.identity.SubscriberStatus;
import org.selfcare.platform.PhoneNumbers;
import org.selfcare.support.PortalClient;
import org.selfcare.support.PortalTest;
import org.selfcare.support.TestInbox;
import org.selfcare.support.TestSubscribers;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator API on its own HTTPS port: provisioning, the bearer token, input checks and the separation from
 * the customer port.
 */
@PortalTest
class OperatorApiTests {

    private static final String PATH = "/operator/api/v1/subscribers";

    @LocalServerPort
    int customerPort;

    @Autowired
    Environment environment;

    @Autowired
    SubscriberDirectory directory;

    @Autowired
    TestInbox inbox;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectMapper json;

    int operatorPort;

    String token;

    @BeforeEach
    void operatorPort() throws Exception {
        operatorPort = environment.getRequiredProperty(OperatorConnector.LOCAL_PORT_PROPERTY, Integer.class);
        Path dataDir = Path.of(System.getProperty("selfcare.data-dir", "data"));
        token = Files.readString(dataDir.resolve(OperatorToken.GENERATED_FILE)).strip();
    }

    @Test
    void provisioningAnswers201AndSendsInitialPassword() {
        String number = TestSubscribers.freshNumber(directory);
        String e164 = PhoneNumbers.toE164(number, "GB").orElseThrow();
        Instant before = Instant.now().minusSeconds(1);

        HttpResponse<String> response = post(token, json(request(number)));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).contains("\"msisdn\":\"" + e164 + "\"").contains("\"status\":\"PROVISIONED\"");
        assertThat(directory.findByE164(e164)).get()
                .satisfies((subscriber) -> assertThat(subscriber.status()).isEqualTo(SubscriberStatus.PROVISIONED));
        assertThat(inbox.awaitSms(e164, before)).containsPattern("initial password is \\S{14,}")
                .containsPattern("service password is [0-9]{8}");
        assertThat(inbox.countSms(e164, before)).as("one SMS").isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM account WHERE subscriber_id = (SELECT id FROM subscriber "
                + "WHERE msisdn_e164 = ?)").param(e164).query(Integer.class).single()).as("prepaid account")
                .isEqualTo(1);
    }

    @Test
    void requestWithoutTokenAnswers401() {
        String number = TestSubscribers.freshNumber(directory);

        HttpResponse<String> response = send(requestTo(operatorPort, PATH)
                .POST(HttpRequest.BodyPublishers.ofString(json(request(number))))
                .build());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(directory.findByE164(PhoneNumbers.toE164(number, "GB").orElseThrow())).isEmpty();
    }

    @Test
    void requestWithWrongTokenAnswers401() {
        String number = TestSubscribers.freshNumber(directory);
        long rejectedBefore = rejectedRequests();

        HttpResponse<String> wrong = post(token.substring(1) + "x", json(request(number)));
        HttpResponse<String> basic = send(requestTo(operatorPort, PATH)
                .header("Authorization", "Basic " + token)
                .POST(HttpRequest.BodyPublishers.ofString(json(request(number))))
                .build());

        assertThat(wrong.statusCode()).as("wrong token").isEqualTo(401);
        assertThat(basic.statusCode()).as("token in another scheme").isEqualTo(401);
        assertThat(directory.findByE164(PhoneNumbers.toE164(number, "GB").orElseThrow())).isEmpty();
        assertThat(rejectedRequests() - rejectedBefore).as("security events").isEqualTo(2);
    }

    @Test
    void existingNumberAnswers409() {
        String number = TestSubscribers.freshNumber(directory);
        assertThat(post(token, json(request(number))).statusCode()).isEqualTo(201);

        HttpResponse<String> again = post(token, json(request(number)));

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("already exists").contains("\"code\":\"subscriber_exists\"");
    }

    @Test
    void eachInvalidFieldAnswers400() {
        Map<String, String> invalid = new LinkedHashMap<>();
        invalid.put("msisdn", "12");
        invalid.put("region", "XX");
        invalid.put("displayName", "");
        invalid.put("timeZone", "Mars/Olympus");
        invalid.put("contactEmail", "not-an-address");
        invalid.put("identityDocumentDigits", "12-4");
        for (Map.Entry<String, String> field : invalid.entrySet()) {
            String number = TestSubscribers.freshNumber(directory);
            Map<String, String> request = request(number);
            request.put(field.getKey(), field.getValue());

            HttpResponse<String> response = post(token, json(request));

            assertThat(response.statusCode()).as(field.getKey()).isEqualTo(400);
            assertThat(response.body()).as(field.getKey()).contains("Field " + field.getKey());
            assertThat(directory.findByE164(PhoneNumbers.toE164(number, "GB").orElseThrow())).as(field.getKey())
                    .isEmpty();
        }
    }

    @Test
    void missingFieldAndWrongTypeAnswer400() {
        Map<String, String> missing = request(TestSubscribers.freshNumber(directory));
        missing.remove("contactEmail");

        HttpResponse<String> withoutEmail = post(token, json(missing));
        HttpResponse<String> numberAsJsonNumber = post(token, "{\"msisdn\": 7700900123}");
        HttpResponse<String> notJson = post(token, "msisdn=07700900123");

        assertThat(withoutEmail.statusCode()).isEqualTo(400);
        assertThat(withoutEmail.body()).contains("Field contactEmail");
        assertThat(numberAsJsonNumber.statusCode()).isEqualTo(400);
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).doesNotContain("Exception").doesNotContain("Jackson");
    }

    @Test
    void operatorPathOnCustomerPortAnswers404() {
        HttpResponse<String> response = send(requestTo(customerPort, PATH)
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(json(request(TestSubscribers.freshNumber(directory)))))
                .build());

        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void customerPathOnOperatorPortAnswers404() {
        PortalClient operatorSide = new PortalClient(operatorPort);

        assertThat(operatorSide.getPage("/signin").statusCode()).as("/signin").isEqualTo(404);
        assertThat(operatorSide.get("/api/v1/me").statusCode()).as("/api/v1/me").isEqualTo(404);
        assertThat(operatorSide.getPage("/operator/../signin").statusCode()).as("/operator/../signin")
                .isEqualTo(404);
    }

    @Test
    void operatorApiSetsNoSessionCookie() {
        HttpResponse<String> response = post(token, json(request(TestSubscribers.freshNumber(directory))));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
    }

    private long rejectedRequests() {
        return jdbc.sql("SELECT count(*) FROM security_event WHERE type = 'OPERATOR_REQUEST' AND outcome = "
                + "'unauthorized'").query(Long.class).single();
    }

    private static Map<String, String> request(String number) {
        Map<String, String> request = new LinkedHashMap<>();
        request.put("msisdn", number);
        request.put("region", "GB");
        request.put("displayName", "Ada Lovelace");
        request.put("timeZone", "Europe/London");
        request.put("contactEmail", "ada@example.org");
        request.put("identityDocumentDigits", "1234");
        return request;
    }

    private String json(Map<String, String> request) {
        return json.writeValueAsString(request);
    }

    private HttpResponse<String> post(String bearer, String body) {
        return send(requestTo(operatorPort, PATH)
                .header("Authorization", "Bearer " + bearer)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private static HttpRequest.Builder requestTo(int port, String path) {
        return HttpRequest.newBuilder(URI.create("https://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json");
    }

    private HttpResponse<String> send(HttpRequest request) {
        return new PortalClient(operatorPort).send(request);
    }
}
