package org.selfcare.purchase.order;

import java.time.Instant;
import java.util.Locale;
import java.util.stream.Collectors;

import org.selfcare.account.Accounts;
import org.selfcare.account.Amount;
import org.selfcare.account.Money;
import org.selfcare.account.PaymentChannel;
import org.selfcare.audit.SecurityEvent;
import org.selfcare.audit.SecurityEventType;
import org.selfcare.audit.SecurityLog;
import org.selfcare.identity.Subscriber;
import org.selfcare.identity.SubscriberDirectory;
import org.selfcare.notification.Message;
import org.selfcare.notification.Notifications;
import org.selfcare.purchase.OrderActivity;
import org.selfcare.purchase.catalogue.ItemKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Settlement of an order whose money is confirmed, by either payment method. The order becomes PAID, and
 * recharge cards credit their face value to the balance. An order of recharge cards only becomes FULFILLED. The
 * subscriber gets an SMS, and an e-mail when they gave an address, with the order number, items and amount.
 */
@Component
class OrderSettlement {

    private static final Logger logger = LoggerFactory.getLogger(OrderSettlement.class);

    private final OrderStore store;

    private final Accounts accounts;

    private final SubscriberDirectory subscribers;

    private final Notifications notifications;

    private final SecurityLog securityLog;

    private final OrderActivities activities;

    OrderSettlement(OrderStore store, Accounts accounts, SubscriberDirectory subscribers,
            Notifications notifications, SecurityLog securityLog, OrderActivities activities) {
        this.store = store;
        this.accounts = accounts;
        this.subscribers = subscribers;
        this.notifications = notifications;
        this.securityLog = securityLog;
        this.activities = activities;
    }

    /**
     * Settles a locked, unpaid order, in the caller's transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void paid(Order order, PaymentMethod method, String reference, Instant paidAt, String clientAddress) {
        store.markPaid(order.id(), method, reference, paidAt);
        creditRechargeCards(order, paidAt);
        if (order.onlyRechargeCards()) {
            store.setStatus(order.id(), OrderStatus.FULFILLED, paidAt);
        }
        notifySubscriber(order);
        activities.publish(order, OrderActivity.Kind.PAID, method, paidAt);
        securityLog.record(new SecurityEvent(SecurityEventType.ORDER_PAID, paidAt, order.subscriberId(), order.number(),
                clientAddress, "success", "Order " + order.number() + " paid by " + method + ", "
                        + Amount.of(order.total()).decimal() + " " + order.total().currency()));
        logger.info("Order paid number={} method={} totalMinor={}", order.number(), method,
                order.total().minorUnits());
    }

    /**
     * Credits the face value of the order's recharge cards as one voucher payment, whose reference makes a
     * second settlement of the same order a no-op.
     */
    private void creditRechargeCards(Order order, Instant paidAt) {
        long credit = order.lines()
                .stream()
                .filter((line) -> line.kind() == ItemKind.RECHARGE_CARD)
                .mapToLong((line) -> Math.multiplyExact(line.faceValue().minorUnits(), (long) line.quantity()))
                .reduce(0, Math::addExact);
        if (credit > 0) {
            accounts.recordPayment(order.subscriberId(), new Money(credit, order.total().currency()),
                    PaymentChannel.VOUCHER, "recharge:" + order.number(), paidAt);
        }
    }

    private void notifySubscriber(Order order) {
        Subscriber subscriber = subscribers.findById(order.subscriberId())
                .orElseThrow(() -> new IllegalStateException("Order " + order.number() + " has no subscriber"));
        Locale locale = LocaleContextHolder.getLocale();
        String items = order.lines()
                .stream()
                .map((line) -> line.quantity() + " x " + line.name())
                .collect(Collectors.joining(", "));
        String amount = Amount.text(order.total());
        notifications.sms(subscriber.msisdnE164(), locale,
                Message.of("notification.sms.order-paid", order.number(), items, amount));
        subscribers.contactEmail(order.subscriberId())
                .ifPresent((address) -> notifications.email(address, locale,
                        Message.of("notification.email.order-paid.subject", order.number()),
                        Message.of("notification.email.order-paid.body", subscriber.displayName(), order.number(),
                                items, amount)));
    }
}
