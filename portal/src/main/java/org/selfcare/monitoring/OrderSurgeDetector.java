package org.selfcare.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * A subscriber's orders rising against their own history: the orders placed in the window reach the threshold
 * and also {@code factor} times the subscriber's average per window over the history before it.
 */
@Component
class OrderSurgeDetector implements Detector {

    static final String NAME = "order-surge";

    private final MonitoringEventStore events;

    private final OrderSurgeProperties properties;

    OrderSurgeDetector(MonitoringEventStore events, OrderSurgeProperties properties) {
        this.events = events;
        this.properties = properties;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean watches(MonitoredEvent.Kind kind) {
        return kind == MonitoredEvent.Kind.ORDER_PLACED;
    }

    @Override
    public Duration reach() {
        return properties.window().plus(properties.history());
    }

    @Override
    public Optional<Detection> inspect(MonitoredEvent event, Window window) {
        Instant end = window.end();
        Instant windowStart = window.start(properties.window());
        Instant fullWindowStart = end.minus(properties.window());
        long count = events.count(event.subscriberId(), MonitoredEvent.Kind.ORDER_PLACED, windowStart, end);
        if (count < properties.warningCount()) {
            return Optional.empty();
        }

        long before = events.count(event.subscriberId(), MonitoredEvent.Kind.ORDER_PLACED,
                fullWindowStart.minus(properties.history()), fullWindowStart);
        double usual = before / ((double) properties.history().toSeconds() / properties.window().toSeconds());
        if (count < properties.factor() * usual) {
            return Optional.empty();
        }

        Alert.Severity severity = Detection.severityOf(count, properties.warningCount(), properties.severeCount());
        String summary = String.format(Locale.ROOT, "%d orders in %s, usually %.1f", count,
                DurationWords.of(properties.window()), usual);
        return Optional.of(new Detection(NAME, severity, event.subscriberId(), null, summary));
    }
}
