package org.selfcare.conformance.cases.subscription;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.selfcare.conformance.cases.subscriber.OperatorApi;
import org.selfcare.conformance.cases.subscriber.OperatorApi.Alert;
import org.selfcare.conformance.cases.subscriber.Polling;
import org.selfcare.conformance.cases.subscriber.StepUpRequired;
import org.selfcare.conformance.cases.subscriber.TestSubscribers;
import org.selfcare.conformance.http.ProbeResponse;
import org.selfcare.conformance.model.CaseContext;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.Findings;

/**
 * T-4-3: abnormal subscription behaviour is monitored.
 *
 * <p>The case produces three patterns with fresh subscribers, all changes confirmed with the service password:
 * subscribe-unsubscribe cycles of one service, several services taken at once by one subscriber, and many fresh
 * subscribers taking one service within minutes ({@code monitoring.service-volume-subscribers}; the service
 * {@code subscription.service} names, or else the last one offered). A pattern is flagged when the next change
 * accepts only an SMS code or is blocked, or when the operator API lists an alert for the subscriber or, for the
 * volume, a service-wide alert for the service.
 */
public final class SubscriptionMonitoringCase extends SubscriptionCase {

    /** Cycles at most; Selfcare's default flags 2. */
    static final int MAX_CYCLES = 4;

    /** Services one subscriber takes at once, at most; Selfcare's default flags 3. */
    static final int SURGE_SERVICES = 4;

    private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

    public SubscriptionMonitoringCase() {
        super("T-4-3");
    }

    @Override
    CaseResult run(CaseContext context, Findings findings) {
        OperatorApi operator = new OperatorApi(context.newSession(), context.profile().provisioning().get());
        churn(context, operator, findings);
        surge(context, operator, findings);
        volume(context, operator, findings);
        return context.result(description(), findings, "each abnormal subscription pattern was flagged");
    }

    /**
     * Subscribes to and cancels one service with the service password until a change is flagged, at most
     * {@value #MAX_CYCLES} times. A service whose cancellation ends it at once is preferred, because a
     * cancelled subscription that runs to the end of its period cannot be taken again.
     */
    private void churn(CaseContext context, OperatorApi operator, Findings findings) {
        String label = "subscribe-unsubscribe cycles";
        Optional<Member> joined = join(context, findings);
        Optional<Map<String, String>> password = joined.flatMap((member) -> password(member, label, findings));
        if (password.isEmpty()) {
            return;
        }
        Member member = joined.get();
        ValueAddedService service = member.services().stream().filter(ValueAddedService::endsAtOnce).findFirst()
                .or(() -> member.chosen(context)).orElse(member.services().get(0));

        Optional<String> flag = Optional.empty();
        int cycles = 0;
        while (flag.isEmpty() && cycles < MAX_CYCLES) {
            ProbeResponse subscribed = member.api().subscribe(service.code(), password.get());
            flag = flagged(subscribed);
            if (flag.isEmpty() && !SubscriptionApi.isSuccess(subscribed)) {
                findings.inconclusive(label + ": subscribing to " + service + " in cycle " + (cycles + 1)
                        + " returned " + TestSubscribers.describe(subscribed));
                return;
            }
            if (flag.isEmpty()) {
                ProbeResponse cancelled = member.api().cancel(service.code(), password.get());
                flag = flagged(cancelled);
                if (flag.isEmpty() && !SubscriptionApi.isSuccess(cancelled)) {
                    findings.inconclusive(label + ": cancelling " + service + " in cycle " + (cycles + 1)
                            + " returned " + TestSubscribers.describe(cancelled));
                    return;
                }
                cycles++;
            }
        }
        findings.note(label + ": " + member.number() + " subscribed to and cancelled " + service + " " + cycles
                + " times");
        judge(context, label, member, service, operator, flag, findings);
    }

    /**
     * Takes up to {@value #SURGE_SERVICES} services at once with one subscriber.
     */
    private void surge(CaseContext context, OperatorApi operator, Findings findings) {
        String label = "a sudden rise in one subscriber's subscriptions";
        Optional<Member> joined = join(context, findings);
        Optional<Map<String, String>> password = joined.flatMap((member) -> password(member, label, findings));
        if (password.isEmpty()) {
            return;
        }
        Member member = joined.get();
        List<ValueAddedService> services = member.services().stream().limit(SURGE_SERVICES).toList();
        if (services.size() < 3) {
            findings.inconclusive(label + ": the target offers " + services.size() + " services, and a rise needs "
                    + "at least 3");
            return;
        }

        Optional<String> flag = Optional.empty();
        int taken = 0;
        for (ValueAddedService service : services) {
            ProbeResponse subscribed = member.api().subscribe(service.code(), password.get());
            flag = flagged(subscribed);
            if (flag.isPresent()) {
                break;
            }
            if (!SubscriptionApi.isSuccess(subscribed)) {
                findings.inconclusive(label + ": subscribing to " + service + " returned "
                        + TestSubscribers.describe(subscribed));
                return;
            }
            taken++;
        }

        findings.note(label + ": " + member.number() + " subscribed to " + taken + " services within seconds");
        judge(context, label, member, services.get(0), operator, flag, findings);
    }

    /**
     * Subscribes {@code monitoring.service-volume-subscribers} fresh subscribers to one service and looks for an
     * alert about the service.
     */
    private void volume(CaseContext context, OperatorApi operator, Findings findings) {
        String label = "an abnormal volume for one service";
        int subscribers = context.profile().monitoring().serviceVolumeSubscribers();
        Optional<ValueAddedService> service = Optional.empty();
        Member last = null;
        Optional<String> flag = Optional.empty();
        for (int i = 0; i < subscribers && flag.isEmpty(); i++) {
            Optional<Member> joined = join(context, findings);
            Optional<Map<String, String>> password = joined.flatMap((member) -> password(member, label, findings));
            if (password.isEmpty()) {
                return;
            }
            last = joined.get();
            if (service.isEmpty()) {
                service = volumeService(context, last, findings);
                if (service.isEmpty()) {
                    return;
                }
            }
            ProbeResponse subscribed = last.api().subscribe(service.get().code(), password.get());
            flag = flagged(subscribed);
            if (flag.isEmpty() && !SubscriptionApi.isSuccess(subscribed)) {
                findings.inconclusive(label + ": subscribing subscriber " + (i + 1) + " to " + service.get()
                        + " returned " + TestSubscribers.describe(subscribed));
                return;
            }
        }
        findings.note(label + ": " + subscribers + " fresh subscribers subscribed to " + service.get() + " within minutes");

        String code = service.get().code();
        Member probe = last;
        ValueAddedService taken = service.get();
        if (flag.isEmpty()) {
            flag = poll(context, () -> operator.latestAlerts().flatMap((alerts) -> alerts.stream()
                    .filter((alert) -> code.equals(alert.service()) && alert.subscriber().isEmpty()).findFirst())
                    .map((alert) -> "the operator API lists the alert " + alert)
                    .or(() -> probeChange(probe, taken)));
        }
        if (flag.isPresent()) {
            findings.pass(label + ": the pattern was flagged: " + flag.get());
        }
        else if (operator.latestAlerts().isEmpty()) {
            findings.inconclusive(label + ": the operator API did not list alerts (GET /operator/api/v1/alerts), "
                    + "and the next change of the last subscriber was not flagged");
        }
        else {
            findings.fail(label + ": the pattern was not flagged within " + context.profile().monitoring().waitTime()
                    + ": no service-wide alert names " + code + " and the next change still accepts the service "
                    + "password");
        }
    }

    /**
     * Returns the service the profile names, or else the last one offered, which the other patterns take least.
     */
    private static Optional<ValueAddedService> volumeService(CaseContext context, Member member, Findings findings) {
        if (context.profile().subscription().flatMap((section) -> section.service()).isPresent()) {
            return chosen(context, member, findings);
        }
        return Optional.of(member.services().get(member.services().size() - 1));
    }

    /**
     * Waits for the flag when the pattern itself showed none, then records the verdict and the subscriber's
     * alerts.
     */
    private static void judge(CaseContext context, String label, Member member, ValueAddedService service,
            OperatorApi operator, Optional<String> flagDuringPattern, Findings findings) {
        Optional<String> flag = flagDuringPattern.or(() -> poll(context, () -> probeChange(member, service)
                .or(() -> alertFor(operator, member))));
        List<Alert> alerts = operator.alertsFor(member.subscriber().storedNumber());
        if (flag.isPresent()) {
            findings.pass(label + ": the pattern was flagged: " + flag.get());
        }
        else {
            findings.fail(label + ": the pattern was not flagged within " + context.profile().monitoring().waitTime()
                    + ": the next change still accepted the service password and no alert appeared");
        }
        findings.note(label + ": alerts for " + member.subscriber().storedNumber() + ": " + (alerts.isEmpty() ? "none"
                : alerts.stream().map(Alert::toString).collect(Collectors.joining(", "))));
    }

    /**
     * Tries the next change without confirmation: subscribing, or cancelling when already subscribed. Returns
     * how it was flagged, or empty when it was not.
     */
    private static Optional<String> probeChange(Member member, ValueAddedService service) {
        ProbeResponse response = member.api().subscribe(service.code(), Map.of());
        if (response.status() == 409) {
            response = member.api().cancel(service.code(), Map.of());
        }
        return flagged(response);
    }

    private static Optional<String> alertFor(OperatorApi operator, Member member) {
        List<Alert> alerts = operator.alertsFor(member.subscriber().storedNumber());
        return alerts.isEmpty() ? Optional.empty()
                : Optional.of("the operator API lists the alert " + alerts.get(0) + " for " + member.number());
    }

    /**
     * Returns how a response to a change shows the subscriber flagged: only an SMS code accepted, or blocked.
     */
    private static Optional<String> flagged(ProbeResponse response) {
        Optional<StepUpRequired> required = StepUpRequired.read(response);
        if (required.isPresent() && required.get().onlySmsCode()) {
            return Optional.of("the next change accepted only an SMS code (" + required.get() + ")");
        }
        if (StepUpRequired.isBlocked(response)) {
            return Optional.of("the next change was blocked (" + TestSubscribers.describe(response) + ")");
        }
        return Optional.empty();
    }

    private static Optional<String> poll(CaseContext context, Supplier<Optional<String>> probe) {
        return Polling.await(context.profile().monitoring().waitTime(), POLL_INTERVAL, probe);
    }

    private static Optional<Map<String, String>> password(Member member, String label, Findings findings) {
        if (member.subscriber().servicePassword().isEmpty()) {
            findings.inconclusive(label + ": the provisioning SMS held no service password that "
                    + "sms.service-password-pattern matches, and the pattern needs one for every change");
            return Optional.empty();
        }
        return Optional.of(StepUpRequired.confirmation(StepUpRequired.SERVICE_PASSWORD,
                member.subscriber().servicePassword().get()));
    }
}
