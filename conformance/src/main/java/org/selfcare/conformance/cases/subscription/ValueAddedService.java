package org.selfcare.conformance.cases.subscription;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.selfcare.conformance.http.JsonBody;
import org.selfcare.conformance.http.Money;
import org.selfcare.conformance.http.ProbeResponse;
import tools.jackson.databind.JsonNode;

/**
 * A value-added service as {@code GET /api/v1/services} lists it.
 *
 * @param code such as {@code news-daily}
 * @param content what the subscriber gets, such as "Headlines every morning by SMS"
 * @param fee the fee per period
 * @param period {@code day}, {@code week} or {@code month}
 * @param cancellation {@code end-of-period} or {@code immediate-pro-rata}
 */
record ValueAddedService(String code, String name, String content, Money fee, String period, String cancellation) {

    /**
     * Reads the services of a response, skipping any without a code or a readable fee.
     */
    static List<ValueAddedService> readAll(ProbeResponse response) {
        List<ValueAddedService> services = new ArrayList<>();
        for (JsonNode service : JsonBody.of(response).path("services")) {
            String code = service.path("code").asString("");
            Optional<Money> fee = Money.read(service.path("fee"));
            if (!code.isEmpty() && fee.isPresent()) {
                services.add(new ValueAddedService(code, service.path("name").asString(""),
                        service.path("content").asString(""), fee.get(), service.path("period").asString(""),
                        service.path("cancellation").asString("")));
            }
        }
        return List.copyOf(services);
    }

    /** Returns whether a cancellation ends the subscription at once, so the service can be taken again. */
    boolean endsAtOnce() {
        return "immediate-pro-rata".equals(cancellation);
    }

    @Override
    public String toString() {
        return code + " (" + fee + " a " + period + ")";
    }
}
