package org.selfcare.purchase.order;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.selfcare.account.Amount;
import org.selfcare.identity.SubscriberPrincipal;
import org.selfcare.integrity.TransactionDecryption;
import org.selfcare.stepup.BoundOperation;
import org.selfcare.stepup.Confirmation;
import org.selfcare.stepup.OperationConfirmation;
import org.selfcare.stepup.ProofMethod;
import org.selfcare.stepup.Purpose;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The orders API. An order arrives as a compact JWE ({@code application/jose}) encrypted to the portal's key,
 * and only item ids and quantities in it count. Placing an order and paying one take an {@code Idempotency-Key}:
 * a repeat returns the first response with {@code Idempotent-Replayed: true}. Every query takes the subscriber
 * from the signed-in principal, so an order number never opens another subscriber's order. A payment goes through
 * {@link OperationConfirmation} first, bound to the order and its total, whatever the method.
 */
@RestController
@Validated
@RequestMapping(path = "/api/v1/orders", produces = "application/json")
class OrderApiController {

    static final int PAGE_SIZE = 50;

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    static final String REPLAYED = "Idempotent-Replayed";

    private static final MediaType JOSE = MediaType.parseMediaType("application/jose");

    private static final Pattern NUMBER = Pattern.compile("SC-[0-9A-Z]{8}");

    /** Longer than any code or service password, short enough to bound the work of a wrong one. */
    private static final int MAX_SECRET_LENGTH = 256;

    private final Orders orders;

    private final OrderRequestReader reader;

    private final TransactionDecryption decryption;

    private final IdempotentRequests idempotent;

    private final ObjectMapper json;

    private final OperationConfirmation confirmation;

    private final MessageSource messages;

    OrderApiController(Orders orders, OrderRequestReader reader, TransactionDecryption decryption,
            IdempotentRequests idempotent, ObjectMapper json, OperationConfirmation confirmation,
            MessageSource messages) {
        this.orders = orders;
        this.reader = reader;
        this.decryption = decryption;
        this.idempotent = idempotent;
        this.json = json;
        this.confirmation = confirmation;
        this.messages = messages;
    }

    @PostMapping
    ResponseEntity<String> place(@AuthenticationPrincipal SubscriberPrincipal principal,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key,
            @RequestBody(required = false) byte[] body, HttpServletRequest request) {
        if (!isJose(contentType)) {
            throw new OrderRefusedException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "encryption_required",
                    "encryption-required");
        }
        String checkedKey = IdempotentRequests.checked(key);
        byte[] plaintext = decryption.decrypt(body == null ? "" : new String(body, StandardCharsets.US_ASCII));
        OrderRequest order = reader.read(plaintext);

        long subscriberId = principal.subscriberId();
        return answer(idempotent.run(subscriberId, IdempotentRequests.Scope.ORDER, checkedKey, plaintext, () -> {
            Orders.Placed placed = orders.place(subscriberId, order, request.getRemoteAddr());
            return stored(HttpStatus.CREATED, Map.of("order", OrderView.of(placed.order()), "totalRecalculated",
                    placed.totalRecalculated()));
        }));
    }

    @GetMapping
    ResponseEntity<Page> list(@AuthenticationPrincipal SubscriberPrincipal principal,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "" + PAGE_SIZE) @Min(1) @Max(PAGE_SIZE) int limit) {
        Orders.OrderPage page = orders.page(principal.subscriberId(), cursor, limit);
        return privately(new Page(page.orders().stream().map(OrderView::of).toList(), page.nextCursor()));
    }

    @GetMapping("/{number}")
    ResponseEntity<Map<String, Object>> detail(@AuthenticationPrincipal SubscriberPrincipal principal,
            @PathVariable String number) {
        Order order = orders.find(principal.subscriberId(), checkedNumber(number)).orElseThrow(Orders::notFound);
        return privately(Map.of("order", OrderView.of(order)));
    }

    @PostMapping("/{number}/payment")
    ResponseEntity<String> pay(@AuthenticationPrincipal SubscriberPrincipal principal, @PathVariable String number,
            @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String key,
            @RequestBody(required = false) byte[] body, HttpServletRequest request) {
        String checkedNumber = checkedNumber(number);
        String checkedKey = IdempotentRequests.checked(key);
        PaymentRequest payment = paymentRequest(body);
        PaymentMethod method = payment.method();

        long subscriberId = principal.subscriberId();
        byte[] content = IdempotentRequests.concat(checkedNumber, method.name().getBytes(StandardCharsets.US_ASCII));
        Optional<IdempotentRequests.Response> completed = idempotent.completed(subscriberId,
                IdempotentRequests.Scope.PAYMENT, checkedKey, content);
        if (completed.isPresent()) {
            return answer(completed.get());
        }

        // Outside the idempotent transaction, so that a wrong code counts toward the lockout even though the
        // payment is refused, and a used code stays used.
        Order payable = orders.findPayable(subscriberId, checkedNumber);
        confirmation.authorize(principal, request, boundOperation(payable), payment.confirmation());

        return answer(idempotent.run(subscriberId, IdempotentRequests.Scope.PAYMENT, checkedKey, content, () -> {
            if (method == PaymentMethod.STORE_CREDIT) {
                Order paid = orders.payWithCredit(subscriberId, checkedNumber, request.getRemoteAddr());
                return stored(HttpStatus.OK, Map.of("order", OrderView.of(paid)));
            }
            // The provider's page sends the browser back through a page that needs no session cookie; see
            // ShopPageController.
            String returnUrl = ServletUriComponentsBuilder.fromCurrentContextPath()
                    .path("/orders/{number}/return")
                    .buildAndExpand(checkedNumber)
                    .toUriString();
            Orders.ProviderStarted started = orders.payWithProvider(subscriberId, checkedNumber, returnUrl);
            return stored(HttpStatus.OK, Map.of("order", OrderView.of(started.order()), "redirectUrl",
                    started.redirectUrl()));
        }));
    }

    @PostMapping("/{number}/cancel")
    ResponseEntity<Map<String, Object>> cancel(@AuthenticationPrincipal SubscriberPrincipal principal,
            @PathVariable String number) {
        Order cancelled = orders.cancel(principal.subscriberId(), checkedNumber(number));
        return privately(Map.of("order", OrderView.of(cancelled)));
    }

    private static boolean isJose(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            return JOSE.equalsTypeAndSubtype(MediaType.parseMediaType(contentType));
        }
        catch (InvalidMediaTypeException ex) {
            return false;
        }
    }

    /**
     * Reads {@code {"method": "STORE_CREDIT" | "PROVIDER", "confirmation": {"method": ..., "secret": ...}}}, whose
     * confirmation is optional.
     */
    private PaymentRequest paymentRequest(byte[] body) {
        try {
            JsonNode root = body == null ? null : json.readTree(body);
            JsonNode method = root == null ? null : root.get("method");
            if (method != null && method.isString()) {
                return new PaymentRequest(PaymentMethod.valueOf(method.stringValue()),
                        confirmation(root.get("confirmation")));
            }
        }
        catch (JacksonException | IllegalArgumentException ex) {
            // Handled below like a missing method.
        }
        throw OrderRefusedException.badRequest("invalid_payment", "invalid-payment");
    }

    /**
     * Reads the optional confirmation member.
     *
     * @throws IllegalArgumentException when it is present but not an object with a known method and a secret
     */
    private static Confirmation confirmation(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        JsonNode method = node.get("method");
        JsonNode secret = node.get("secret");
        if (!node.isObject() || method == null || !method.isString() || secret == null || !secret.isString()
                || secret.stringValue().isEmpty() || secret.stringValue().length() > MAX_SECRET_LENGTH) {
            throw new IllegalArgumentException("Invalid confirmation");
        }
        ProofMethod proof = ProofMethod.fromPathName(method.stringValue())
                .orElseThrow(() -> new IllegalArgumentException("Unknown confirmation method"));
        return new Confirmation(proof, secret.stringValue());
    }

    private BoundOperation boundOperation(Order order) {
        String total = Amount.of(order.total()).decimal() + " " + order.total().currency().getCurrencyCode();
        String description = messages.getMessage("order.payment.confirmation", new Object[] { total, order.number() },
                LocaleContextHolder.getLocale());
        return new BoundOperation(Purpose.PAYMENT, "order:" + order.number(), order.total(), description);
    }

    /** A payment request: the method, and the confirmation the client sent with it, or {@code null}. */
    private record PaymentRequest(PaymentMethod method, Confirmation confirmation) {
    }

    private static String checkedNumber(String number) {
        if (!NUMBER.matcher(number).matches()) {
            throw Orders.notFound();
        }
        return number;
    }

    private IdempotentRequests.Response stored(HttpStatus status, Object body) {
        return new IdempotentRequests.Response(status.value(), json.writeValueAsString(body), false);
    }

    private static ResponseEntity<String> answer(IdempotentRequests.Response response) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(response.status())
                .contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.noStore());
        if (response.replayed()) {
            builder.header(REPLAYED, "true");
        }
        return builder.body(response.body());
    }

    private static <T> ResponseEntity<T> privately(T body) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }

    record Page(List<OrderView> items, String nextCursor) {
    }
}
