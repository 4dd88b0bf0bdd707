package org.selfcare.conformance.cases.subscriber;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.selfcare.conformance.http.JsonBody;
import org.selfcare.conformance.http.Money;
import org.selfcare.conformance.http.ProbeResponse;
import org.selfcare.conformance.http.ProbeSession;
import org.selfcare.conformance.profile.TargetProfile.Provisioning;
import tools.jackson.databind.JsonNode;

/**
 * Selfcare's operator API as the kit uses it with the profile's {@code provisioning} token: top-ups from the
 * operator's retail system, and the alerts and risk level that monitoring keeps per subscriber.
 */
public final class OperatorApi {

    static final String ALERTS_PATH = "/operator/api/v1/alerts";

    private static final SecureRandom random = new SecureRandom();

    private final ProbeSession session;

    private final Provisioning settings;

    public OperatorApi(ProbeSession session, Provisioning settings) {
        this.session = session;
        this.settings = settings;
    }

    /**
     * One alert as {@code GET /operator/api/v1/alerts} lists it.
     *
     * @param subscriber the subscriber's number, empty for a service-wide alert
     * @param service the service code, empty for an alert about orders
     */
    public record Alert(String detector, String severity, String subscriber, String service, String summary,
            String raisedAt) {

        @Override
        public String toString() {
            return detector + " (" + severity + (service.isEmpty() ? "" : ", service " + service) + ", raised "
                    + raisedAt + ")";
        }
    }

    /**
     * Credits {@code amount} to the subscriber's balance as a cash top-up with a reference of its own.
     */
    public ProbeResponse credit(String storedNumber, Money amount) {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("amountMinor", amount.minorUnits());
        body.put("currency", amount.currency());
        body.put("channel", "cash");
        body.put("reference", "x1470-" + HexFormat.of().formatHex(bytes));
        return session.postJson(url(subscriberPath(storedNumber) + "/payments"), authorization(),
                JsonBody.write(body));
    }

    /** Returns the response to {@code GET .../subscribers/{msisdn}/risk}: {@code {"level": ..., "until": ...}}. */
    public ProbeResponse risk(String storedNumber) {
        return get(subscriberPath(storedNumber) + "/risk");
    }

    /**
     * Returns the alerts, open or not, raised for one subscriber.
     */
    public List<Alert> alertsFor(String storedNumber) {
        return alerts(get(ALERTS_PATH + "?subscriber=" + encode(storedNumber) + "&open=false&limit=50"));
    }

    /**
     * Returns the latest alerts of every subscriber and service, open or not, or empty when the operator API
     * did not list them.
     */
    public Optional<List<Alert>> latestAlerts() {
        ProbeResponse response = get(ALERTS_PATH + "?open=false&limit=50");
        return (response.status() == 200) ? Optional.of(alerts(response)) : Optional.empty();
    }

    private static List<Alert> alerts(ProbeResponse response) {
        List<Alert> alerts = new ArrayList<>();
        if (response.status() != 200) {
            return alerts;
        }
        for (JsonNode alert : JsonBody.of(response).path("alerts")) {
            alerts.add(new Alert(alert.path("detector").asString(""), alert.path("severity").asString(""),
                    alert.path("subscriber").asString(""), alert.path("service").asString(""),
                    alert.path("summary").asString(""), alert.path("raisedAt").asString("")));
        }
        return alerts;
    }

    private ProbeResponse get(String path) {
        Map<String, String> headers = new LinkedHashMap<>(authorization());
        headers.put("Accept", "application/json");
        return session.get(url(path), headers);
    }

    private Map<String, String> authorization() {
        return Map.of("Authorization", "Bearer " + settings.token());
    }

    private String url(String path) {
        return settings.url().resolve(path).toString();
    }

    private static String subscriberPath(String storedNumber) {
        return FreshSubscribers.SUBSCRIBERS_PATH + "/" + encode(storedNumber);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
