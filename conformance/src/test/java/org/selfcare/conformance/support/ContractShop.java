package org.selfcare.conformance.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.MGF1ParameterSpec;
import java.text.ParseException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.crypto.RSADecrypter;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.selfcare.conformance.support.ContractPortal.Flaw;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The purchase half of {@link ContractPortal}, written to the contract the portal implements: the published
 * encryption key, the catalogue, encrypted orders priced on the server with idempotency keys, payment with
 * store credit and the payment SMS. Handlers return a {@link Reply}, which the portal signs and sends.
 */
final class ContractShop {

    static final String ITEM = "recharge-5";

    static final long PRICE = 500;

    static final long STARTING_CREDIT = 10_000;

    static final int MAX_QUANTITY = 10;

    static final String KID = "enc-1";

    /** One 3072-bit key for every stand-in of a test run, because generating one takes a noticeable time. */
    private static volatile RSAKey sharedKey;

    private final Set<Flaw> flaws;

    private final BiConsumer<String, String> sms;

    private final RSAKey key;

    private final JsonMapper json = JsonMapper.builder().build();

    private final SecureRandom random = new SecureRandom();

    private final Map<String, Order> orders = new ConcurrentHashMap<>();

    private final Map<String, Long> credit = new ConcurrentHashMap<>();

    private final Map<String, Remembered> idempotency = new ConcurrentHashMap<>();

    /** Order numbers by the payment intent that pays them. */
    private final Map<String, String> intents = new ConcurrentHashMap<>();

    private final Set<String> seenEvents = ConcurrentHashMap.newKeySet();

    private volatile ContractProvider provider;

    /** A response to return, unsigned yet. */
    record Reply(int status, Map<String, ?> body, Map<String, String> headers) {

        Reply(int status, Map<String, ?> body) {
            this(status, body, Map.of());
        }
    }

    private record Remembered(String plaintextDigest, Reply reply) {
    }

    private static final class Order {

        final String number;

        final String owner;

        final int quantity;

        final long unitPrice;

        final long total;

        final Instant createdAt = Instant.now();

        volatile String status = "CREATED";

        volatile String paymentMethod;

        volatile Instant paidAt;

        Order(String number, String owner, int quantity, long unitPrice, long total) {
            this.number = number;
            this.owner = owner;
            this.quantity = quantity;
            this.unitPrice = unitPrice;
            this.total = total;
        }
    }

    private final ContractMonitoring monitoring;

    private final ContractConfirmations confirmations;

    /**
     * @param sms sends an SMS to a subscriber, given the number in E.164 and the text
     */
    ContractShop(Set<Flaw> flaws, BiConsumer<String, String> sms, ContractMonitoring monitoring,
            ContractConfirmations confirmations) {
        this.flaws = flaws;
        this.sms = sms;
        this.monitoring = monitoring;
        this.confirmations = confirmations;
        this.key = flaws.contains(Flaw.WEAK_ENCRYPTION_KEY) ? generate(1024) : shared();
    }

    Reply jwks() {
        return new Reply(200, new JWKSet(key.toPublicJWK()).toJSONObject(true));
    }

    Reply catalogue() {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", ITEM);
        item.put("kind", "RECHARGE_CARD");
        item.put("name", "Recharge card 5");
        item.put("description", "Adds 5.00 GBP to the balance.");
        item.put("price", money(PRICE));
        item.put("faceValue", money(PRICE));
        item.put("inStock", true);
        item.put("needsIdentityDocument", false);
        item.put("needsDeliveryAddress", false);
        List<String> methods = (provider == null) ? List.of("STORE_CREDIT") : List.of("STORE_CREDIT", "PROVIDER");
        return new Reply(200, Map.of("items", List.of(item), "paymentMethods", methods));
    }

    Reply createOrder(String owner, String contentType, String idempotencyKey, byte[] body) {
        boolean jose = contentType != null && contentType.startsWith("application/jose");
        String text = new String(body, StandardCharsets.UTF_8).strip();
        boolean plainAccepted = flaws.contains(Flaw.ACCEPTS_PLAIN_ORDERS) && text.startsWith("{");
        if (!jose && !plainAccepted) {
            return error(415, "Orders must be sent encrypted.", "encryption_required");
        }
        if (idempotencyKey == null || !idempotencyKey.matches("[A-Za-z0-9_-]{8,64}")) {
            return error(400, "An Idempotency-Key header is required.", "idempotency_key_required");
        }
        byte[] plaintext;
        if (plainAccepted) {
            plaintext = text.getBytes(StandardCharsets.UTF_8);
        }
        else {
            Optional<byte[]> decrypted = decrypt(text);
            if (decrypted.isEmpty()) {
                return error(400, "The encrypted order could not be read.", "transaction_unreadable");
            }
            plaintext = decrypted.get();
        }
        String digest = sha256(plaintext);
        Remembered earlier = flaws.contains(Flaw.NO_IDEMPOTENCY) ? null : idempotency.get(owner + idempotencyKey);
        if (earlier != null) {
            if (!earlier.plaintextDigest().equals(digest)) {
                return error(409, "This Idempotency-Key was used for another order.", "idempotency_key_reused");
            }
            return new Reply(earlier.reply().status(), earlier.reply().body(), Map.of("Idempotent-Replayed", "true"));
        }
        Reply reply = priceOrder(owner, plaintext);
        if (reply.status() == 201) {
            idempotency.put(owner + idempotencyKey, new Remembered(digest, reply));
        }
        return reply;
    }

    Reply orders(String owner) {
        List<Map<String, Object>> items = orders.values().stream().filter((order) -> order.owner.equals(owner))
                .sorted((a, b) -> b.createdAt.compareTo(a.createdAt)).map(this::view).toList();
        return new Reply(200, Map.of("items", items));
    }

    Reply order(String owner, String number) {
        Order order = orders.get(number);
        if (order == null || !order.owner.equals(owner)) {
            return error(404, "No such order.", "order_not_found");
        }
        return new Reply(200, Map.of("order", view(order)));
    }

    /** Offers payment through the provider sandbox at {@code provider}, from now on. */
    void useProvider(ContractProvider provider) {
        this.provider = provider;
    }

    /**
     * Pays an order once the operation is confirmed as the subscriber's risk requires.
     *
     * @param session the portal session, which a code for the payment is bound to
     */
    Reply pay(String owner, String session, String number, JsonNode body, java.net.URI portal) {
        Order order = orders.get(number);
        if (order == null || !order.owner.equals(owner)) {
            return error(404, "No such order.", "order_not_found");
        }
        String method = body.path("method").asString("");
        ContractConfirmations.Operation operation = new ContractConfirmations.Operation("payment", "order:" + number,
                order.total, "pay " + money(order.total).get("decimal") + " GBP for order " + number);
        Reply refused = confirmations.authorize(session, owner, null, operation, body.path("confirmation"));
        if (refused != null) {
            return refused;
        }
        if ("PROVIDER".equals(method) && provider != null) {
            return startProviderPayment(order, portal);
        }
        if (!"STORE_CREDIT".equals(method)) {
            return error(409, "This payment method is not offered.", "method_not_offered");
        }
        synchronized (order) {
            if (!"CREATED".equals(order.status)) {
                return error(409, "This order cannot be paid.", "order_not_payable");
            }
            long balance = credit.getOrDefault(owner, STARTING_CREDIT);
            if (balance < order.total) {
                return error(409, "Your store credit does not cover this order.", "insufficient_credit");
            }
            credit.put(owner, balance - order.total);
            settle(order, "STORE_CREDIT");
        }
        monitoring.order(owner, number, "PAID");
        announce(order);
        return new Reply(200, Map.of("order", view(order)));
    }

    private Reply startProviderPayment(Order order, java.net.URI portal) {
        synchronized (order) {
            if (!"CREATED".equals(order.status)) {
                return error(409, "This order cannot be paid.", "order_not_payable");
            }
            Optional<ContractProvider.Intent> intent = provider.create(order.number, order.total,
                    portal.resolve("/orders/" + order.number).toString());
            if (intent.isEmpty()) {
                return error(503, "The payment provider is not available.", "provider_unavailable");
            }
            intents.put(intent.get().id(), order.number);
            monitoring.order(order.owner, order.number, "PAYMENT_REQUESTED");
            order.status = "AWAITING_PAYMENT";
            order.paymentMethod = "PROVIDER";
            return new Reply(200, Map.of("order", view(order), "redirectUrl", intent.get().redirectUrl()));
        }
    }

    /**
     * Handles a provider notification as the contract asks: the signature must verify, the event must be new,
     * and a retrieve of the payment intent must agree before the order is settled. Flaws skip a step.
     */
    Reply webhook(String signature, byte[] body) {
        if (provider == null) {
            return error(404, "Not found.", "not_found");
        }
        if (!flaws.contains(Flaw.ACCEPTS_UNSIGNED_WEBHOOK) && !provider.verifies(signature, body)) {
            return error(400, "The notification could not be verified.", "notification_rejected");
        }
        JsonNode event;
        try {
            event = json.readTree(body);
        }
        catch (JacksonException ex) {
            return error(400, "The notification is not valid JSON.", "notification_rejected");
        }
        if (!seenEvents.add(event.path("id").asString(""))) {
            return error(400, "The notification was seen before.", "notification_rejected");
        }
        JsonNode intent = event.path("data").path("object");
        Order order = orders.get(intents.getOrDefault(intent.path("id").asString(""), ""));
        if (order == null || !"payment_intent.succeeded".equals(event.path("type").asString(""))) {
            return new Reply(200, Map.of("received", true));
        }
        if (!flaws.contains(Flaw.SETTLES_WITHOUT_RETRIEVE)) {
            intent = provider.retrieve(intent.path("id").asString("")).orElse(null);
        }
        if (intent == null || !"succeeded".equals(intent.path("status").asString(""))
                || intent.path("amount").asLong(-1) != order.total) {
            return error(400, "The notification does not match the payment.", "notification_rejected");
        }
        synchronized (order) {
            if (!"AWAITING_PAYMENT".equals(order.status)) {
                return new Reply(200, Map.of("received", true));
            }
            settle(order, "PROVIDER");
        }
        announce(order);
        return new Reply(200, Map.of("received", true));
    }

    private static void settle(Order order, String method) {
        order.status = "PAID";
        order.paymentMethod = method;
        order.paidAt = Instant.now();
    }

    private void announce(Order order) {
        if (!flaws.contains(Flaw.NO_PAYMENT_SMS)) {
            sms.accept(order.owner, "Selfcare: order " + order.number + " is paid: " + order.quantity + " x Recharge "
                    + "card 5, total " + money(order.total).get("decimal") + " GBP.");
        }
    }

    Reply cancel(String owner, String number) {
        Order order = orders.get(number);
        if (order == null || !order.owner.equals(owner)) {
            return error(404, "No such order.", "order_not_found");
        }
        synchronized (order) {
            if (!"CREATED".equals(order.status) && !"AWAITING_PAYMENT".equals(order.status)) {
                return error(409, "This order cannot be cancelled.", "order_not_cancellable");
            }
            order.status = "CANCELLED";
        }
        monitoring.order(owner, number, "CANCELLED");
        return new Reply(200, Map.of("order", view(order)));
    }

    /** Opens the balance of a subscriber provisioned after start, empty until the operator credits it. */
    void openAccount(String owner) {
        credit.put(owner, 0L);
    }

    long balance(String owner) {
        return credit.getOrDefault(owner, STARTING_CREDIT);
    }

    /** Adds a top-up from the operator's retail system to the balance. */
    void credit(String owner, long minorUnits) {
        credit.merge(owner, minorUnits, Long::sum);
    }

    /** Takes a fee from the balance, which the caller checked covers it. */
    synchronized void debit(String owner, long minorUnits) {
        credit.put(owner, balance(owner) - minorUnits);
    }

    /** Returns the number of orders of every subscriber, for tests that count second orders. */
    long orderCount() {
        return orders.size();
    }

    private Reply priceOrder(String owner, byte[] plaintext) {
        JsonNode order;
        try {
            order = json.readTree(plaintext);
        }
        catch (JacksonException ex) {
            return error(400, "The order is not valid JSON.", "invalid_order");
        }
        JsonNode lines = order.path("items");
        if (!lines.isArray() || lines.size() != 1) {
            return error(400, "The order needs one line.", "invalid_order");
        }
        JsonNode line = lines.get(0);
        if (!ITEM.equals(line.path("itemId").asString(""))) {
            return error(400, "The item does not exist.", "unknown_item");
        }
        int quantity = line.path("quantity").asInt(0);
        if (quantity < 1 || quantity > MAX_QUANTITY) {
            return error(400, "The quantity must be between 1 and " + MAX_QUANTITY + ".", "invalid_quantity");
        }
        long unitPrice = PRICE;
        long total = PRICE * quantity;
        JsonNode claimed = order.path("expectedTotal").path("minorUnits");
        if (flaws.contains(Flaw.TRUSTS_CLIENT_TOTAL)) {
            unitPrice = line.path("unitPrice").path("minorUnits").asLong(unitPrice);
            total = claimed.asLong(unitPrice * quantity);
        }
        boolean recalculated = claimed.canConvertToLong() && claimed.longValue() != total;
        Order created = new Order(orderNumber(), owner, quantity, unitPrice, total);
        orders.put(created.number, created);
        monitoring.order(owner, created.number, "PLACED");
        return new Reply(201, Map.of("order", view(created), "totalRecalculated", recalculated));
    }

    /**
     * Opens a compact JWE as the portal does: RSA-OAEP-256 and A256GCM to the published key id only. Flaws widen
     * what it accepts.
     */
    private Optional<byte[]> decrypt(String compact) {
        JWEObject jwe;
        try {
            jwe = JWEObject.parse(compact);
        }
        catch (ParseException ex) {
            return Optional.empty();
        }
        JWEAlgorithm algorithm = jwe.getHeader().getAlgorithm();
        boolean weakAllowed = flaws.contains(Flaw.ACCEPTS_WEAK_ALGORITHM) && JWEAlgorithm.RSA1_5.equals(algorithm);
        if (!JWEAlgorithm.RSA_OAEP_256.equals(algorithm) && !weakAllowed) {
            return Optional.empty();
        }
        if (!EncryptionMethod.A256GCM.equals(jwe.getHeader().getEncryptionMethod())) {
            return Optional.empty();
        }
        if (!KID.equals(jwe.getHeader().getKeyID()) && !flaws.contains(Flaw.IGNORES_KEY_ID)) {
            return Optional.empty();
        }
        try {
            jwe.decrypt(new RSADecrypter(key));
            return Optional.of(jwe.getPayload().toBytes());
        }
        catch (JOSEException ex) {
            return flaws.contains(Flaw.ACCEPTS_TAMPERED_CIPHERTEXT) ? decryptWithoutTag(compact) : Optional.empty();
        }
    }

    /**
     * Decrypts as a server that skipped the AES-GCM tag would: the content key unwrapped, then the counter
     * stream applied to the ciphertext, so changed bytes come through as changed plaintext.
     */
    private Optional<byte[]> decryptWithoutTag(String compact) {
        String[] parts = compact.split("\\.", -1);
        try {
            Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPPadding");
            oaep.init(Cipher.DECRYPT_MODE, key.toRSAPrivateKey(), new OAEPParameterSpec("SHA-256", "MGF1",
                    MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
            byte[] contentKey = oaep.doFinal(Base64.getUrlDecoder().decode(parts[1]));
            byte[] counter = new byte[16];
            System.arraycopy(Base64.getUrlDecoder().decode(parts[2]), 0, counter, 0, 12);
            counter[15] = 2;
            Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
            ctr.init(Cipher.DECRYPT_MODE, new SecretKeySpec(contentKey, "AES"), new IvParameterSpec(counter));
            return Optional.of(ctr.doFinal(Base64.getUrlDecoder().decode(parts[3])));
        }
        catch (GeneralSecurityException | JOSEException | IllegalArgumentException ex) {
            return Optional.empty();
        }
    }

    private Map<String, Object> view(Order order) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("itemId", ITEM);
        line.put("name", "Recharge card 5");
        line.put("kind", "RECHARGE_CARD");
        line.put("quantity", order.quantity);
        line.put("unitPrice", money(order.unitPrice));
        line.put("lineTotal", money(order.unitPrice * order.quantity));
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("number", order.number);
        view.put("status", order.status);
        view.put("items", List.of(line));
        view.put("total", money(order.total));
        view.put("createdAt", order.createdAt.toString());
        view.put("expiresAt", order.createdAt.plusSeconds(1800).toString());
        view.put("paymentMethod", order.paymentMethod);
        view.put("paidAt", (order.paidAt == null) ? null : order.paidAt.toString());
        return view;
    }

    static Map<String, Object> money(long minorUnits) {
        Map<String, Object> money = new LinkedHashMap<>();
        money.put("minorUnits", minorUnits);
        money.put("currency", "GBP");
        money.put("decimal", String.format("%d.%02d", minorUnits / 100, minorUnits % 100));
        return money;
    }

    private static Reply error(int status, String message, String code) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", message);
        body.put("errorId", UUID.randomUUID().toString());
        body.put("code", code);
        return new Reply(status, body);
    }

    private String orderNumber() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        StringBuilder number = new StringBuilder("SC-");
        for (int i = 0; i < 8; i++) {
            number.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return number.toString();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static synchronized RSAKey shared() {
        if (sharedKey == null) {
            sharedKey = generate(3072);
        }
        return sharedKey;
    }

    private static RSAKey generate(int bits) {
        try {
            return new RSAKeyGenerator(bits, true).keyID(KID).keyUse(KeyUse.ENCRYPTION)
                    .algorithm(JWEAlgorithm.RSA_OAEP_256).generate();
        }
        catch (JOSEException ex) {
            throw new IllegalStateException("Cannot generate an RSA key", ex);
        }
    }
}
