package org.selfcare.operator.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.selfcare.identity.Subscriber;
import org.selfcare.identity.SubscriberDirectory;
import org.selfcare.monitoring.Alert;
import org.selfcare.monitoring.Alerts;
import org.selfcare.platform.PhoneNumbers;
import org.selfcare.platform.SelfcareProperties;
import org.selfcare.stepup.RiskSignals;
import org.selfcare.stepup.RiskState;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Monitoring's findings for the operator's own systems: {@code GET /operator/api/v1/alerts} and
 * {@code GET /operator/api/v1/subscribers/{msisdn}/risk}.
 */
@RestController
class OperatorMonitoringController {

    static final int MAX_LIMIT = 500;

    private final Alerts alerts;

    private final RiskSignals risk;

    private final SubscriberDirectory directory;

    private final SelfcareProperties selfcare;

    private final MessageSource messages;

    OperatorMonitoringController(Alerts alerts, RiskSignals risk,
            SubscriberDirectory directory, SelfcareProperties selfcare, MessageSource messages) {
        this.alerts = alerts;
        this.risk = risk;
        this.directory = directory;
        this.selfcare = selfcare;
        this.messages = messages;
    }

    /**
     * Lists alerts newest first: all of them or only open ones ({@code open=true}), of one subscriber or of all,
     * at most {@code limit} (1 to 500, default 50).
     */
    @GetMapping(path = "/operator/api/v1/alerts", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> alerts(@RequestParam(required = false) String subscriber,
            @RequestParam(defaultValue = "false") boolean open, @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            return OperatorResponses.error(HttpStatus.BAD_REQUEST, text("operator.alerts.limit", MAX_LIMIT),
                    "invalid_request", List.of());
        }
        List<Alert> found;
        if (subscriber != null) {
            Optional<Subscriber> concerned = find(subscriber);
            if (concerned.isEmpty()) {
                return unknownSubscriber();
            }
            found = alerts.forSubscriber(concerned.get().id(), limit).stream()
                    .filter((alert) -> !open || alert.open())
                    .toList();
        }
        else {
            found = alerts.list(open, limit);
        }
        return OperatorResponses.ok(HttpStatus.OK, Map.of("alerts", found.stream().map(this::json).toList()));
    }

    @GetMapping(path = "/operator/api/v1/subscribers/{msisdn}/risk", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> risk(@PathVariable String msisdn) {
        Optional<Subscriber> subscriber = find(msisdn);
        if (subscriber.isEmpty()) {
            return unknownSubscriber();
        }
        RiskState state = risk.stateOf(subscriber.get().id());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("level", level(state.level()));
        body.put("until", (state.until() != null) ? state.until().toString() : null);
        return OperatorResponses.ok(HttpStatus.OK, body);
    }

    /** Returns the level as the API writes it: {@code normal}, {@code at-risk} or {@code blocked}. */
    static String level(RiskState.Level level) {
        return level.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private Map<String, Object> json(Alert alert) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", alert.id());
        body.put("detector", alert.detector());
        body.put("severity", alert.severity().name().toLowerCase(Locale.ROOT));
        body.put("subscriber", (alert.subscriberId() != null)
                ? directory.findById(alert.subscriberId()).map(Subscriber::msisdnE164).orElse(null) : null);
        body.put("service", alert.serviceCode());
        body.put("summary", alert.summary());
        body.put("raisedAt", alert.raisedAt().toString());
        body.put("resolvedAt", (alert.resolvedAt() != null) ? alert.resolvedAt().toString() : null);
        return body;
    }

    private Optional<Subscriber> find(String msisdn) {
        return PhoneNumbers.toE164(msisdn, selfcare.defaultRegion()).flatMap(directory::findByE164);
    }

    private ResponseEntity<Map<String, Object>> unknownSubscriber() {
        return OperatorResponses.error(HttpStatus.NOT_FOUND, text("operator.subscriber.unknown"), "unknown_subscriber",
                List.of());
    }

    private String text(String key, Object... arguments) {
        return messages.getMessage(key, arguments, LocaleContextHolder.getLocale());
    }
}
