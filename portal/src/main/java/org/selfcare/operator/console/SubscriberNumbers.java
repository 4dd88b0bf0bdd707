package org.selfcare.operator.console;

import java.util.List;

import org.selfcare.identity.Subscriber;
import org.selfcare.identity.SubscriberDirectory;
import org.selfcare.monitoring.Alert;

import org.springframework.stereotype.Component;

/**
 * Puts subscribers' phone numbers beside alerts, which name subscribers by id.
 */
@Component
class SubscriberNumbers {

    private final SubscriberDirectory directory;

    SubscriberNumbers(SubscriberDirectory directory) {
        this.directory = directory;
    }

    List<ShownAlert> withNumbers(List<Alert> alerts) {
        return alerts.stream()
                .map((alert) -> new ShownAlert(alert, (alert.subscriberId() == null) ? null
                        : directory.findById(alert.subscriberId()).map(Subscriber::msisdnE164).orElse(null)))
                .toList();
    }

    /** An alert with the number of the subscriber it concerns, or {@code null}. */
    record ShownAlert(Alert alert, String number) {
    }
}
