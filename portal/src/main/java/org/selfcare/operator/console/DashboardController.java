package org.selfcare.operator.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.selfcare.audit.SecurityEventType;
import org.selfcare.audit.SecurityEvents;
import org.selfcare.monitoring.Alerts;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The dashboard, open to every member of staff, and its chart's data: alerts raised and subscriber sign-in
 * failures per hour over the last 24 hours or 7 days.
 */
@Controller
class DashboardController {

    private static final Duration HOUR = Duration.ofHours(1);

    private final SecurityEvents events;

    private final Alerts alerts;

    private final Clock clock;

    DashboardController(SecurityEvents events, Alerts alerts, Clock clock) {
        this.events = events;
        this.alerts = alerts;
        this.clock = clock;
    }

    @GetMapping("/console")
    String dashboard() {
        return "console/dashboard";
    }

    /**
     * Returns {@code {"hours": [ISO instants], "alerts": [counts], "signInFailures": [counts]}}
     * for {@code range} {@code day} or {@code week}; the last hour is the one in progress.
     */
    @GetMapping(path = "/console/chart", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> chart(@RequestParam(defaultValue = "day") String range) {
        Duration span = "week".equals(range) ? Duration.ofDays(7) : Duration.ofDays(1);
        Instant to = clock.instant().truncatedTo(ChronoUnit.HOURS).plus(HOUR);
        Instant from = to.minus(span);

        List<String> hours = new ArrayList<>();
        for (Instant hour = from; hour.isBefore(to); hour = hour.plus(HOUR)) {
            hours.add(hour.toString());
        }
        List<Long> raised = alerts.raisedPer(HOUR, from, to).stream().map(Alerts.Count::count).toList();

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("hours", hours);
        body.put("alerts", raised);
        body.put("signInFailures", events.countPer(SecurityEventType.SIGN_IN_FAILED, HOUR, from, to));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }
}
