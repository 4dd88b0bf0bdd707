package org.selfcare.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * Orders placed and not paid: the subscriber's orders placed in the window that are still open, or were
 * cancelled or expired without payment. Placing is what raises the count, so only a new order is inspected.
 */
@Component
class UnpaidOrdersDetector implements Detector {

    static final String NAME = "unpaid-orders";

    private final MonitoringEventStore events;

    private final UnpaidOrdersProperties properties;

    UnpaidOrdersDetector(MonitoringEventStore events, UnpaidOrdersProperties properties) {
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
        return properties.window();
    }

    @Override
    public Optional<Detection> inspect(MonitoredEvent event, Window window) {
        Instant end = window.end();
        long count = events.countUnpaidPlaced(event.subscriberId(), window.start(properties.window()), end);
        Alert.Severity severity = Detection.severityOf(count, properties.warningCount(), properties.severeCount());
        if (severity == null) {
            return Optional.empty();
        }
        String summary = count + " unpaid orders placed in " + DurationWords.of(properties.window());
        return Optional.of(new Detection(NAME, severity, event.subscriberId(), null, summary));
    }
}
