package org.selfcare.conformance.support;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.selfcare.conformance.support.ContractPortal.Flaw;

/**
 * The monitoring half of {@link ContractPortal}: it counts order and subscription events per subscriber and
 * per service, raises an alert when a pattern crosses its threshold, and reports the subscriber at risk (or
 * blocked) from then on. Alerts become visible a moment after the event that raised them, as detection after
 * commit does, so the kit must wait for them.
 */
final class ContractMonitoring {

    /** How long after the event an alert becomes visible. */
    static final Duration DETECTION_DELAY = Duration.ofMillis(300);

    /** Orders placed by one subscriber that make a surge; above the 5 of the pay-and-cancel pattern. */
    static final int SURGE_ORDERS = 6;

    static final int PAY_CANCEL_CYCLES = 3;

    static final int OPEN_ORDERS = 5;

    static final int NEW_SUBSCRIPTIONS = 3;

    static final int CHURN_CYCLES = 2;

    /** Subscriptions of one service that make an abnormal volume; the kit's tests send 4 subscribers. */
    static final int SERVICE_VOLUME = 4;

    enum Level { NORMAL, AT_RISK, BLOCKED }

    /** One alert; {@code subscriber} is null for a service-wide one. */
    record Alert(String detector, String subscriber, String service, Instant raisedAt) {

        boolean visible() {
            return !Instant.now().isBefore(raisedAt.plus(DETECTION_DELAY));
        }
    }

    private record Event(String subscriber, String kind, String reference, Instant at) {
    }

    private final Set<Flaw> flaws;

    private final List<Event> events = new CopyOnWriteArrayList<>();

    private final List<Alert> alerts = new CopyOnWriteArrayList<>();

    ContractMonitoring(Set<Flaw> flaws) {
        this.flaws = flaws;
    }

    /**
     * Records an order event: {@code PLACED}, {@code PAYMENT_REQUESTED}, {@code PAID} or {@code CANCELLED}.
     */
    synchronized void order(String subscriber, String number, String kind) {
        events.add(new Event(subscriber, kind, number, Instant.now()));
        if (flaws.contains(Flaw.NO_PURCHASE_MONITORING)) {
            return;
        }
        if (count(subscriber, "PLACED") >= SURGE_ORDERS) {
            raise("order-surge", subscriber, null);
        }
        long cycles = ofKind(subscriber, "CANCELLED").stream()
                .filter((cancelled) -> !ofKind(subscriber, "PAYMENT_REQUESTED").stream()
                        .filter((requested) -> requested.equals(cancelled)).toList().isEmpty())
                .count();
        if (cycles >= PAY_CANCEL_CYCLES && !flaws.contains(Flaw.MISSES_PAY_CANCEL_CYCLES)) {
            raise("pay-cancel-cycles", subscriber, null);
        }
        List<String> open = new ArrayList<>(ofKind(subscriber, "PLACED"));
        open.removeAll(ofKind(subscriber, "PAID"));
        open.removeAll(ofKind(subscriber, "CANCELLED"));
        if (open.size() >= OPEN_ORDERS) {
            raise("unpaid-orders", subscriber, null);
        }
    }

    /**
     * Records a subscription event: {@code SUBSCRIBED} or {@code UNSUBSCRIBED}.
     */
    synchronized void subscription(String subscriber, String service, String kind) {
        events.add(new Event(subscriber, kind, service, Instant.now()));
        if (flaws.contains(Flaw.NO_SUBSCRIPTION_MONITORING)) {
            return;
        }
        if (count(subscriber, "SUBSCRIBED") >= NEW_SUBSCRIPTIONS) {
            raise("subscription-surge", subscriber, service);
        }
        if (ofKind(subscriber, "UNSUBSCRIBED").stream().filter(service::equals).count() >= CHURN_CYCLES) {
            raise("subscription-churn", subscriber, service);
        }
        long volume = events.stream().filter((event) -> "SUBSCRIBED".equals(event.kind())
                && service.equals(event.reference())).count();
        if (volume >= SERVICE_VOLUME && !flaws.contains(Flaw.MISSES_SERVICE_VOLUME)) {
            raise("service-volume", null, service);
        }
    }

    /** Raises an order-surge alert for a subscriber, whatever its events. */
    void flag(String subscriber) {
        alerts.add(new Alert("order-surge", subscriber, null, Instant.now().minus(DETECTION_DELAY)));
    }

    /** Returns the subscriber's risk level, from the alerts visible now. */
    Level levelOf(String subscriber) {
        boolean flagged = alerts.stream().anyMatch((alert) -> subscriber.equals(alert.subscriber()) && alert.visible());
        if (!flagged) {
            return Level.NORMAL;
        }
        return flaws.contains(Flaw.BLOCKS_WHEN_ABNORMAL) ? Level.BLOCKED : Level.AT_RISK;
    }

    /** Returns the visible alerts as the operator API lists them, newest first, of one subscriber or of all. */
    List<Map<String, Object>> alerts(String subscriber) {
        List<Map<String, Object>> listed = new ArrayList<>();
        for (Alert alert : alerts) {
            if (!alert.visible() || (subscriber != null && !subscriber.equals(alert.subscriber()))) {
                continue;
            }
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("id", listed.size() + 1);
            view.put("detector", alert.detector());
            view.put("severity", flaws.contains(Flaw.BLOCKS_WHEN_ABNORMAL) ? "severe" : "warning");
            view.put("subscriber", alert.subscriber());
            view.put("service", alert.service());
            view.put("summary", alert.detector() + " noticed");
            view.put("raisedAt", alert.raisedAt().toString());
            view.put("resolvedAt", null);
            listed.add(0, view);
        }
        return listed;
    }

    private void raise(String detector, String subscriber, String service) {
        boolean open = alerts.stream().anyMatch((alert) -> alert.detector().equals(detector)
                && Objects.equals(alert.subscriber(), subscriber)
                && (subscriber != null || Objects.equals(alert.service(), service)));
        if (!open) {
            alerts.add(new Alert(detector, subscriber, service, Instant.now()));
        }
    }

    private long count(String subscriber, String kind) {
        return ofKind(subscriber, kind).size();
    }

    private List<String> ofKind(String subscriber, String kind) {
        return events.stream().filter((event) -> event.subscriber().equals(subscriber) && event.kind().equals(kind))
                .map(Event::reference).toList();
    }
}
