package org.selfcare.conformance.support;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

import org.selfcare.conformance.support.ContractConfirmations.Operation;
import org.selfcare.conformance.support.ContractPortal.Flaw;
import org.selfcare.conformance.support.ContractShop.Reply;
import tools.jackson.databind.JsonNode;

/**
 * The value-added services half of {@link ContractPortal}, written to the contract: the services offered,
 * subscribing and cancelling with a confirmation bound to the change, the fee taken from the balance, and the
 * SMS notice with the service, fee, effective and expiry times. Flaws skip a confirmation or leave out part of
 * the notice.
 */
final class ContractSubscriptions {

    private static final DateTimeFormatter NOTICE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** A service: {@code endsAtOnce} for an immediate cancellation, else it runs to the end of its period. */
    record Service(String code, String name, String content, long fee, String period, boolean endsAtOnce) {

        Duration length() {
            return switch (period) {
                case "day" -> Duration.ofDays(1);
                case "week" -> Duration.ofDays(7);
                default -> Duration.ofDays(30);
            };
        }
    }

    static final List<Service> SERVICES = List.of(
            new Service("news-daily", "Daily news", "Headlines every morning", 200, "day", true),
            new Service("football-alerts", "Football alerts", "Goals as they happen", 300, "month", true),
            new Service("horoscope-weekly", "Weekly horoscope", "Your stars every Monday", 150, "week", false),
            new Service("weather-daily", "Daily weather", "The forecast at seven", 100, "day", true));

    /** The subscriber a request comes from, as the portal's session identifies it. */
    record Caller(String session, String e164, String servicePassword, ZoneId zone) {
    }

    private record Running(Service service, Instant effectiveAt, Instant expiresAt, boolean cancelled) {
    }

    private final Set<Flaw> flaws;

    private final ContractShop shop;

    private final ContractConfirmations confirmations;

    private final ContractMonitoring monitoring;

    private final BiConsumer<String, String> sms;

    private final Map<String, Map<String, Running>> running = new ConcurrentHashMap<>();

    ContractSubscriptions(Set<Flaw> flaws, ContractShop shop, ContractConfirmations confirmations,
            ContractMonitoring monitoring, BiConsumer<String, String> sms) {
        this.flaws = flaws;
        this.shop = shop;
        this.confirmations = confirmations;
        this.monitoring = monitoring;
        this.sms = sms;
    }

    Reply services() {
        return new Reply(200, Map.of("services", SERVICES.stream().map(ContractSubscriptions::view).toList()));
    }

    synchronized Reply subscribe(Caller caller, JsonNode body) {
        Optional<Service> found = find(body.path("service").asString(""));
        if (found.isEmpty()) {
            return ContractConfirmations.error(404, "No such service.", "unknown_service", Map.of());
        }
        Service service = found.get();
        Map<String, Running> mine = running.computeIfAbsent(caller.e164(), (key) -> new ConcurrentHashMap<>());
        if (mine.containsKey(service.code())) {
            return ContractConfirmations.error(409, "You already subscribe to it.", "already_subscribed", Map.of());
        }
        if (shop.balance(caller.e164()) < service.fee()) {
            return ContractConfirmations.error(409, "Your balance does not cover it.", "insufficient_credit", Map.of());
        }
        if (!flaws.contains(Flaw.SUBSCRIBES_WITHOUT_CONFIRMATION)) {
            Operation operation = new Operation("subscription", "subscribe:" + service.code(), service.fee(),
                    "subscribe to " + service.name() + " for " + decimal(service.fee()) + " GBP a " + service.period());
            Reply refused = confirmations.authorize(caller.session(), caller.e164(), caller.servicePassword(),
                    operation, body.path("confirmation"));
            if (refused != null) {
                return refused;
            }
        }
        shop.debit(caller.e164(), service.fee());
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Running subscription = new Running(service, now, now.plus(service.length()), false);
        mine.put(service.code(), subscription);
        monitoring.subscription(caller.e164(), service.code(), "SUBSCRIBED");
        sms.accept(caller.e164(), notice(subscription, caller.zone()));
        return new Reply(201, Map.of("subscription", view(subscription)));
    }

    synchronized Reply cancel(Caller caller, String code, JsonNode body) {
        Map<String, Running> mine = running.getOrDefault(caller.e164(), Map.of());
        Running subscription = mine.get(code);
        if (subscription == null || subscription.cancelled()) {
            return ContractConfirmations.error(404, "You do not subscribe to it.", "not_subscribed", Map.of());
        }
        Service service = subscription.service();
        if (!flaws.contains(Flaw.UNSUBSCRIBES_WITHOUT_CONFIRMATION)) {
            Operation operation = new Operation("subscription", "unsubscribe:" + code, service.fee(),
                    "cancel " + service.name() + " (" + decimal(service.fee()) + " GBP a " + service.period() + ")");
            Reply refused = confirmations.authorize(caller.session(), caller.e164(), caller.servicePassword(),
                    operation, body.path("confirmation"));
            if (refused != null) {
                return refused;
            }
        }
        Running ended = new Running(service, subscription.effectiveAt(), subscription.expiresAt(), true);
        if (service.endsAtOnce()) {
            mine.remove(code);
        }
        else {
            mine.put(code, ended);
        }
        monitoring.subscription(caller.e164(), code, "UNSUBSCRIBED");
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("subscription", view(ended));
        reply.put("refund", null);
        return new Reply(200, reply);
    }

    private String notice(Running subscription, ZoneId zone) {
        Service service = subscription.service();
        String text = "Selfcare: you subscribed to " + service.name() + " (" + service.content() + ") for "
                + decimal(service.fee()) + " GBP a " + service.period() + ", effective "
                + NOTICE_TIME.format(subscription.effectiveAt().atZone(zone));
        if (!flaws.contains(Flaw.NOTICE_WITHOUT_EXPIRY)) {
            text += ", expires " + NOTICE_TIME.format(subscription.expiresAt().atZone(zone));
        }
        return text + ".";
    }

    private static Optional<Service> find(String code) {
        return SERVICES.stream().filter((service) -> service.code().equals(code)).findFirst();
    }

    private static Map<String, Object> view(Service service) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("code", service.code());
        view.put("name", service.name());
        view.put("content", service.content());
        view.put("fee", ContractShop.money(service.fee()));
        view.put("period", service.period());
        view.put("autoRenew", true);
        view.put("cancellation", service.endsAtOnce() ? "immediate-pro-rata" : "end-of-period");
        return view;
    }

    private static Map<String, Object> view(Running subscription) {
        Service service = subscription.service();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("service", Map.of("code", service.code(), "name", service.name(), "content", service.content()));
        view.put("fee", ContractShop.money(service.fee()));
        view.put("status", subscription.cancelled() ? "cancelled" : "active");
        view.put("effectiveAt", subscription.effectiveAt().toString());
        view.put("expiresAt", subscription.expiresAt().toString());
        view.put("autoRenew", !subscription.cancelled());
        view.put("cancelledAt", subscription.cancelled() ? Instant.now().toString() : null);
        return view;
    }

    private static String decimal(long minorUnits) {
        return String.format("%d.%02d", minorUnits / 100, minorUnits % 100);
    }
}
