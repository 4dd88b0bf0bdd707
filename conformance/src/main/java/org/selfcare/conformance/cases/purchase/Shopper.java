package org.selfcare.conformance.cases.purchase;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;

import org.selfcare.conformance.cases.subscriber.StepUpRequired;
import org.selfcare.conformance.cases.subscriber.TestSubscriber;
import org.selfcare.conformance.cases.subscriber.TestSubscribers;
import org.selfcare.conformance.http.CsrfMeta;
import org.selfcare.conformance.http.JsonBody;
import org.selfcare.conformance.http.Money;
import org.selfcare.conformance.http.ProbeResponse;
import org.selfcare.conformance.http.ProbeSession;
import org.selfcare.conformance.model.CaseContext;
import org.selfcare.conformance.model.Findings;
import org.selfcare.conformance.profile.ProfileType;
import org.selfcare.conformance.profile.TargetProfile;
import org.selfcare.conformance.profile.TargetProfile.Account;

/**
 * A subscriber signed in and ready to buy the profile's {@code purchase.item}: a fresh one when the profile lets
 * the kit create subscribers, else the first test account. The session signs its API requests, the catalogue
 * lists the item with a price, and the target published the key to encrypt orders to. Every purchase case
 * starts here, and ends by cancelling the orders it left unpaid.
 */
final class Shopper {

    /** The page whose {@code _csrf} meta element the API requests carry. */
    static final String TOKEN_PAGE = "/";

    /** Items the operator API credits to a fresh subscriber, so the patterns of T-3-2 and T-3-3 can pay. */
    static final int CREDITED_ITEMS = 12;

    private final String number;

    private final Optional<TestSubscriber> fresh;

    private final PurchaseApi api;

    private final CatalogueItem item;

    private final JWKSet keys;

    private final RSAKey key;

    private final List<String> paymentMethods;

    private final List<String> unpaid = new ArrayList<>();

    private Shopper(String number, Optional<TestSubscriber> fresh, PurchaseApi api, CatalogueItem item,
            List<String> paymentMethods, JWKSet keys, RSAKey key) {
        this.number = number;
        this.fresh = fresh;
        this.api = api;
        this.item = item;
        this.paymentMethods = paymentMethods;
        this.keys = keys;
        this.key = key;
    }

    /**
     * Opens a shopper: a fresh subscriber credited through the operator API when the profile has the
     * {@code provisioning:} and {@code sms:} sections, so that no case buys on after another case's orders made
     * the deployment's monitoring flag the account. It is {@code accounts[0]} otherwise, and also when the fresh
     * subscriber could not be made ready, such as on a deployment whose operator API takes no top-ups.
     *
     * @throws NotReady with the reason the case cannot run, for an INCONCLUSIVE verdict
     */
    static Shopper open(CaseContext context) {
        checkProfile(context.profile());
        if (TestSubscribers.missingSections(context.profile()).isEmpty()) {
            try {
                return openFresh(context);
            }
            catch (NotReady ex) {
                context.evidence().note("the kit buys as the profile's first account, because it could not buy as "
                        + "a fresh subscriber: " + ex.getMessage());
            }
        }
        TargetProfile profile = context.profile();
        if (profile.accounts().isEmpty()) {
            throw new NotReady("the profile lists no account; add a test account under accounts");
        }
        Account account = profile.accounts().get(0);
        ProbeSession session = context.newSession();
        if (!context.signIn().attempt(session, account).succeeded()) {
            throw new NotReady("could not sign in with the profile's first account, " + account.username()
                    + "; check its password and that it is not locked");
        }
        Optional<Map<String, String>> csrf = CsrfMeta.header(session, TOKEN_PAGE);
        if (csrf.isEmpty()) {
            throw new NotReady("the page " + TOKEN_PAGE + " has no _csrf meta element, so the kit cannot send the "
                    + "purchase requests");
        }
        return ready(context, account.username(), Optional.empty(),
                new PurchaseApi(session, csrf.get(), context.clock()));
    }

    /**
     * Opens a shopper with a fresh subscriber, credited with the price of {@value #CREDITED_ITEMS} items. The
     * steps of its creation go to the evidence as notes.
     *
     * @throws NotReady when the profile cannot create fresh subscribers or the creation failed
     */
    static Shopper openFresh(CaseContext context) {
        checkProfile(context.profile());
        Findings setup = new Findings();
        Optional<TestSubscriber> fresh = TestSubscribers.open(context, setup);
        setup.lines().forEach(context.evidence()::note);
        if (fresh.isEmpty()) {
            throw new NotReady(setup.reason("the kit could not create a fresh subscriber"));
        }
        TestSubscriber subscriber = fresh.get();
        Shopper shopper = ready(context, subscriber.number(), fresh,
                new PurchaseApi(subscriber.session(), subscriber.csrf(), context.clock()));
        Findings credit = new Findings();
        boolean credited = TestSubscribers.credit(context, subscriber, shopper.item().price().times(CREDITED_ITEMS),
                credit);
        credit.lines().forEach(context.evidence()::note);
        if (!credited) {
            throw new NotReady(credit.reason("the operator API did not credit the fresh subscriber"));
        }
        return shopper;
    }

    private static void checkProfile(TargetProfile profile) {
        if (profile.type() != ProfileType.SELFCARE) {
            throw new NotReady("needs Selfcare's purchase API, which only selfcare profiles describe to the kit");
        }
        if (profile.purchase().isEmpty()) {
            throw new NotReady("the profile has no purchase: section; add purchase: {item: ...} with the id of a "
                    + "catalogue item the first account may buy, such as recharge-5");
        }
    }

    /**
     * Reads the encryption key and the catalogue with a signed-in session.
     */
    private static Shopper ready(CaseContext context, String number, Optional<TestSubscriber> fresh,
            PurchaseApi api) {
        ProbeResponse jwks = api.jwks();
        if (jwks.status() != 200) {
            throw new NotReady("GET " + PurchaseApi.JWKS_PATH + " returned " + describe(jwks) + ", so the kit has "
                    + "no key to encrypt orders to");
        }
        JWKSet keys;
        try {
            keys = OrderEncryption.parse(jwks.body());
        }
        catch (ParseException ex) {
            throw new NotReady("GET " + PurchaseApi.JWKS_PATH + " returned no JWK set (" + ex.getMessage() + ")");
        }
        RSAKey key = OrderEncryption.encryptionKey(keys).orElseThrow(() -> new NotReady("the JWK set at "
                + PurchaseApi.JWKS_PATH + " has no RSA key for encryption"));

        String itemId = context.profile().purchase().get().item();
        ProbeResponse catalogue = api.catalogue();
        if (catalogue.status() != 200) {
            throw new NotReady("GET " + PurchaseApi.CATALOGUE_PATH + " returned " + describe(catalogue));
        }
        CatalogueItem item = CatalogueItem.find(JsonBody.of(catalogue), itemId).orElseThrow(() -> new NotReady(
                "the catalogue lists no item " + itemId + " with a price; set purchase.item to an item id of GET "
                        + PurchaseApi.CATALOGUE_PATH));
        if (!item.inStock()) {
            throw new NotReady("the catalogue shows " + itemId + " out of stock; choose another purchase.item");
        }
        List<String> methods = new ArrayList<>();
        JsonBody.of(catalogue).path("paymentMethods").forEach((method) -> methods.add(method.asString("")));
        return new Shopper(number, fresh, api, item, List.copyOf(methods), keys, key);
    }

    /** Returns the number of the subscriber who buys, in the profile's form. */
    String number() {
        return number;
    }

    /** Returns the fresh subscriber who buys, or empty when the shopper is {@code accounts[0]}. */
    Optional<TestSubscriber> fresh() {
        return fresh;
    }

    PurchaseApi api() {
        return api;
    }

    CatalogueItem item() {
        return item;
    }

    /** Returns the payment methods the catalogue offers, such as {@code STORE_CREDIT} and {@code PROVIDER}. */
    List<String> paymentMethods() {
        return paymentMethods;
    }

    JWKSet keys() {
        return keys;
    }

    RSAKey key() {
        return key;
    }

    /**
     * Returns the plaintext of an order of {@code quantity} of the item, with {@code lineExtras} members in the line
     * and {@code expectedTotal} when given.
     */
    String orderJson(int quantity, Map<String, Object> lineExtras, Optional<Money> expectedTotal) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("itemId", item.id());
        line.put("quantity", quantity);
        line.putAll(lineExtras);
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("items", List.of(line));
        expectedTotal.ifPresent((total) -> order.put("expectedTotal", total.json()));
        return JsonBody.write(order);
    }

    /** Returns the plaintext of a normal order of one item. */
    String orderJson() {
        return orderJson(1, Map.of(), Optional.empty());
    }

    /**
     * Encrypts a plaintext order as the contract requires and sends it.
     */
    ProbeResponse placeEncrypted(String plaintext) {
        return keep(api.createOrder(OrderEncryption.encrypt(plaintext, key), PurchaseApi.JOSE));
    }

    /**
     * Remembers the order a response created, so that {@link #cancelUnpaid} cancels it, and returns the
     * response.
     */
    ProbeResponse keep(ProbeResponse response) {
        if (isSuccess(response)) {
            PlacedOrder.read(response).map(PlacedOrder::number).filter((number) -> !unpaid.contains(number))
                    .ifPresent(unpaid::add);
        }
        return response;
    }

    /** Marks an order as paid, so it is not cancelled at the end. */
    void paid(String number) {
        unpaid.remove(number);
    }

    /** Marks an order the case cancelled itself, so it is not cancelled again at the end. */
    void cancelled(String number) {
        unpaid.remove(number);
    }

    /**
     * Cancels every order the case created and did not pay, so test accounts do not collect open orders, and
     * notes the ones the target would not cancel.
     */
    void cancelUnpaid(Findings findings) {
        for (String number : unpaid) {
            ProbeResponse response = api.cancel(number);
            if (!isSuccess(response)) {
                findings.note("the kit could not cancel its order " + number + " (" + describe(response)
                        + "); it expires unpaid");
            }
        }
        unpaid.clear();
    }

    /**
     * Checks that the target refused a request: a 4xx status. An order it created anyway is a failure, and so
     * is a server error, which shows the request reached code that did not expect it.
     */
    void checkRefused(String what, ProbeResponse response, Findings findings) {
        keep(response);
        if (!response.answered()) {
            findings.inconclusive("the target did not answer " + what + " (" + describe(response) + ")");
        }
        else if (response.status() >= 400 && response.status() < 500) {
            findings.pass("the target refused " + what + " with " + describe(response));
        }
        else if (isSuccess(response)) {
            findings.fail("the target accepted " + what + " (" + describe(response) + ")");
        }
        else {
            findings.fail("the target answered " + what + " with " + describe(response)
                    .toLowerCase(Locale.ROOT) + " instead of refusing it as a client error");
        }
    }

    /**
     * Explains a payment the target refused with a demand for a second authentication or a block: the
     * deployment's monitoring flagged the buyer, which the purchase cases other than T-3-2 and T-3-3 do not
     * set out to test. Returns empty for any other response.
     */
    Optional<String> flagged(String what, ProbeResponse payment) {
        if (StepUpRequired.read(payment).isEmpty() && !StepUpRequired.isBlocked(payment)) {
            return Optional.empty();
        }
        String advice = fresh.isPresent()
                ? "the deployment asks this even of a fresh subscriber, so the kit cannot pay without its code"
                : "give the profile provisioning: and sms: sections, so each purchase case buys as a fresh "
                        + "subscriber, or have the operator resolve the alert on " + number;
        return Optional.of(what + " returned " + describe(payment) + ": the deployment's monitoring flagged "
                + number + " as abnormal, probably after earlier orders of the kit's runs; " + advice);
    }

    static boolean isSuccess(ProbeResponse response) {
        return response.status() >= 200 && response.status() < 300;
    }

    /**
     * Returns the status and, when the body has one, the error code, such as {@code 400 transaction_unreadable}.
     */
    static String describe(ProbeResponse response) {
        if (!response.answered()) {
            return "no response (" + response.error().orElse("unknown error") + ")";
        }
        String code = JsonBody.text(response, "code");
        return "status " + response.status() + (code.isEmpty() ? "" : " " + code);
    }

    /**
     * Thrown when a precondition of the purchase cases is missing; its message is the INCONCLUSIVE reason.
     */
    static final class NotReady extends RuntimeException {

        NotReady(String reason) {
            super(reason);
        }
    }
}
