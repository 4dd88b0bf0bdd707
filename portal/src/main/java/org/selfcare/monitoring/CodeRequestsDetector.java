package org.selfcare.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * A burst of requests for one-time codes by SMS, counted whether the code was sent or a send limit refused it,
 * because the refused ones are the clearest sign of someone trying codes.
 */
@Component
class CodeRequestsDetector implements Detector {

    static final String NAME = "code-requests";

    private final MonitoringEventStore events;

    private final CodeRequestsProperties properties;

    CodeRequestsDetector(MonitoringEventStore events, CodeRequestsProperties properties) {
        this.events = events;
        this.properties = properties;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean watches(MonitoredEvent.Kind kind) {
        return kind == MonitoredEvent.Kind.CODE_REQUESTED;
    }

    @Override
    public Duration reach() {
        return properties.window();
    }

    @Override
    public Optional<Detection> inspect(MonitoredEvent event, Window window) {
        Instant end = window.end();
        long count = events.count(event.subscriberId(), MonitoredEvent.Kind.CODE_REQUESTED,
                window.start(properties.window()), end);
        Alert.Severity severity = Detection.severityOf(count, properties.warningCount(), properties.severeCount());
        if (severity == null) {
            return Optional.empty();
        }
        String summary = count + " code requests in " + DurationWords.of(properties.window());
        return Optional.of(new Detection(NAME, severity, event.subscriberId(), null, summary));
    }
}
