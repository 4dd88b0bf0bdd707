package org.selfcare.conformance.cases.subscription;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.selfcare.conformance.cases.CaseCatalog;
import org.selfcare.conformance.cases.subscriber.CodeRequests;
import org.selfcare.conformance.cases.subscriber.StepUpRequired;
import org.selfcare.conformance.cases.subscriber.TestSubscriber;
import org.selfcare.conformance.cases.subscriber.TestSubscribers;
import org.selfcare.conformance.http.Money;
import org.selfcare.conformance.http.ProbeResponse;
import org.selfcare.conformance.inbox.SmsInbox;
import org.selfcare.conformance.model.CaseContext;
import org.selfcare.conformance.model.CaseDescription;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.Findings;
import org.selfcare.conformance.model.TestCase;
import org.selfcare.conformance.model.Verdict;
import org.selfcare.conformance.profile.ProfileType;
import org.selfcare.sandbox.smsc.ReceivedSms;

/**
 * A subscription case: it ends INCONCLUSIVE with the reason when the profile cannot create fresh subscribers,
 * and otherwise gives the case fresh subscribers credited for the services the target offers. Subscriptions are
 * never made with the profile's own accounts.
 */
abstract class SubscriptionCase implements TestCase {

    /** Credit for each fresh subscriber: this many times the fees of every service offered. */
    static final int CREDITED_FEES = 3;

    private final CaseDescription description;

    SubscriptionCase(String id) {
        this.description = CaseCatalog.get(id);
    }

    @Override
    public CaseDescription description() {
        return description;
    }

    @Override
    public final CaseResult run(CaseContext context) {
        if (context.profile().type() != ProfileType.SELFCARE) {
            return context.result(description, Verdict.INCONCLUSIVE, "needs Selfcare's subscription and operator "
                    + "API, which only selfcare profiles describe to the kit");
        }
        Optional<String> missing = TestSubscribers.missingSections(context.profile());
        if (missing.isPresent()) {
            return context.result(description, Verdict.INCONCLUSIVE, missing.get());
        }
        return run(context, new Findings());
    }

    abstract CaseResult run(CaseContext context, Findings findings);

    /**
     * A fresh subscriber with credit and the services the target offers it.
     */
    record Member(TestSubscriber subscriber, SubscriptionApi api, List<ValueAddedService> services) {

        /** Returns the service the profile names in {@code subscription.service}, or the first one offered. */
        Optional<ValueAddedService> chosen(CaseContext context) {
            Optional<String> named = context.profile().subscription().flatMap((section) -> section.service());
            if (named.isEmpty()) {
                return services.stream().findFirst();
            }
            return services.stream().filter((service) -> service.code().equals(named.get())).findFirst();
        }

        /** Returns a service other than {@code service}, if the target offers one. */
        Optional<ValueAddedService> other(ValueAddedService service) {
            return services.stream().filter((candidate) -> !candidate.code().equals(service.code())).findFirst();
        }

        String number() {
            return subscriber.number();
        }
    }

    /**
     * Creates a fresh subscriber, reads the services offered and credits it {@value #CREDITED_FEES} times their
     * fees. Returns empty with an INCONCLUSIVE finding that names what failed.
     */
    static Optional<Member> join(CaseContext context, Findings findings) {
        Optional<TestSubscriber> fresh = TestSubscribers.open(context, findings);
        if (fresh.isEmpty()) {
            return Optional.empty();
        }
        SubscriptionApi api = new SubscriptionApi(fresh.get());
        ProbeResponse response = api.services();
        if (response.status() == 404) {
            // The error page of a path the target does not serve carries no signature by design; that is not
            // what this case judges, so the signer's complaint about it is dropped.
            fresh.get().session().signer().takeProblems();
            findings.inconclusive("GET " + SubscriptionApi.SERVICES_PATH + " returned 404, so the target offers no "
                    + "value-added services to subscribe to");
            return Optional.empty();
        }
        List<ValueAddedService> services = ValueAddedService.readAll(response);
        if (services.isEmpty()) {
            findings.inconclusive("GET " + SubscriptionApi.SERVICES_PATH + " returned "
                    + TestSubscribers.describe(response) + " without a service with a code and a fee, so the kit "
                    + "has nothing to subscribe to");
            return Optional.empty();
        }
        Money fees = services.get(0).fee().withMinorUnits(services.stream()
                .filter((service) -> service.fee().currency().equals(services.get(0).fee().currency()))
                .mapToLong((service) -> service.fee().minorUnits()).sum() * CREDITED_FEES);
        if (!TestSubscribers.credit(context, fresh.get(), fees, findings)) {
            return Optional.empty();
        }
        return Optional.of(new Member(fresh.get(), api, services));
    }

    /**
     * Returns the service the profile names, or the first one offered; or empty with an INCONCLUSIVE finding
     * when the named service is not offered.
     */
    static Optional<ValueAddedService> chosen(CaseContext context, Member member, Findings findings) {
        Optional<ValueAddedService> service = member.chosen(context);
        if (service.isEmpty()) {
            findings.inconclusive("GET " + SubscriptionApi.SERVICES_PATH + " does not offer the service "
                    + context.profile().subscription().flatMap((section) -> section.service()).orElse("")
                    + " that subscription.service names");
        }
        return service;
    }

    /**
     * Subscribes with the service password or, when the provisioning SMS held none the kit could read, with an
     * SMS code requested for the operation.
     */
    static ProbeResponse subscribeConfirmed(CaseContext context, Member member, ValueAddedService service) {
        Optional<String> password = member.subscriber().servicePassword();
        if (password.isPresent()) {
            return member.api().subscribe(service.code(), StepUpRequired.confirmation(
                    StepUpRequired.SERVICE_PASSWORD, password.get()));
        }
        ProbeResponse bare = member.api().subscribe(service.code(), Map.of());
        Optional<StepUpRequired> required = StepUpRequired.read(bare);
        if (required.isEmpty()) {
            return bare;
        }
        Optional<String> code = requestCode(context, member, required.get()).flatMap((message) ->
                context.sms().get().code(message));
        return code.isEmpty() ? bare : member.api().subscribe(service.code(),
                StepUpRequired.confirmation(StepUpRequired.SMS_CODE, code.get()));
    }

    /**
     * Requests an SMS code for the operation the target asked to confirm and waits for the SMS, which goes to
     * the evidence. Returns empty when no code was sent or no SMS arrived.
     */
    static Optional<ReceivedSms> requestCode(CaseContext context, Member member, StepUpRequired required) {
        SmsInbox inbox = context.sms().get();
        int seen = inbox.messagesTo(member.number()).size();
        ProbeResponse sent = new CodeRequests(member.subscriber().session(), member.subscriber().csrf(),
                context.profile().captcha()).forOperation(required.purpose(), required.operationId());
        if (!SubscriptionApi.isSuccess(sent)) {
            return Optional.empty();
        }
        Optional<ReceivedSms> message = inbox.awaitNew(member.number(), seen);
        message.ifPresent((received) -> context.evidence().note(inbox.describe(received)));
        return message;
    }
}
