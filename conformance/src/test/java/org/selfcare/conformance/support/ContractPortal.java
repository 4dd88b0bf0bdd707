package org.selfcare.conformance.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for the parts of Selfcare that second authentication and first sign-in touch, written to the HTTP
 * contract the portal implements. It has the sign-in form, balance, payments and call records, step-up codes,
 * the lock after wrong codes, the operator API and the first sign-in, and sends its SMS over SMPP to the kit's
 * SMSC. It issues session keys, rejects API requests without a valid signature, signs its JSON responses, and
 * withholds call records and payments whose seal fails. Its purchase API is a {@link ContractShop}.
 * By default it keeps every rule; each {@link Flaw} breaks one.
 */
public final class ContractPortal implements AutoCloseable {

    public static final String NUMBER = "07700 900000";

    public static final String SECOND_NUMBER = "07700 900002";

    public static final String LOCK_NUMBER = "07700 900004";

    public static final String PASSWORD = "Right-Pass-1470!";

    public static final String SMSC_SYSTEM_ID = "selfcare";

    public static final String SMSC_PASSWORD = "smsc1470";

    public static final String OPERATOR_TOKEN = "operator-token-1470-abcdef";

    /** The service password of the three subscribers that exist from the start. */
    static final String SERVICE_PASSWORD = "31415926";

    /** The CAPTCHA test key the stand-in accepts when it asks for a CAPTCHA answer with every code request. */
    public static final String CAPTCHA_TEST_KEY = "captcha-test-key-1470";

    /** The other party of the stand-in's only call record. */
    public static final String CALLED_PARTY = "+442079460000";

    /** Wrong entries, of passwords and codes together, that lock an account. */
    static final int LOCK_AFTER = 3;

    /** Ways the stand-in can break the rules. */
    public enum Flaw {
        /** GET /api/v1/calls shows call records without a proof. */
        CALLS_API_WITHOUT_PROOF,
        /** GET /calls shows the page without a proof. */
        CALLS_PAGE_WITHOUT_PROOF,
        /** A proof for any purpose opens call records. */
        PROOF_FOR_ANY_PURPOSE,
        /** A proof belongs to the account, so a fresh session has it too. */
        PROOF_PER_ACCOUNT,
        /** Wrong codes never lock the account. */
        NEVER_LOCKS,
        /** Wrong codes lock the account only at the fifth. */
        LOCKS_AT_FIFTH,
        /** The first sign-in reaches the APIs before the password change. */
        FIRST_SIGN_IN_API_OPEN,
        /** The password can be set at the first sign-in without an identity check. */
        NO_IDENTITY_CHECK,
        /** The first sign-in is an ordinary sign-in: no identity check and no password change. */
        PASSWORD_CHANGE_NOT_FORCED,
        /** The first sign-in accepts any new password. */
        WEAK_FIRST_PASSWORD,
        /**
         * Not a flaw but a stricter portal: every code request needs a CAPTCHA answer, even the first of a
         * session, so the kit must send the profile's test key.
         */
        CAPTCHA_FOR_EVERY_CODE,
        /** A portal from before signing: POST /api/v1/session-key returns 404 and nothing is signed or checked. */
        NO_SIGNING,
        /** API requests without a signature header are accepted. */
        ACCEPTS_UNSIGNED,
        /** The MAC check accepts a MAC made for another method. */
        IGNORES_METHOD,
        /** The MAC check accepts a MAC made for another path. */
        IGNORES_PATH,
        /** The MAC check accepts a MAC made without the query. */
        IGNORES_QUERY,
        /** The MAC check accepts a MAC made over another body the session sent. */
        IGNORES_BODY,
        /** The MAC check accepts a MAC made with another timestamp. */
        IGNORES_TIMESTAMP,
        /** The MAC check accepts a MAC made with another nonce. */
        IGNORES_NONCE,
        /** Any MAC is accepted. */
        ACCEPTS_ANY_MAC,
        /** Nonces are not remembered, so a replayed request is accepted. */
        ACCEPTS_REPLAY,
        /** Timestamps outside the window are accepted. */
        ACCEPTS_STALE,
        /** Responses carry no signature. */
        UNSIGNED_RESPONSES,
        /** The response to GET /api/v1/balance is signed over another body. */
        WRONG_BALANCE_SIGNATURE,
        /** Sealed records are shown without checking their seal, tampered or not. */
        SHOWS_TAMPERED_RECORDS,
        /** Pages do not load the browser's integrity module. */
        NO_INTEGRITY_MODULE,
        /**
         * Not a flaw: pages load the integrity module two imports deep, through their own module and a shared one, as
         * Selfcare's pages do.
         */
        NESTED_INTEGRITY_MODULE,
        /** The session key is 8 bytes long, too short for HMAC-SHA256 to be safe. */
        SHORT_SESSION_KEY,
        /** The published order encryption key has 1024 bits. */
        WEAK_ENCRYPTION_KEY,
        /** Orders sent as plain JSON are accepted. */
        ACCEPTS_PLAIN_ORDERS,
        /** Orders whose content key is wrapped with RSA1_5 are accepted. */
        ACCEPTS_WEAK_ALGORITHM,
        /** Orders under any key id are decrypted with the one key. */
        IGNORES_KEY_ID,
        /** The AES-GCM tag is not checked, so a changed ciphertext decrypts to changed plaintext. */
        ACCEPTS_TAMPERED_CIPHERTEXT,
        /** The client's expected total and unit price are taken as they come. */
        TRUSTS_CLIENT_TOTAL,
        /** Idempotency keys are not remembered, so a repeated order creates a second one. */
        NO_IDEMPOTENCY,
        /** No SMS is sent when an order is paid. */
        NO_PAYMENT_SMS,
        /** A provider notification settles its order without a retrieve of the payment intent. */
        SETTLES_WITHOUT_RETRIEVE,
        /** Provider notifications are accepted without checking their signature. */
        ACCEPTS_UNSIGNED_WEBHOOK,
        /** Subscribing needs no confirmation. */
        SUBSCRIBES_WITHOUT_CONFIRMATION,
        /** Cancelling a subscription needs no confirmation. */
        UNSUBSCRIBES_WITHOUT_CONFIRMATION,
        /** A code confirms any operation of the session, not only the one it was sent for. */
        CODE_FOR_ANY_OPERATION,
        /** A code can be used again. */
        CODE_REUSABLE,
        /** The subscription notice leaves out the expiry time. */
        NOTICE_WITHOUT_EXPIRY,
        /** No purchase pattern is detected. */
        NO_PURCHASE_MONITORING,
        /** Repeated payment requests and cancellations are not detected. */
        MISSES_PAY_CANCEL_CYCLES,
        /** No subscription pattern is detected. */
        NO_SUBSCRIPTION_MONITORING,
        /** An abnormal volume for one service is not detected. */
        MISSES_SERVICE_VOLUME,
        /** Not a flaw but a stricter portal: a detected pattern blocks operations instead of asking for a code. */
        BLOCKS_WHEN_ABNORMAL,
        /** Not a flaw but an older portal: the operator API takes no top-ups. */
        NO_OPERATOR_TOP_UPS,
        /** Not a flaw but an older portal: no value-added services, and an unsigned 404 for their paths. */
        NO_SUBSCRIPTION_API
    }

    /**
     * What the signature check found, for the response to the request this thread handles. Not an exchange
     * attribute, because the JDK's server keeps those per context, shared by all requests.
     */
    private static final class RequestState {

        byte[] body;

        String nonce;

        Session session;
    }

    private final ThreadLocal<RequestState> current = ThreadLocal.withInitial(RequestState::new);

    private static final String SESSION_KEY_PATH = "/api/v1/session-key";

    private static final class Subscriber {

        final String e164;

        volatile String password;

        volatile boolean provisioned;

        int failures;

        volatile boolean locked;

        final Set<String> accountProofs = ConcurrentHashMap.newKeySet();

        volatile String servicePassword = SERVICE_PASSWORD;

        volatile String identityDigits = "";

        volatile String contactEmail = "";

        volatile java.time.ZoneId zone = java.time.ZoneOffset.UTC;

        Subscriber(String e164, String password, boolean provisioned) {
            this.e164 = e164;
            this.password = password;
            this.provisioned = provisioned;
        }
    }

    private static final class Session {

        final String id = UUID.randomUUID().toString();

        final String csrf = UUID.randomUUID().toString();

        final Subscriber subscriber;

        final Set<String> proofs = new HashSet<>();

        final SignatureGate.State signing = new SignatureGate.State();

        final Map<String, String> pendingCodes = new ConcurrentHashMap<>();

        int codesSent;

        volatile boolean identityVerified;

        Session(Subscriber subscriber) {
            this.subscriber = subscriber;
        }
    }

    private final Set<Flaw> flaws;

    private final int smppPort;

    private final Map<String, Subscriber> subscribers = new ConcurrentHashMap<>();

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    private final JsonMapper json = JsonMapper.builder().build();

    private final SecureRandom random = new SecureRandom();

    private final TestSite site;

    private final TestSite operator;

    private final SignatureGate gate;

    private final ContractShop shop;

    private final ContractMonitoring monitoring;

    private final ContractConfirmations confirmations;

    private final ContractSubscriptions subscriptions;

    private volatile SealedRecords records = SealedRecords.inMemory();

    private final java.util.List<String> rejections = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final java.util.List<String> issuedKeys = new java.util.concurrent.CopyOnWriteArrayList<>();

    private SMPPSession smpp;

    /**
     * Starts the stand-in with three active subscribers, sending SMS to the kit's SMSC on {@code smppPort}.
     */
    public ContractPortal(int smppPort, Flaw... flaws) throws IOException {
        this.smppPort = smppPort;
        this.flaws = flaws.length == 0 ? EnumSet.noneOf(Flaw.class) : EnumSet.of(flaws[0], flaws);
        for (String number : new String[] { NUMBER, SECOND_NUMBER, LOCK_NUMBER }) {
            subscribers.put(key(number), new Subscriber(e164(number), PASSWORD, false));
        }
        gate = new SignatureGate(this.flaws);
        monitoring = new ContractMonitoring(this.flaws);
        ContractConfirmations confirmations = new ContractConfirmations(this.flaws, monitoring, this::sendSmsTo);
        this.confirmations = confirmations;
        shop = new ContractShop(this.flaws, this::sendSmsTo, monitoring, confirmations);
        subscriptions = new ContractSubscriptions(this.flaws, shop, confirmations, monitoring, this::sendSmsTo);
        site = TestSite.http().handle("/", this::route);
        operator = TestSite.http().handle("/operator/api/v1/subscribers", this::operatorSubscribers)
                .handle("/operator/api/v1/alerts", this::alerts);
    }

    public java.net.URI uri() {
        return site.uri();
    }

    public java.net.URI operatorUri() {
        return operator.uri();
    }

    /**
     * Keeps the call records and payments of the first subscriber in {@code database}, sealed, so that a test
     * can change one there.
     */
    public void storeRecordsIn(TestPostgres database) {
        records = SealedRecords.inDatabase(database, e164(NUMBER));
    }

    /** Returns the reasons of the signature rejections so far, as the portal's security events would name them. */
    public java.util.List<String> rejections() {
        return java.util.List.copyOf(rejections);
    }

    /** Returns every session key issued so far, base64url as sent, so a test can look for it in the evidence. */
    public java.util.List<String> issuedKeys() {
        return java.util.List.copyOf(issuedKeys);
    }

    /**
     * Raises an alert for a subscriber, as earlier runs of the kit could have made the deployment do, so that
     * its payments need a second authentication.
     */
    public void flag(String number) {
        monitoring.flag(e164(number));
    }

    /** Returns whether the subscriber is locked. */
    public boolean isLocked(String number) {
        return subscribers.get(key(number)).locked;
    }

    @Override
    public synchronized void close() {
        site.close();
        operator.close();
        if (smpp != null) {
            smpp.unbindAndClose();
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        current.remove();
        try {
            routeRequest(exchange);
        }
        finally {
            current.remove();
        }
    }

    private void routeRequest(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        boolean post = "POST".equals(exchange.getRequestMethod());
        if ("/signin".equals(path)) {
            signIn(exchange, post);
            return;
        }
        if (path.startsWith("/js/")) {
            script(exchange, path);
            return;
        }
        if ("/.well-known/jwks.json".equals(path)) {
            reply(exchange, shop.jwks());
            return;
        }
        if ("/payments/webhook".equals(path) && post) {
            reply(exchange, shop.webhook(exchange.getRequestHeaders().getFirst("Stripe-Signature"),
                    requestBytes(exchange)));
            return;
        }
        Session session = session(exchange);
        if (session == null) {
            if (path.startsWith("/api/")) {
                error(exchange, 401, "Sign in first.", Map.of());
            }
            else {
                TestSite.redirect(exchange, "/signin");
            }
            return;
        }
        if (path.startsWith("/api/") && !passesSignatureCheck(exchange, session, path, post)) {
            return;
        }
        if (post && !session.csrf.equals(exchange.getRequestHeaders().getFirst("X-CSRF-TOKEN"))) {
            error(exchange, 403, "The form expired. Reload the page.", Map.of());
            return;
        }
        if (post && SESSION_KEY_PATH.equals(path)) {
            issueSessionKey(exchange, session);
            return;
        }
        if (path.startsWith("/api/v1/first-sign-in/") && post) {
            firstSignIn(exchange, session, path);
            return;
        }
        if (mustFinishFirstSignIn(session, path)) {
            if (path.startsWith("/api/")) {
                error(exchange, 403, "Finish your first sign-in.", Map.of("code", "first_sign_in_required"));
            }
            else {
                TestSite.redirect(exchange, "/first-sign-in");
            }
            return;
        }
        switch (path) {
            case "/api/v1/me" -> ok(exchange, 200, Map.of("msisdnE164", session.subscriber.e164));
            case "/api/v1/balance" -> ok(exchange, 200, Map.of("minorUnits", 1250, "currency", "GBP"));
            case "/api/v1/payments" -> ok(exchange, 200, Map.of("items",
                    records.payments(session.subscriber.e164, flaws.contains(Flaw.SHOWS_TAMPERED_RECORDS))));
            case "/api/v1/calls" -> callsApi(exchange, session);
            case "/calls" -> callsPage(exchange, session);
            case "/api/v1/stepup/code" -> stepUpCode(exchange, session);
            case "/api/v1/stepup/verify" -> stepUpVerify(exchange, session);
            case "/api/v1/password" -> changePassword(exchange, session);
            default -> {
                if (path.startsWith("/api/v1/catalogue") || path.startsWith("/api/v1/orders")) {
                    shop(exchange, session, path, post);
                }
                else if ((path.startsWith("/api/v1/services") || path.startsWith("/api/v1/subscriptions"))
                        && !flaws.contains(Flaw.NO_SUBSCRIPTION_API)) {
                    subscriptions(exchange, session, path, post);
                }
                else if (path.startsWith("/api/")) {
                    TestSite.respond(exchange, 404, Map.of("Content-Type", "application/json"),
                            "{\"status\":404,\"error\":\"Not found.\"}");
                }
                else {
                    page(exchange, session);
                }
            }
        }
    }

    /**
     * Checks the signature of an API request of a signed-in session. Returns false after it has sent the 401.
     * The key request itself is unsigned, and a portal without signing checks nothing.
     */
    private boolean passesSignatureCheck(HttpExchange exchange, Session session, String path, boolean post)
            throws IOException {
        if (flaws.contains(Flaw.NO_SIGNING) || (post && SESSION_KEY_PATH.equals(path))) {
            return true;
        }
        SignatureGate.Decision decision = gate.check(exchange.getRequestMethod(), exchange.getRequestURI(),
                requestBytes(exchange), exchange.getRequestHeaders().getFirst(SignatureGate.HEADER),
                session.signing);
        if (!decision.accepted()) {
            rejections.add(decision.reason());
            error(exchange, 401, "The request could not be verified. Reload the page.",
                    Map.of("code", "request_signature_invalid"));
            return false;
        }
        current.get().nonce = decision.nonce().orElse(null);
        current.get().session = session;
        return true;
    }

    private void issueSessionKey(HttpExchange exchange, Session session) throws IOException {
        if (flaws.contains(Flaw.NO_SIGNING)) {
            error(exchange, 404, "Not found.", Map.of());
            return;
        }
        if (session.signing.key != null) {
            error(exchange, 409, "This session already has its key.", Map.of("code", "session_key_already_issued"));
            return;
        }
        byte[] key = new byte[flaws.contains(Flaw.SHORT_SESSION_KEY) ? 8 : 32];
        random.nextBytes(key);
        session.signing.key = key;
        String encoded = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(key);
        issuedKeys.add(encoded);
        ok(exchange, 200, Map.of("keyId", UUID.randomUUID().toString(), "key", encoded, "algorithm", "HMAC-SHA256"));
    }

    private boolean mustFinishFirstSignIn(Session session, String path) {
        if (!session.subscriber.provisioned || flaws.contains(Flaw.PASSWORD_CHANGE_NOT_FORCED)) {
            return false;
        }
        if (path.startsWith("/first-sign-in")) {
            return false;
        }
        return !(path.startsWith("/api/") && flaws.contains(Flaw.FIRST_SIGN_IN_API_OPEN));
    }

    private void signIn(HttpExchange exchange, boolean post) throws IOException {
        if (!post) {
            TestSite.respond(exchange, 200, Map.of("Content-Type", "text/html"), "<form method=\"post\">"
                    + "<input type=\"hidden\" name=\"_csrf\" value=\"sign-in-token\"><input name=\"msisdn\">"
                    + "<input name=\"password\" type=\"password\"></form>");
            return;
        }
        Map<String, String> form = TestSite.form(exchange);
        Subscriber subscriber = subscribers.get(key(form.getOrDefault("msisdn", "")));
        if (subscriber == null || subscriber.locked) {
            TestSite.redirect(exchange, "/signin?failed");
            return;
        }
        if (!subscriber.password.equals(form.get("password"))) {
            // Wrong passwords count toward the lock, but only codes lock here, which is all the cases need.
            recordFailure(subscriber, Integer.MAX_VALUE);
            TestSite.redirect(exchange, "/signin?failed");
            return;
        }
        // One session per subscriber: a new sign-in ends the earlier one.
        sessions.values().removeIf((earlier) -> earlier.subscriber == subscriber);
        String id = UUID.randomUUID().toString();
        sessions.put(id, new Session(subscriber));
        boolean first = subscriber.provisioned && !flaws.contains(Flaw.PASSWORD_CHANGE_NOT_FORCED);
        TestSite.respond(exchange, 302, Map.of("Location", first ? "/first-sign-in" : "/", "Set-Cookie",
                "SESSION=" + id + "; Path=/; HttpOnly"), "");
    }

    private void callsApi(HttpExchange exchange, Session session) throws IOException {
        if (!hasCallRecordsProof(session) && !flaws.contains(Flaw.CALLS_API_WITHOUT_PROOF)) {
            error(exchange, 403, "Confirm it is you to see your call records.",
                    Map.of("code", "step_up_required", "purpose", "call-records"));
            return;
        }
        ok(exchange, 200, Map.of("items",
                records.calls(session.subscriber.e164, flaws.contains(Flaw.SHOWS_TAMPERED_RECORDS))));
    }

    private void callsPage(HttpExchange exchange, Session session) throws IOException {
        if (!hasCallRecordsProof(session) && !flaws.contains(Flaw.CALLS_PAGE_WITHOUT_PROOF)) {
            TestSite.redirect(exchange, "/stepup?purpose=call-records");
            return;
        }
        page(exchange, session);
    }

    private boolean hasCallRecordsProof(Session session) {
        Set<String> proofs = new HashSet<>(session.proofs);
        if (flaws.contains(Flaw.PROOF_PER_ACCOUNT)) {
            proofs.addAll(session.subscriber.accountProofs);
        }
        return flaws.contains(Flaw.PROOF_FOR_ANY_PURPOSE) ? !proofs.isEmpty() : proofs.contains("call-records");
    }

    private void stepUpCode(HttpExchange exchange, Session session) throws IOException {
        JsonNode body = body(exchange);
        String purpose = body.path("purpose").asString("");
        boolean operation = body.has("operation");
        if (!operation && !purpose.equals("call-records") && !purpose.equals("payments")) {
            error(exchange, 400, "Choose what to confirm.", Map.of("code", "invalid_purpose"));
            return;
        }
        boolean captchaNeeded = session.codesSent > 0 || flaws.contains(Flaw.CAPTCHA_FOR_EVERY_CODE);
        String captcha = body.path("captcha").asString("");
        if (captchaNeeded && captcha.isEmpty()) {
            error(exchange, 400, "Type the code in the picture.", Map.of("code", "captcha_required"));
            return;
        }
        if (captchaNeeded && !captcha.equals(CAPTCHA_TEST_KEY)) {
            error(exchange, 400, "The code in the picture is not correct.", Map.of("code", "captcha_invalid"));
            return;
        }
        session.codesSent++;
        if (operation) {
            reply(exchange, confirmations.requestCode(session.id, session.subscriber.e164, purpose,
                    body.path("operation").asString("")));
            return;
        }
        String code = sixDigits();
        session.pendingCodes.put(purpose, code);
        sendSms(session.subscriber, "Your Selfcare code is " + code + ". It expires in 5 minutes.");
        ok(exchange, 202, Map.of("purpose", purpose, "expiresAt", "2026-12-04T12:05:00Z"));
    }

    private void stepUpVerify(HttpExchange exchange, Session session) throws IOException {
        JsonNode body = body(exchange);
        String purpose = body.path("purpose").asString("");
        String expected = session.pendingCodes.get(purpose);
        if (expected != null && expected.equals(body.path("secret").asString(""))) {
            session.pendingCodes.remove(purpose);
            session.proofs.add(purpose);
            session.subscriber.accountProofs.add(purpose);
            ok(exchange, 200, Map.of("purpose", purpose, "validUntil", "2026-12-04T12:10:00Z"));
            return;
        }
        int lockAt = flaws.contains(Flaw.NEVER_LOCKS) ? Integer.MAX_VALUE
                : flaws.contains(Flaw.LOCKS_AT_FIFTH) ? 5 : LOCK_AFTER;
        if (recordFailure(session.subscriber, lockAt)) {
            error(exchange, 423, "Your account is locked for 15 minutes.",
                    Map.of("code", "account_locked", "lockedUntil", "2026-12-04T12:15:00Z"));
            return;
        }
        error(exchange, 400, "The code is not correct or has expired.", Map.of("code", "proof_invalid"));
    }

    /**
     * Counts a wrong password or code. Returns whether it locked the account, which ends its sessions and
     * sends the subscriber an SMS.
     */
    private synchronized boolean recordFailure(Subscriber subscriber, int lockAt) {
        subscriber.failures++;
        if (subscriber.failures < lockAt) {
            return false;
        }
        subscriber.locked = true;
        sessions.values().removeIf((session) -> session.subscriber == subscriber);
        sendSms(subscriber, "Your Selfcare account was locked after wrong entries. If this was not you, call us.");
        return true;
    }

    /**
     * Changes the password when the current one is right and the new one has 12 characters or more, mixes
     * letters, digits and symbols, and is not the number.
     */
    private void changePassword(HttpExchange exchange, Session session) throws IOException {
        JsonNode body = body(exchange);
        if (!session.subscriber.password.equals(body.path("currentPassword").asString(""))) {
            error(exchange, 400, "The current password is not correct.", Map.of("code", "current_password_invalid"));
            return;
        }
        String proposed = body.path("newPassword").asString("");
        boolean mixed = proposed.chars().anyMatch(Character::isLetter) && proposed.chars().anyMatch(Character::isDigit)
                && !proposed.chars().allMatch(Character::isLetterOrDigit);
        if (proposed.length() < 12 || !mixed || proposed.replaceAll("[^0-9]", "").contains(key(NUMBER).substring(1))) {
            ok(exchange, 422, Map.of("violations", new Object[] { Map.of("rule", "complexity",
                    "message", "Use at least 12 characters with letters, digits and a symbol.") }));
            return;
        }
        session.subscriber.password = proposed;
        ok(exchange, 200, Map.of("status", 200));
    }

    private void firstSignIn(HttpExchange exchange, Session session, String path) throws IOException {
        JsonNode body = body(exchange);
        switch (path) {
            case "/api/v1/first-sign-in/code" -> {
                String code = sixDigits();
                session.pendingCodes.put("first-sign-in", code);
                sendSms(session.subscriber, "Your Selfcare code is " + code + ".");
                ok(exchange, 202, Map.of("expiresAt", "2026-12-04T12:05:00Z"));
            }
            case "/api/v1/first-sign-in/verify" -> {
                String expected = session.pendingCodes.get("first-sign-in");
                boolean byIdentity = "identity-data".equals(body.path("method").asString(""))
                        && !session.subscriber.identityDigits.isEmpty()
                        && session.subscriber.identityDigits.equals(body.path("identityDocumentDigits").asString(""))
                        && session.subscriber.contactEmail.equals(body.path("contactEmail").asString(""));
                if (byIdentity || (expected != null && expected.equals(body.path("code").asString("")))) {
                    session.identityVerified = true;
                    ok(exchange, 200, Map.of("next", "password"));
                }
                else if (recordFailure(session.subscriber, LOCK_AFTER)) {
                    error(exchange, 423, "Your account is locked.", Map.of("code", "account_locked"));
                }
                else {
                    error(exchange, 400, "The code is not correct or has expired.", Map.of("code", "proof_invalid"));
                }
            }
            case "/api/v1/first-sign-in/password" -> {
                if (!session.identityVerified && !flaws.contains(Flaw.NO_IDENTITY_CHECK)) {
                    error(exchange, 403, "Confirm your identity first.", Map.of("code", "identity_required"));
                    return;
                }
                String proposed = body.path("newPassword").asString("");
                if (!flaws.contains(Flaw.WEAK_FIRST_PASSWORD) && (proposed.length() < 12
                        || proposed.chars().allMatch(Character::isLetterOrDigit))) {
                    ok(exchange, 422, Map.of("violations", new Object[] { Map.of("rule", "length",
                            "message", "Use at least 12 characters with a symbol.") }));
                    return;
                }
                session.subscriber.password = proposed;
                session.subscriber.provisioned = false;
                ok(exchange, 200, Map.of("next", "done"));
            }
            default -> error(exchange, 404, "Not found.", Map.of());
        }
    }

    /**
     * Routes the operator API's subscriber paths: provisioning, top-ups and the risk level.
     */
    private void operatorSubscribers(HttpExchange exchange) throws IOException {
        current.remove();
        if (!("Bearer " + OPERATOR_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            error(exchange, 401, "A valid operator token is required.", Map.of());
            return;
        }
        String[] parts = exchange.getRequestURI().getPath().split("/");
        if (parts.length == 5) {
            provision(exchange);
            return;
        }
        Subscriber subscriber = (parts.length == 7) ? subscribers.get(key(parts[5].replace("+44", "0"))) : null;
        if (subscriber == null) {
            error(exchange, 404, "No such subscriber.", Map.of());
        }
        else if ("payments".equals(parts[6]) && "POST".equals(exchange.getRequestMethod())
                && !flaws.contains(Flaw.NO_OPERATOR_TOP_UPS)) {
            shop.credit(subscriber.e164, body(exchange).path("amountMinor").asLong(0));
            ok(exchange, 201, Map.of("duplicate", false));
        }
        else if ("risk".equals(parts[6])) {
            ContractMonitoring.Level level = monitoring.levelOf(subscriber.e164);
            Map<String, Object> risk = new LinkedHashMap<>();
            risk.put("level", level.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            risk.put("until", null);
            ok(exchange, 200, risk);
        }
        else {
            error(exchange, 404, "Not found.", Map.of());
        }
    }

    private void alerts(HttpExchange exchange) throws IOException {
        current.remove();
        if (!("Bearer " + OPERATOR_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            error(exchange, 401, "A valid operator token is required.", Map.of());
            return;
        }
        String query = java.net.URLDecoder.decode(String.valueOf(exchange.getRequestURI().getRawQuery()),
                StandardCharsets.UTF_8);
        java.util.regex.Matcher subscriber = java.util.regex.Pattern.compile("subscriber=([^&]+)").matcher(query);
        ok(exchange, 200, Map.of("alerts", monitoring.alerts(subscriber.find() ? subscriber.group(1) : null)));
    }

    private void provision(HttpExchange exchange) throws IOException {
        JsonNode body = body(exchange);
        String number = body.path("msisdn").asString("");
        if (!number.replaceAll("[^0-9]", "").matches("077009[0-9]{5}")) {
            error(exchange, 400, "The number is not valid.", Map.of());
            return;
        }
        if (subscribers.containsKey(key(number))) {
            error(exchange, 409, "The number exists.", Map.of());
            return;
        }
        String initial = "Ab1" + UUID.randomUUID().toString().substring(0, 9);
        Subscriber subscriber = new Subscriber(e164(number), initial, true);
        subscriber.servicePassword = String.format("%08d", random.nextInt(100_000_000));
        subscriber.identityDigits = body.path("identityDocumentDigits").asString("");
        subscriber.contactEmail = body.path("contactEmail").asString("");
        subscriber.zone = java.time.ZoneId.of(body.path("timeZone").asString("UTC"));
        subscribers.put(key(number), subscriber);
        shop.openAccount(subscriber.e164);
        sendSms(subscriber, "Welcome to Selfcare. Your initial password is " + initial + " and your service "
                + "password is " + subscriber.servicePassword + ". Change the password at your first sign-in.");
        ok(exchange, 201, Map.of("id", subscribers.size(), "msisdn", subscriber.e164, "status", "PROVISIONED"));
    }

    private void page(HttpExchange exchange, Session session) throws IOException {
        TestSite.respond(exchange, 200, Map.of("Content-Type", "text/html"), "<html><head><meta name=\"_csrf\" "
                + "content=\"" + session.csrf + "\"><meta name=\"_csrf_header\" content=\"X-CSRF-TOKEN\">"
                + pageScript() + "</head>"
                + "<body>" + exchange.getRequestURI().getPath() + "</body></html>");
    }

    private String pageScript() {
        if (flaws.contains(Flaw.NO_INTEGRITY_MODULE)) {
            return "";
        }
        String source = flaws.contains(Flaw.NESTED_INTEGRITY_MODULE) ? "/js/page.js" : "/js/integrity.js";
        return "<script type=\"module\" src=\"" + source + "\"></script>";
    }

    private void script(HttpExchange exchange, String path) throws IOException {
        String code = switch (path) {
            case "/js/page.js" -> "import { getJson } from './api.js';\ngetJson('/api/v1/me');\n";
            case "/js/api.js" -> "import { signedFetch } from './integrity.js';\nexport const getJson = signedFetch;\n";
            case "/js/integrity.js" -> "export async function signedFetch(url) { return fetch(url); }\n";
            default -> null;
        };
        if (code == null) {
            TestSite.respond(exchange, 404, Map.of("Content-Type", "text/plain"), "not found");
            return;
        }
        TestSite.respond(exchange, 200, Map.of("Content-Type", "text/javascript"), code);
    }

    private void shop(HttpExchange exchange, Session session, String path, boolean post) throws IOException {
        String owner = session.subscriber.e164;
        String[] parts = path.split("/");
        ContractShop.Reply reply;
        if ("/api/v1/catalogue".equals(path)) {
            reply = shop.catalogue();
        }
        else if ("/api/v1/orders".equals(path)) {
            reply = post ? shop.createOrder(owner, exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Idempotency-Key"), requestBytes(exchange))
                    : shop.orders(owner);
        }
        else if (parts.length == 5 && !post) {
            reply = shop.order(owner, parts[4]);
        }
        else if (parts.length == 6 && post && "payment".equals(parts[5])) {
            reply = shop.pay(owner, session.id, parts[4], body(exchange), uri());
        }
        else if (parts.length == 6 && post && "cancel".equals(parts[5])) {
            reply = shop.cancel(owner, parts[4]);
        }
        else {
            error(exchange, 404, "Not found.", Map.of());
            return;
        }
        reply(exchange, reply);
    }

    private void subscriptions(HttpExchange exchange, Session session, String path, boolean post) throws IOException {
        Subscriber subscriber = session.subscriber;
        ContractSubscriptions.Caller caller = new ContractSubscriptions.Caller(session.id, subscriber.e164,
                subscriber.servicePassword, subscriber.zone);
        String[] parts = path.split("/");
        ContractShop.Reply reply;
        if ("/api/v1/services".equals(path) && !post) {
            reply = subscriptions.services();
        }
        else if ("/api/v1/subscriptions".equals(path) && post) {
            reply = subscriptions.subscribe(caller, body(exchange));
        }
        else if (parts.length == 6 && post && "cancel".equals(parts[5])) {
            reply = subscriptions.cancel(caller, parts[4], body(exchange));
        }
        else {
            error(exchange, 404, "Not found.", Map.of());
            return;
        }
        reply(exchange, reply);
    }

    /**
     * Offers payment through the payment provider sandbox at {@code apiBase}, with its secret key and webhook
     * secret.
     */
    public void useProvider(java.net.URI apiBase, String secretKey, String webhookSecret) {
        shop.useProvider(new ContractProvider(apiBase, secretKey, webhookSecret));
    }

    /** Returns the number of orders of every subscriber, so a test can tell whether a second was made. */
    public long orderCount() {
        return shop.orderCount();
    }

    private void sendSmsTo(String e164, String text) {
        subscribers.values().stream().filter((subscriber) -> subscriber.e164.equals(e164)).findFirst()
                .ifPresent((subscriber) -> sendSms(subscriber, text));
    }

    private synchronized void sendSms(Subscriber subscriber, String text) {
        try {
            if (smpp == null) {
                smpp = new SMPPSession();
                smpp.setTransactionTimer(5_000);
                smpp.connectAndBind("127.0.0.1", smppPort, new BindParameter(BindType.BIND_TX, SMSC_SYSTEM_ID,
                        SMSC_PASSWORD, "", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null));
            }
            smpp.submitShortMessage("", TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, "Selfcare",
                    TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, subscriber.e164.substring(1),
                    new ESMClass(), (byte) 0, (byte) 1, null, null, new RegisteredDelivery(0), (byte) 0,
                    DataCodings.newInstance((byte) 1), (byte) 0, text.getBytes(StandardCharsets.US_ASCII));
        }
        catch (Exception ex) {
            throw new IllegalStateException("The stand-in portal could not send an SMS to the kit's SMSC", ex);
        }
    }

    private Session session(HttpExchange exchange) {
        String id = TestSite.cookie(exchange, "SESSION");
        return (id == null) ? null : sessions.get(id);
    }

    private JsonNode body(HttpExchange exchange) throws IOException {
        String text = new String(requestBytes(exchange), StandardCharsets.UTF_8);
        return text.isBlank() ? json.createObjectNode() : json.readTree(text);
    }

    /**
     * Reads the request body once; the signature check and the handler both need it.
     */
    private byte[] requestBytes(HttpExchange exchange) throws IOException {
        RequestState state = current.get();
        if (state.body == null) {
            state.body = exchange.getRequestBody().readAllBytes();
        }
        return state.body;
    }

    /**
     * Sends a JSON response, signed over status, the request's nonce and the body when the request was signed.
     */
    private void ok(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        ok(exchange, status, body, Map.of());
    }

    private void reply(HttpExchange exchange, ContractShop.Reply reply) throws IOException {
        ok(exchange, reply.status(), reply.body(), reply.headers());
    }

    private void ok(HttpExchange exchange, int status, Map<String, ?> body, Map<String, String> extraHeaders)
            throws IOException {
        String text = json.writeValueAsString(body);
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        headers.put("Content-Type", "application/json");
        String nonce = current.get().nonce;
        Session session = current.get().session;
        if (nonce != null && session != null && !flaws.contains(Flaw.UNSIGNED_RESPONSES)) {
            String signed = text;
            if (flaws.contains(Flaw.WRONG_BALANCE_SIGNATURE)
                    && "/api/v1/balance".equals(exchange.getRequestURI().getPath())) {
                signed = text.replace("1250", "9999");
            }
            String mac = ContractSignatures.responseMac(session.signing.key, status, nonce,
                    signed.getBytes(StandardCharsets.UTF_8));
            headers.put("X-Selfcare-Response-Signature", "v1;nonce=" + nonce + ";mac=" + mac);
        }
        TestSite.respond(exchange, status, headers, text);
    }

    private void error(HttpExchange exchange, int status, String message, Map<String, String> extra)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", message);
        body.put("errorId", UUID.randomUUID().toString());
        body.putAll(extra);
        ok(exchange, status, body);
    }

    private String sixDigits() {
        return String.format("%06d", random.nextInt(1_000_000));
    }

    private static String key(String number) {
        return number.replaceAll("[^0-9]", "");
    }

    private static String e164(String national) {
        return "+44" + key(national).substring(1);
    }
}
