package org.selfcare.operator.console;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.selfcare.monitoring.Alert;
import org.selfcare.monitoring.Alerts;
import org.selfcare.stepup.RiskSignals;
import org.selfcare.stepup.RiskState;
import org.selfcare.subscription.ServiceCatalogue;
import org.selfcare.subscription.ValueAddedService;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * In-memory stand-ins for the monitoring module's alerts and risk, and the subscription module's service
 * catalogue, which other branches build. Primary, so they win over the real beans once those are merged.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ConsoleTestBeans {

    @Bean
    @Primary
    TestAlerts testAlerts() {
        return new TestAlerts();
    }

    @Bean
    @Primary
    TestRisk testRisk() {
        return new TestRisk();
    }

    @Bean
    @Primary
    TestServices testServices() {
        return new TestServices();
    }

    /** Alerts kept in a list; tests raise them with {@link #raise}. */
    public static final class TestAlerts implements Alerts {

        private final AtomicLong ids = new AtomicLong(1_000_000);

        private final List<Alert> alerts = new CopyOnWriteArrayList<>();

        public Alert raise(String detector, Long subscriberId, String summary) {
            Alert alert = new Alert(ids.incrementAndGet(), detector, Alert.Severity.WARNING, subscriberId, null, summary,
                    Instant.now(), null, null, null);
            alerts.add(alert);
            return alert;
        }

        @Override
        public List<Alert> list(boolean openOnly, int limit) {
            return alerts.stream().filter((alert) -> !openOnly || alert.open())
                    .sorted(Comparator.comparing(Alert::raisedAt).reversed()).limit(limit).toList();
        }

        @Override
        public List<Alert> forSubscriber(long subscriberId, int limit) {
            return list(false, Integer.MAX_VALUE).stream()
                    .filter((alert) -> Long.valueOf(subscriberId).equals(alert.subscriberId())).limit(limit).toList();
        }

        @Override
        public Optional<Alert> find(long id) {
            return alerts.stream().filter((alert) -> alert.id() == id).findFirst();
        }

        @Override
        public synchronized Optional<Alert> resolve(long id, String staffUser, String resolution, boolean clearRisk) {
            Optional<Alert> open = find(id).filter(Alert::open);
            open.ifPresent((alert) -> {
                alerts.remove(alert);
                alerts.add(new Alert(alert.id(), alert.detector(), alert.severity(), alert.subscriberId(),
                        alert.serviceCode(), alert.summary(), alert.raisedAt(), Instant.now(), staffUser, resolution));
            });
            return open.flatMap((alert) -> find(id));
        }

        @Override
        public List<Count> raisedPer(Duration bucket, Instant from, Instant to) {
            List<Count> counts = new ArrayList<>();
            for (Instant start = from; start.isBefore(to); start = start.plus(bucket)) {
                Instant begin = start;
                Instant end = start.plus(bucket);
                counts.add(new Count(start, alerts.stream()
                        .filter((alert) -> !alert.raisedAt().isBefore(begin) && alert.raisedAt().isBefore(end))
                        .count()));
            }
            return counts;
        }
    }

    /** Risk per subscriber, normal unless a test sets it. */
    public static final class TestRisk implements RiskSignals {

        private final Map<Long, RiskState> states = new ConcurrentHashMap<>();

        public void set(long subscriberId, RiskState state) {
            states.put(subscriberId, state);
        }

        @Override
        public RiskState stateOf(long subscriberId) {
            return states.getOrDefault(subscriberId, RiskState.NORMAL);
        }
    }

    /** Services kept in a map. */
    public static final class TestServices implements ServiceCatalogue {

        private final Map<String, ValueAddedService> services = new ConcurrentHashMap<>();

        @Override
        public List<ValueAddedService> all() {
            return services.values().stream().sorted(Comparator.comparing(ValueAddedService::name)).toList();
        }

        @Override
        public Optional<ValueAddedService> find(String code) {
            return Optional.ofNullable(services.get(code));
        }

        @Override
        public ValueAddedService save(ValueAddedService service) {
            if (service.fee().minorUnits() <= 0) {
                throw new IllegalArgumentException("The fee must be more than zero.");
            }
            services.put(service.code(), service);
            return service;
        }
    }
}
