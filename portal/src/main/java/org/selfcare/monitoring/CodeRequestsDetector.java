package org.selfcare.monitoring;

import java.time.Instant;

import org.springframework.stereotype.Component;

/**
 * A burst of requests for one-time codes by SMS, counted whether the code was sent or a send limit refused it,
 * because the refused ones are the clearest sign of someone trying codes.
 */
@Component
class CodeRequestsDetector extends ThresholdDetector {

    static final String NAME = "code-requests";

    private final MonitoringEventStore events;

    CodeRequestsDetector(MonitoringEventStore events, CodeRequestsProperties properties) {
        super(NAME, MonitoredEvent.Kind.CODE_REQUESTED, properties.window(), properties.warningCount(),
                properties.severeCount(), "code requests");
        this.events = events;
    }

    @Override
    long count(MonitoredEvent event, Instant start, Instant end) {
        return events.count(event.subscriberId(), MonitoredEvent.Kind.CODE_REQUESTED, start, end);
    }
}
