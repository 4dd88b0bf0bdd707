package org.selfcare.purchase.order;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.selfcare.account.Accounts;
import org.selfcare.account.Money;
import org.selfcare.account.PaymentChannel;
import org.selfcare.identity.Subscriber;
import org.selfcare.identity.SubscriberDirectory;
import org.selfcare.purchase.catalogue.Catalogue;
import org.selfcare.purchase.catalogue.CatalogueItem;
import org.selfcare.purchase.catalogue.ItemKind;
import org.selfcare.support.TestSandbox;
import org.selfcare.support.PortalTest;
import org.selfcare.support.RequestSigner;
import org.selfcare.support.TestInbox;
import org.selfcare.support.TestSubscribers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.context.TestPropertySource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The orders API against the real portal and database: server-side pricing against changed prices, encrypted
 * bodies against tampering and replay, quantities of every wrong kind, stock, idempotency keys, expiry, and
 * the payment notification.
 */
@PortalTest
@TestPropertySource(properties = TestSandbox.PaymentProperties.ENABLED_PROPERTY + "=false")
class OrderApiTests {

    private static final ObjectMapper json = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    SubscriberDirectory directory;

    @Autowired
    Accounts accounts;

    @Autowired
    Catalogue catalogue;

    @Autowired
    Orders orders;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestInbox inbox;

    private Subscriber subscriber;

    private Shopper shopper;

    /** A recharge card of 10.00 for 10.00, 50 in stock. */
    private String recharge;

    /** A device of 29.00, 3 in stock. */
    private String device;

    @BeforeEach
    void signIn() {
        subscriber = TestSubscribers.create(directory, accounts);
        shopper = new Shopper(port, subscriber.msisdn());
        recharge = item(ItemKind.RECHARGE_CARD, 1000, 50);
        device = item(ItemKind.DEVICE, 2900, 3);
    }

    @Test
    void catalogueListsActiveItems() {
        String inactive = item(ItemKind.DEVICE, 100, 1);
        CatalogueItem off = catalogue.find(inactive).orElseThrow();
        catalogue.update(new CatalogueItem(off.id(), off.kind(), off.name(), off.description(), off.price(), null, 1,
                false));

        JsonNode answer = read(shopper.client.get("/api/v1/catalogue"));

        List<String> ids = answer.get("items").valueStream().map((item) -> item.get("id").stringValue()).toList();
        assertThat(ids).contains(recharge, device).doesNotContain(inactive);
        JsonNode card = answer.get("items").valueStream()
                .filter((item) -> item.get("id").stringValue().equals(recharge)).findFirst().orElseThrow();
        assertThat(card.get("price").get("decimal").stringValue()).isEqualTo("10.00");
        assertThat(card.get("faceValue").get("minorUnits").longValue()).isEqualTo(1000);
        assertThat(card.get("inStock").booleanValue()).isTrue();
        assertThat(answer.get("paymentMethods").toString()).isEqualTo("[\"STORE_CREDIT\"]");
    }

    @Test
    void changedClientPricesAreRecalculated() {
        HttpResponse<String> response = shopper.order("""
                {"items":[{"itemId":"%s","quantity":2,"unitPrice":{"minorUnits":1,"currency":"GBP"}}],
                 "expectedTotal":{"minorUnits":2,"currency":"GBP","decimal":"0.02"}}""".formatted(recharge));

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode answer = read(response);
        assertThat(answer.get("totalRecalculated").booleanValue()).isTrue();
        JsonNode order = answer.get("order");
        assertThat(order.get("total").get("minorUnits").longValue()).isEqualTo(2000);
        assertThat(order.get("items").get(0).get("unitPrice").get("minorUnits").longValue()).isEqualTo(1000);
        assertThat(order.get("status").stringValue()).isEqualTo("CREATED");
        assertThat(order.get("number").stringValue()).matches("SC-[0-9A-Z]{8}");
        assertThat(order.get("createdAt").stringValue()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(order.get("paymentMethod").isNull()).isTrue();
        assertThat(events("ORDER_TAMPERING")).isEqualTo(1);
        assertThat(stock(recharge)).isEqualTo(48);
    }

    @Test
    void matchingClientFiguresAreNoTampering() {
        HttpResponse<String> response = shopper.order("""
                {"items":[{"itemId":"%s","quantity":1,"unitPrice":{"minorUnits":1000,"currency":"GBP"}}],
                 "expectedTotal":{"minorUnits":1000,"currency":"GBP"}}""".formatted(recharge));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(read(response).get("totalRecalculated").booleanValue()).isFalse();
        assertThat(events("ORDER_TAMPERING")).isZero();
    }

    @Test
    void plainJsonIsRefusedAsNotEncrypted() {
        HttpResponse<String> response = shopper.client.send(shopper.post("/api/v1/orders", "application/json",
                "{\"items\":[{\"itemId\":\"" + recharge + "\",\"quantity\":1}]}", Shopper.newKey()));

        assertError(response, 415, "encryption_required");
        assertThat(orderCount()).isZero();
    }

    @Test
    void ciphertextChangedInTransitIsRefused() {
        String[] parts = shopper.encrypt(order(recharge, 1)).split("\\.");
        byte[] ciphertext = Base64.getUrlDecoder().decode(parts[3]);
        ciphertext[ciphertext.length - 1] ^= 0x01;
        parts[3] = Base64.getUrlEncoder().withoutPadding().encodeToString(ciphertext);

        assertError(shopper.orderEncrypted(String.join(".", parts), Shopper.newKey()), 400, "transaction_unreadable");
        assertThat(events("TRANSACTION_REJECTED")).isEqualTo(1);
        assertThat(orderCount()).isZero();
    }

    @Test
    void replayedOrderIsRejected() {
        String body = shopper.encrypt(order(recharge, 1));
        String key = Shopper.newKey();
        String signature = shopper.client.signer().sign(shopper.client.sessionKey(), "POST", "/api/v1/orders", null,
                body.getBytes(StandardCharsets.US_ASCII), Instant.now().getEpochSecond(), RequestSigner.newNonce());
        HttpRequest request = HttpRequest.newBuilder(URI.create(shopper.client.base() + "/api/v1/orders"))
                .header("Content-Type", "application/jose")
                .header("Accept", "application/json")
                .header("Idempotency-Key", key)
                .header("X-CSRF-TOKEN", shopper.client.csrfToken())
                .header(RequestSigner.REQUEST_HEADER, signature)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();

        HttpResponse<String> first = shopper.client.sendRaw(request);
        HttpResponse<String> replay = shopper.client.sendRaw(request);

        assertThat(first.statusCode()).isEqualTo(201);
        assertError(replay, 401, "request_signature_invalid");
        assertThat(orderCount()).isEqualTo(1);
    }

    @Test
    void quantitiesOutOfRangeAreRefused() {
        for (String quantity : List.of("0", "-1", "11", "99999999999999999999999", "2.5", "1e1")) {
            assertError(shopper.order(order(recharge, quantity)), 400, "invalid_quantity");
        }
        assertThat(orderCount()).isZero();
        assertThat(stock(recharge)).isEqualTo(50);
    }

    @Test
    void malformedOrdersAreRejected() {
        for (String quantity : List.of("\"2\"", "true", "null", "[1]", "{\"n\":1}")) {
            assertError(shopper.order(order(recharge, quantity)), 400, "invalid_order");
        }
        assertError(shopper.order("not json"), 400, "invalid_order");
        assertError(shopper.order("{\"items\":[]}"), 400, "invalid_order");
        assertError(shopper.order("{\"items\":[{\"itemId\":\"" + recharge + "\",\"quantity\":1,\"quantity\":9}]}"),
                400, "invalid_order");
        assertError(shopper.order("{\"items\":[" + line(recharge, "1") + "," + line(recharge, "1") + "]}"), 400,
                "invalid_order");
        assertThat(orderCount()).isZero();
    }

    @Test
    void unknownAndOutOfStockItemsRejected() {
        HttpResponse<String> unknown = shopper.order(order("no-such-item", 1));
        assertError(unknown, 400, "unknown_item");
        assertThat(read(unknown).get("error").stringValue()).contains("no-such-item");

        HttpResponse<String> tooMany = shopper.order(deviceOrder(4));
        assertError(tooMany, 409, "out_of_stock");
        assertThat(read(tooMany).get("error").stringValue()).contains("out of stock");
        assertThat(stock(device)).isEqualTo(3);
    }

    @Test
    void deviceNeedsADeliveryAddress() {
        assertError(shopper.order(order(device, 1)), 400, "delivery_address_required");

        HttpResponse<String> addressed = shopper.order(deviceOrder(1));
        assertThat(addressed.statusCode()).isEqualTo(201);
        assertThat(stock(device)).isEqualTo(2);
    }

    @Test
    void simCardWithoutAnIdentityDocumentIsRefused() {
        String sim = item(ItemKind.SIM_CARD, 500, 5);

        assertError(shopper.order(order(sim, 1)), 400, "identity_document_required");
        assertError(shopper.order("{\"items\":[" + line(sim, "1") + "],\"identityDocument\":\""
                + java.util.UUID.randomUUID() + "\"}"), 400, "identity_document_required");
        assertThat(stock(sim)).isEqualTo(5);
    }

    @Test
    void repeatedSubmissionReplaysFirstResponse() {
        String key = Shopper.newKey();
        String plaintext = order(recharge, 3);

        HttpResponse<String> first = shopper.order(plaintext, key);
        HttpResponse<String> again = shopper.order(plaintext, key);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(orderCount()).isEqualTo(1);
        assertThat(stock(recharge)).isEqualTo(47);

        assertError(shopper.order(order(recharge, 4), key), 409, "idempotency_key_reused");
        assertThat(orderCount()).isEqualTo(1);
    }

    @Test
    void concurrentSubmissionsWithOneKeyPlaceOneOrder() throws Exception {
        String key = Shopper.newKey();
        String plaintext = order(recharge, 1);
        List<Callable<HttpResponse<String>>> tasks = new ArrayList<>();
        shopper.client.sessionKey();
        for (int i = 0; i < 4; i++) {
            HttpRequest request = shopper.post("/api/v1/orders", "application/jose", shopper.encrypt(plaintext), key);
            tasks.add(() -> shopper.client.send(request));
        }

        List<HttpResponse<String>> responses = all(tasks);

        assertThat(responses).allSatisfy((response) -> assertThat(response.statusCode()).isEqualTo(201));
        assertThat(responses.stream().map(HttpResponse::body).distinct()).hasSize(1);
        assertThat(orderCount()).isEqualTo(1);
        assertThat(stock(recharge)).isEqualTo(49);
    }

    @Test
    void missingOrMalformedIdempotencyKeyIsRefused() {
        assertError(shopper.orderEncrypted(shopper.encrypt(order(recharge, 1)), null), 400,
                "idempotency_key_required");
        assertError(shopper.orderEncrypted(shopper.encrypt(order(recharge, 1)), "short"), 400,
                "idempotency_key_required");
        assertThat(orderCount()).isZero();
    }

    @Test
    void unpaidOrderExpiresAndGivesItsStockBack() {
        String number = placed(deviceOrder(2));
        assertThat(stock(device)).isEqualTo(1);
        jdbc.sql("UPDATE customer_order SET expires_at = ? WHERE number = ?")
                .params(Timestamp.from(Instant.now().minusSeconds(1)), number)
                .update();

        orders.expireDue();

        assertThat(status(number)).isEqualTo("EXPIRED");
        assertThat(stock(device)).isEqualTo(3);
        assertError(shopper.pay(number, "STORE_CREDIT"), 409, "order_not_payable");
    }

    @Test
    void cancelGivesStockBackOnce() {
        String number = placed(deviceOrder(1));

        HttpResponse<String> cancelled = shopper.cancel(number);

        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(read(cancelled).get("order").get("status").stringValue()).isEqualTo("CANCELLED");
        assertThat(stock(device)).isEqualTo(3);
        assertError(shopper.cancel(number), 409, "order_not_cancellable");
        assertThat(stock(device)).isEqualTo(3);
    }

    @Test
    void anotherSubscriberCannotSeeOrPayTheOrder() {
        String number = placed(order(recharge, 1));
        Subscriber other = TestSubscribers.create(directory, accounts);
        accounts.recordPayment(other.id(), Money.of(5000, "GBP"), PaymentChannel.CARD, "t-" + Shopper.newKey(),
                Instant.now());
        Shopper stranger = new Shopper(port, other.msisdn());

        assertError(stranger.client.get("/api/v1/orders/" + number), 404, "order_not_found");
        assertError(stranger.pay(number, "STORE_CREDIT"), 404, "order_not_found");
        assertError(stranger.cancel(number), 404, "order_not_found");
        assertThat(status(number)).isEqualTo("CREATED");
    }

    @Test
    void paidRechargeCardIsFulfilled() {
        accounts.recordPayment(subscriber.id(), Money.of(2500, "GBP"), PaymentChannel.CARD, "t-" + Shopper.newKey(),
                Instant.now());
        String number = placed(order(recharge, 2));
        Instant before = Instant.now();

        HttpResponse<String> paid = shopper.pay(number, "STORE_CREDIT");

        assertThat(paid.statusCode()).isEqualTo(200);
        JsonNode order = read(paid).get("order");
        assertThat(order.get("status").stringValue()).isEqualTo("FULFILLED");
        assertThat(order.get("paymentMethod").stringValue()).isEqualTo("STORE_CREDIT");
        // 25.00 - 20.00 paid + 20.00 face value
        assertThat(balance()).isEqualTo(2500);
        assertThat(events("ORDER_PAID")).isEqualTo(1);
        String sms = inbox.awaitSms(subscriber.msisdnE164(), before.minusSeconds(1));
        assertThat(sms).contains(number, "2 x Recharge card " + recharge, "20.00 GBP");
    }

    @Test
    void orderListIsNewestFirstInPages() {
        String first = placed(order(recharge, 1));
        String second = placed(order(recharge, 2));

        JsonNode page = read(shopper.client.get("/api/v1/orders?limit=1"));

        assertThat(page.get("items").get(0).get("number").stringValue()).isEqualTo(second);
        JsonNode next = read(shopper.client.get("/api/v1/orders?limit=1&cursor=" + page.get("nextCursor").stringValue()));
        assertThat(next.get("items").get(0).get("number").stringValue()).isEqualTo(first);
        assertThat(next.get("nextCursor").isNull()).isTrue();
        assertThat(read(shopper.client.get("/api/v1/orders/" + first)).get("order").get("items").get(0)
                .get("quantity").intValue()).isEqualTo(1);
    }

    @Test
    void providerPaymentIsNotOfferedWithoutAProvider() {
        String number = placed(order(recharge, 1));

        assertError(shopper.pay(number, "PROVIDER"), 409, "method_not_offered");
        assertError(shopper.pay(number, "CHEQUE"), 400, "invalid_payment");
        assertThat(status(number)).isEqualTo("CREATED");
    }

    // Helpers

    String placed(String plaintext) {
        HttpResponse<String> response = shopper.order(plaintext);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return read(response).get("order").get("number").stringValue();
    }

    String item(ItemKind kind, long priceMinor, int stock) {
        return Shopper.newItem(catalogue, kind, priceMinor, stock);
    }

    String deviceOrder(int quantity) {
        return """
                {"items":[{"itemId":"%s","quantity":%d}],"deliveryAddress":{"name":"Robin Test","line1":"1 High Street",
                 "city":"London","postcode":"SW1A 1AA","country":"GB"}}""".formatted(device, quantity);
    }

    static String order(String itemId, Object quantity) {
        return "{\"items\":[" + line(itemId, String.valueOf(quantity)) + "]}";
    }

    static String line(String itemId, String quantity) {
        return "{\"itemId\":\"" + itemId + "\",\"quantity\":" + quantity + "}";
    }

    static JsonNode read(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    static void assertError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = read(response);
        assertThat(body.get("code").stringValue()).isEqualTo(code);
        assertThat(body.get("error").stringValue()).isNotBlank().doesNotContainIgnoringCase("exception")
                .doesNotContainIgnoringCase("jackson").doesNotContainIgnoringCase("nimbus");
        assertThat(body.get("errorId").stringValue()).isNotBlank();
    }

    int stock(String itemId) {
        return catalogue.find(itemId).orElseThrow().stock();
    }

    long orderCount() {
        return jdbc.sql("SELECT count(*) FROM customer_order WHERE subscriber_id = ?").param(subscriber.id())
                .query(Long.class).single();
    }

    String status(String number) {
        return jdbc.sql("SELECT status FROM customer_order WHERE number = ?").param(number).query(String.class).single();
    }

    long events(String type) {
        return jdbc.sql("SELECT count(*) FROM security_event WHERE type = ? AND subscriber_id = ?")
                .params(type, subscriber.id()).query(Long.class).single();
    }

    long balance() {
        return accounts.balance(subscriber.id()).orElseThrow().value().minorUnits();
    }

    static <T> List<T> all(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> future : pool.invokeAll(tasks)) {
                results.add(future.get());
            }
            return results;
        }
        finally {
            pool.shutdownNow();
        }
    }
}
