package org.selfcare.purchase.order;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.selfcare.account.Accounts;
import org.selfcare.account.InsufficientCreditException;
import org.selfcare.account.Money;
import org.selfcare.audit.SecurityEvent;
import org.selfcare.audit.SecurityEventType;
import org.selfcare.audit.SecurityLog;
import org.selfcare.platform.KeysetCursor;
import org.selfcare.purchase.IdentityDocuments;
import org.selfcare.purchase.OrderActivity;
import org.selfcare.purchase.PayableOrder;
import org.selfcare.purchase.PaymentProvider;
import org.selfcare.purchase.ProviderCheckout;
import org.selfcare.purchase.catalogue.Catalogue;
import org.selfcare.purchase.catalogue.CatalogueItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Places, pays, cancels and expires orders. Prices come from the catalogue only; the amounts a client sends are
 * compared with the server's and otherwise ignored. Every change of one order runs under a row lock of the
 * order, so a payment, a cancellation and the expiry job cannot overtake each other.
 */
@Service
public class Orders {

    static final int EXPIRY_BATCH = 100;

    private static final Logger logger = LoggerFactory.getLogger(Orders.class);

    /** Digits and capitals without I, L, O and U, so a number read aloud or typed back is not mistaken. */
    private static final char[] NUMBER_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private final SecureRandom random = new SecureRandom();

    private final OrderStore store;

    private final Catalogue catalogue;

    private final Accounts accounts;

    private final OrderSettlement settlement;

    private final ProviderCancellations cancellations;

    private final ObjectProvider<IdentityDocuments> documents;

    private final ObjectProvider<PaymentProvider> providers;

    private final SecurityLog securityLog;

    private final OrderActivities activities;

    private final PurchaseProperties properties;

    private final Clock clock;

    Orders(OrderStore store, Catalogue catalogue, Accounts accounts, OrderSettlement settlement,
            ProviderCancellations cancellations, ObjectProvider<IdentityDocuments> documents,
            ObjectProvider<PaymentProvider> providers, SecurityLog securityLog, OrderActivities activities,
            PurchaseProperties properties, Clock clock) {
        this.store = store;
        this.catalogue = catalogue;
        this.accounts = accounts;
        this.settlement = settlement;
        this.cancellations = cancellations;
        this.documents = documents;
        this.providers = providers;
        this.securityLog = securityLog;
        this.activities = activities;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * An order just placed, and whether the client's own figures differed from the server's.
     */
    record Placed(Order order, boolean totalRecalculated) {
    }

    /**
     * Prices the request from the catalogue, takes the stock and stores the order as CREATED.
     *
     * @param clientAddress for the security event when the client's amounts differ
     * @throws OrderRefusedException when an item is unknown, inactive or out of stock, or something the items
     *         need is missing
     */
    @Transactional
    Placed place(long subscriberId, OrderRequest request, String clientAddress) {
        Map<String, CatalogueItem> items = catalogue.find(request.lines().stream().map(OrderRequest.Line::itemId)
                .toList());
        List<OrderLine> lines = new ArrayList<>();
        for (OrderRequest.Line requested : request.lines()) {
            CatalogueItem item = items.get(requested.itemId());
            if (item == null) {
                throw OrderRefusedException.badRequest("unknown_item", "unknown-item", requested.itemId());
            }
            if (!item.active()) {
                throw OrderRefusedException.badRequest("unknown_item", "inactive-item", item.name());
            }
            lines.add(new OrderLine(item.id(), item.name(), item.kind(), requested.quantity(), item.price(),
                    item.faceValue()));
        }
        Money total = total(lines);
        checkNeeds(subscriberId, request, lines);
        takeStock(lines, items);

        Instant now = clock.instant();
        Instant expiresAt = now.plus(properties.orderLifetime());
        long orderId = insert(subscriberId, total, lines, request, now, expiresAt);
        if (request.identityDocument() != null) {
            documents.getObject().attach(request.identityDocument(), subscriberId, orderId);
        }
        Order order = store.lock(orderId).orElseThrow();
        activities.publish(order, OrderActivity.Kind.PLACED, null, now);

        boolean differs = clientFiguresDiffer(request, order);
        if (differs) {
            securityLog.record(new SecurityEvent(SecurityEventType.ORDER_TAMPERING, now, subscriberId, order.number(),
                    clientAddress, "recalculated", "The client's prices or total differed from the catalogue's; "
                            + "order " + order.number() + " was priced from the catalogue."));
        }
        logger.info("Order placed number={} subscriberId={} totalMinor={} lines={} recalculated={}", order.number(),
                subscriberId, total.minorUnits(), lines.size(), differs);
        return new Placed(order, differs);
    }

    public Optional<Order> find(long subscriberId, String number) {
        return store.find(subscriberId, number);
    }

    /**
     * Returns one page of the subscriber's orders, newest first.
     *
     * @return the orders and the cursor of the next page, or {@code null} on the last one
     */
    OrderPage page(long subscriberId, String cursor, int limit) {
        List<Order> rows = store.page(subscriberId, KeysetCursor.parse(cursor), limit + 1);
        if (rows.size() <= limit) {
            return new OrderPage(rows, null);
        }
        List<Order> page = rows.subList(0, limit);
        Order last = page.get(limit - 1);
        return new OrderPage(page, new KeysetCursor(last.createdAt(), last.id()).encode());
    }

    record OrderPage(List<Order> orders, String nextCursor) {
    }

    /**
     * Pays a CREATED order from the balance and settles it.
     *
     * @throws OrderRefusedException {@code insufficient_credit} (nothing changed) or {@code order_not_payable}
     */
    @Transactional
    Order payWithCredit(long subscriberId, String number, String clientAddress) {
        Order order = lockPayable(subscriberId, number);
        if (order.status() != OrderStatus.CREATED) {
            throw OrderRefusedException.conflict("order_not_payable", "provider-started");
        }
        String reference = "order:" + order.number();
        Instant now = clock.instant();
        activities.publish(order, OrderActivity.Kind.PAYMENT_REQUESTED, PaymentMethod.STORE_CREDIT, now);
        try {
            accounts.payFromCredit(subscriberId, order.total(), reference, "Order " + order.number(), now);
        }
        catch (InsufficientCreditException ex) {
            throw OrderRefusedException.conflict("insufficient_credit", "insufficient-credit");
        }
        settlement.paid(order, PaymentMethod.STORE_CREDIT, reference, now, clientAddress);
        return store.lock(order.id()).orElseThrow();
    }

    /**
     * Starts the provider's payment of an unpaid order, or returns the one started before.
     *
     * @throws OrderRefusedException {@code method_not_offered} without a provider, {@code order_not_payable}
     */
    @Transactional
    ProviderStarted payWithProvider(long subscriberId, String number, String returnUrl) {
        PaymentProvider provider = providers.getIfAvailable();
        if (provider == null) {
            throw OrderRefusedException.conflict("method_not_offered", "method-not-offered");
        }
        Order order = lockPayable(subscriberId, number);
        ProviderCheckout checkout = provider.checkout(
                new PayableOrder(order.id(), order.number(), subscriberId, order.total()), returnUrl);
        store.providerPaymentStarted(order.id(), checkout.paymentReference());
        activities.publish(order, OrderActivity.Kind.PAYMENT_REQUESTED, PaymentMethod.PROVIDER, clock.instant());
        logger.info("Provider payment started number={} reference={}", order.number(), checkout.paymentReference());
        return new ProviderStarted(store.lock(order.id()).orElseThrow(), checkout.redirectUrl());
    }

    record ProviderStarted(Order order, String redirectUrl) {
    }

    /**
     * Cancels an unpaid order, gives its stock back, and cancels a provider payment that was started.
     *
     * @throws OrderRefusedException {@code order_not_cancellable} once it is paid or ended
     */
    @Transactional
    Order cancel(long subscriberId, String number) {
        Order order = store.lock(subscriberId, number).orElseThrow(Orders::notFound);
        if (!order.status().unpaid()) {
            throw OrderRefusedException.conflict("order_not_cancellable", "not-cancellable");
        }
        end(order, OrderStatus.CANCELLED);
        logger.info("Order cancelled number={}", order.number());
        return store.lock(order.id()).orElseThrow();
    }

    /**
     * Expires unpaid orders whose lifetime ended, in batches, and gives their stock back.
     *
     * @return how many orders expired in this batch
     */
    @Transactional
    public int expireDue() {
        List<Order> due = store.lockExpired(clock.instant(), EXPIRY_BATCH);
        due.forEach((order) -> end(order, OrderStatus.EXPIRED));
        if (!due.isEmpty()) {
            logger.info("Expired {} unpaid orders", due.size());
        }
        return due.size();
    }

    private void end(Order order, OrderStatus status) {
        Instant now = clock.instant();
        store.setStatus(order.id(), status, now);
        activities.publish(order, status == OrderStatus.CANCELLED ? OrderActivity.Kind.CANCELLED
                : OrderActivity.Kind.EXPIRED, order.paymentMethod(), now);
        order.lines().forEach((line) -> catalogue.giveBack(line.itemId(), line.quantity()));
        if (order.status() == OrderStatus.AWAITING_PAYMENT) {
            cancellations.afterCommit(order.id());
        }
    }

    /**
     * Returns an order that could be paid now, without locking it, so a payment can be confirmed before it is made.
     *
     * @throws OrderRefusedException {@code order_not_found}, or {@code order_not_payable} once it is paid, ended
     *         or expired
     */
    Order findPayable(long subscriberId, String number) {
        return checkedPayable(store.find(subscriberId, number).orElseThrow(Orders::notFound));
    }

    private Order lockPayable(long subscriberId, String number) {
        return checkedPayable(store.lock(subscriberId, number).orElseThrow(Orders::notFound));
    }

    private Order checkedPayable(Order order) {
        if (!order.status().unpaid()) {
            throw OrderRefusedException.conflict("order_not_payable", "not-payable", order.status());
        }
        if (!order.expiresAt().isAfter(clock.instant())) {
            throw OrderRefusedException.conflict("order_not_payable", "expired");
        }
        return order;
    }

    static OrderRefusedException notFound() {
        return new OrderRefusedException(org.springframework.http.HttpStatus.NOT_FOUND, "order_not_found",
                "not-found");
    }

    private static Money total(List<OrderLine> lines) {
        Currency currency = lines.get(0).unitPrice().currency();
        long sum = 0;
        for (OrderLine line : lines) {
            if (!line.unitPrice().currency().equals(currency)) {
                throw OrderRefusedException.badRequest("invalid_order", "invalid-order.currencies");
            }
            try {
                sum = Math.addExact(sum, line.total().minorUnits());
            }
            catch (ArithmeticException ex) {
                throw OrderRefusedException.badRequest("invalid_quantity", "total-too-large");
            }
        }
        return new Money(sum, currency);
    }

    private void checkNeeds(long subscriberId, OrderRequest request, List<OrderLine> lines) {
        boolean needsDocument = lines.stream().anyMatch((line) -> line.kind().needsIdentityDocument());
        boolean needsAddress = lines.stream().anyMatch((line) -> line.kind().needsDeliveryAddress());
        if (needsDocument) {
            IdentityDocuments available = documents.getIfAvailable();
            if (request.identityDocument() == null || available == null
                    || !available.isUsableBy(subscriberId, request.identityDocument())) {
                throw OrderRefusedException.badRequest("identity_document_required", "identity-document-required");
            }
        }
        else if (request.identityDocument() != null) {
            throw OrderRefusedException.badRequest("invalid_order", "invalid-order.document-not-needed");
        }
        if (needsAddress && request.deliveryAddress() == null) {
            throw OrderRefusedException.badRequest("delivery_address_required", "delivery-address-required");
        }
    }

    /**
     * Takes the stock of every line in item id order, so two orders lock their rows in one order and cannot
     * deadlock.
     */
    private void takeStock(List<OrderLine> lines, Map<String, CatalogueItem> items) {
        List<OrderLine> sorted = new ArrayList<>(lines);
        sorted.sort(Comparator.comparing(OrderLine::itemId));
        for (OrderLine line : sorted) {
            if (!catalogue.take(line.itemId(), line.quantity())) {
                throw OrderRefusedException.conflict("out_of_stock", "out-of-stock", items.get(line.itemId()).name());
            }
        }
    }

    private long insert(long subscriberId, Money total, List<OrderLine> lines, OrderRequest request, Instant now,
            Instant expiresAt) {
        // 32^8 numbers: a clash is rare, and the unique index turns it into another try.
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<Long> id = store.insert(newNumber(), subscriberId, total, lines, request.identityDocument(),
                    request.deliveryAddress(), now, expiresAt);
            if (id.isPresent()) {
                return id.get();
            }
        }
        throw new IllegalStateException("Five order numbers in a row were taken");
    }

    private String newNumber() {
        char[] number = new char[8];
        for (int i = 0; i < number.length; i++) {
            number[i] = NUMBER_ALPHABET[random.nextInt(NUMBER_ALPHABET.length)];
        }
        return "SC-" + new String(number);
    }

    private static boolean clientFiguresDiffer(OrderRequest request, Order order) {
        if (request.expectedTotal() != null && !request.expectedTotal().agreesWith(order.total())) {
            return true;
        }
        for (int i = 0; i < request.lines().size(); i++) {
            OrderRequest.Line requested = request.lines().get(i);
            OrderLine priced = order.lines().get(i);
            for (OrderRequest.ClientAmount claimed : requested.claimedPrices()) {
                if (!claimed.agreesWith(priced.unitPrice()) && !claimed.agreesWith(priced.total())) {
                    return true;
                }
            }
        }
        return false;
    }
}
