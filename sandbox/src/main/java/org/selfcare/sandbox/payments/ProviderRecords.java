package org.selfcare.sandbox.payments;

import java.util.ArrayList;
import java.util.List;

/**
 * Every API request the sandbox received and every webhook delivery attempt it made, oldest first, so that a
 * test or a watcher can check that the portal confirmed a payment with the provider.
 */
public final class ProviderRecords {

    private final List<RecordedRequest> requests = new ArrayList<>();
    private final List<RecordedWebhook> webhooks = new ArrayList<>();

    synchronized void add(RecordedRequest request) {
        requests.add(request);
    }

    synchronized void add(RecordedWebhook webhook) {
        webhooks.add(webhook);
    }

    public synchronized List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public synchronized List<RecordedWebhook> webhooks() {
        return List.copyOf(webhooks);
    }

    /** Returns the requests that concerned one payment intent, oldest first. */
    public List<RecordedRequest> requestsFor(String paymentIntentId) {
        return requests().stream().filter(request -> paymentIntentId.equals(request.paymentIntentId())).toList();
    }

    /** Returns the webhook attempts about one payment intent, oldest first. */
    public List<RecordedWebhook> webhooksFor(String paymentIntentId) {
        return webhooks().stream().filter(webhook -> paymentIntentId.equals(webhook.paymentIntentId())).toList();
    }
}
