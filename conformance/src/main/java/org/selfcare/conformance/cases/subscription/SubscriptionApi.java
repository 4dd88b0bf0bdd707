package org.selfcare.conformance.cases.subscription;

import java.util.LinkedHashMap;
import java.util.Map;

import org.selfcare.conformance.cases.subscriber.TestSubscriber;
import org.selfcare.conformance.http.JsonBody;
import org.selfcare.conformance.http.ProbeResponse;

/**
 * Selfcare's value-added services API as one signed-in subscriber uses it: the services offered, the
 * subscriptions, and subscribing and cancelling with an optional {@code confirmation}.
 */
final class SubscriptionApi {

    static final String SERVICES_PATH = "/api/v1/services";

    static final String SUBSCRIPTIONS_PATH = "/api/v1/subscriptions";

    private final TestSubscriber subscriber;

    SubscriptionApi(TestSubscriber subscriber) {
        this.subscriber = subscriber;
    }

    TestSubscriber subscriber() {
        return subscriber;
    }

    ProbeResponse services() {
        return subscriber.session().get(SERVICES_PATH, Map.of("Accept", "application/json"));
    }

    ProbeResponse subscriptions() {
        return subscriber.session().get(SUBSCRIPTIONS_PATH, Map.of("Accept", "application/json"));
    }

    /**
     * Subscribes to a service, with {@code confirmation} as the body's {@code confirmation} member unless it is
     * empty.
     */
    ProbeResponse subscribe(String service, Map<String, String> confirmation) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("service", service);
        if (!confirmation.isEmpty()) {
            body.put("confirmation", confirmation);
        }
        return subscriber.session().postJson(SUBSCRIPTIONS_PATH, subscriber.csrf(), JsonBody.write(body));
    }

    /**
     * Cancels a subscription, with {@code confirmation} as the body's {@code confirmation} member unless it is
     * empty.
     */
    ProbeResponse cancel(String service, Map<String, String> confirmation) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (!confirmation.isEmpty()) {
            body.put("confirmation", confirmation);
        }
        return subscriber.session().postJson(SUBSCRIPTIONS_PATH + "/" + service + "/cancel", subscriber.csrf(),
                JsonBody.write(body));
    }

    static boolean isSuccess(ProbeResponse response) {
        return response.status() >= 200 && response.status() < 300;
    }
}
