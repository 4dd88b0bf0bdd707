package org.selfcare.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * Payments requested and then abandoned: orders of one subscriber cancelled in the window after a payment of
 * them was requested, such as a provider checkout started and then cancelled, again and again.
 */
@Component
class PayCancelCyclesDetector implements Detector {

    static final String NAME = "pay-cancel-cycles";

    private final MonitoringEventStore events;

    private final PayCancelCyclesProperties properties;

    PayCancelCyclesDetector(MonitoringEventStore events, PayCancelCyclesProperties properties) {
        this.events = events;
        this.properties = properties;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean watches(MonitoredEvent.Kind kind) {
        return kind == MonitoredEvent.Kind.ORDER_CANCELLED;
    }

    @Override
    public Duration reach() {
        return properties.window();
    }

    @Override
    public Optional<Detection> inspect(MonitoredEvent event, Window window) {
        Instant end = window.end();
        long count = events.countCancelledAfterPaymentRequest(event.subscriberId(), window.start(properties.window()),
                end);
        Alert.Severity severity = Detection.severityOf(count, properties.warningCount(), properties.severeCount());
        if (severity == null) {
            return Optional.empty();
        }
        String summary = count + " orders cancelled after a payment request in " + DurationWords.of(properties.window());
        return Optional.of(new Detection(NAME, severity, event.subscriberId(), null, summary));
    }
}
