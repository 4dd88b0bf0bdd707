package org.selfcare.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores each event the detectors count and runs the detectors that watch its kind. Both happen in one transaction
 * under the lock of the event's subscriber, and of its service for subscription events, so concurrent events of
 * one subscriber are counted one after the other.
 *
 * <p>Listeners run in parallel, so a later event can be stored before an earlier one. The window that ends at
 * the earlier event then misses the later one, and the window that ended at the later one missed the earlier.
 * So each event is inspected at its own time and also at the time of the latest stored event of its kind (for
 * its subscriber, and for its service): each is a real window, so nothing is counted twice or out of a window.
 *
 * <p>A window never reaches back before staff last resolved an alert of the same detector about the same
 * subscriber or service, so the events they judged do not raise the alert again at the next event.
 */
@Service
class Monitor {

    private final MonitoringEventStore events;

    private final List<Detector> detectors;

    private final AlertStore alerts;

    private final AlertRaiser raiser;

    Monitor(MonitoringEventStore events, List<Detector> detectors, AlertStore alerts, AlertRaiser raiser) {
        this.events = events;
        this.detectors = List.copyOf(detectors);
        this.alerts = alerts;
        this.raiser = raiser;
    }

    @Transactional
    void observe(MonitoredEvent event) {
        events.lockSubscriber(event.subscriberId());
        if (event.serviceCode() != null) {
            events.lockService(event.serviceCode());
        }
        TreeSet<Instant> ends = new TreeSet<>();
        ends.add(event.occurredAt());
        events.insert(event).ifPresent(ends::add);
        if (event.serviceCode() != null) {
            events.latestForService(event.serviceCode(), event.kind()).ifPresent(ends::add);
        }

        for (Detector detector : detectors) {
            if (!detector.watches(event.kind())) {
                continue;
            }
            // A resolution can only lower a count, so it is looked up only when there is something to lower.
            Optional<Detection> detection = mostSevere(detector, event, ends, null);
            if (detection.isPresent()) {
                Instant resolvedAt = alerts.lastResolved(event.subscriberId(),
                        detector.serviceWide() ? event.serviceCode() : null).get(detector.name());
                if (resolvedAt != null) {
                    detection = mostSevere(detector, event, ends, resolvedAt);
                }
            }
            detection.ifPresent(raiser::raise);
        }
    }

    List<Detector> detectors() {
        return detectors;
    }

    private static Optional<Detection> mostSevere(Detector detector, MonitoredEvent event, TreeSet<Instant> ends,
            Instant notBefore) {
        Optional<Detection> found = Optional.empty();
        for (Instant end : ends.descendingSet()) {
            Optional<Detection> detection = detector.inspect(event, new Window(end, notBefore));
            if (detection.isPresent() && detection.get().severity() == Alert.Severity.SEVERE) {
                return detection;
            }
            if (found.isEmpty()) {
                found = detection;
            }
        }
        return found;
    }
}
