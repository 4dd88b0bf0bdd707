package org.selfcare.conformance.cases.subscription;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.selfcare.conformance.cases.subscriber.Polling;
import org.selfcare.conformance.cases.subscriber.StepUpRequired;
import org.selfcare.conformance.cases.subscriber.TestSubscribers;
import org.selfcare.conformance.http.Money;
import org.selfcare.conformance.http.ProbeResponse;
import org.selfcare.conformance.inbox.SmsInbox;
import org.selfcare.conformance.model.CaseContext;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.Findings;
import org.selfcare.sandbox.mail.MailSink;
import org.selfcare.sandbox.mail.ReceivedMail;
import org.selfcare.sandbox.smsc.ReceivedSms;

/**
 * T-4-2: the subscriber receives the details of a subscription.
 *
 * <p>A fresh subscriber subscribes to a service with its service password. The SMS that follows must name the
 * service (its name or content), the fee, and the effective and expiry times of the subscription response,
 * written {@code yyyy-MM-dd HH:mm} in the subscriber's time zone ({@code provisioning.time-zone}). With a
 * {@code mail:} section the case checks an e-mail the same way, and only notes its absence.
 */
public final class SubscriptionNoticeCase extends SubscriptionCase {

    static final DateTimeFormatter NOTICE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** How long the case waits for an e-mail once the SMS arrived. */
    private static final Duration MAIL_WAIT = Duration.ofSeconds(3);

    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    public SubscriptionNoticeCase() {
        super("T-4-2");
    }

    /**
     * The details a notice must name.
     */
    private record Details(ValueAddedService service, Money fee, String effective, String expiry) {
    }

    @Override
    CaseResult run(CaseContext context, Findings findings) {
        Optional<Member> joined = join(context, findings);
        Optional<ValueAddedService> chosen = joined.flatMap((member) -> chosen(context, member, findings));
        if (chosen.isEmpty()) {
            return context.result(description(), findings, "");
        }
        Member member = joined.get();
        ValueAddedService service = chosen.get();
        SmsInbox inbox = context.sms().get();
        int smsSeen = inbox.messagesTo(member.number()).size();
        int mailSeen = context.mail().map((mail) -> mail.messages().size()).orElse(0);

        ProbeResponse response = subscribeConfirmed(context, member, service);
        Optional<Subscribed> subscribed = Subscribed.read(response);
        if (!SubscriptionApi.isSuccess(response) || subscribed.isEmpty()) {
            findings.inconclusive("subscribing to " + service + " with the service password returned "
                    + TestSubscribers.describe(response) + (SubscriptionApi.isSuccess(response)
                            ? " without effectiveAt and expiresAt" : ""));
            return context.result(description(), findings, "");
        }
        ZoneId zone = ZoneId.of(context.profile().provisioning().get().timeZone());
        Details details = new Details(service, subscribed.get().fee().orElse(service.fee()),
                format(subscribed.get().effectiveAt(), zone), format(subscribed.get().expiresAt(), zone));
        findings.pass("subscribed " + member.number() + " to " + service + ", effective " + details.effective()
                + " until " + details.expiry() + " (" + zone + ")");

        Optional<ReceivedSms> notice = awaitNotice(inbox, member.number(), smsSeen, service);
        if (notice.isPresent()) {
            context.evidence().note(inbox.describe(notice.get()));
            findings.note("the notice: " + context.redactor().text(notice.get().text()));
            check("the SMS to " + member.number(), notice.get().text(), details, findings);
        }
        else {
            findings.fail("no SMS naming " + service.name() + " arrived at " + member.number() + " within "
                    + inbox.waitTime() + " of the subscription");
        }
        context.mail().ifPresent((mail) -> checkMail(context, mail, mailSeen, details, findings));

        cleanUp(member, service, findings);
        return context.result(description(), findings, "the subscription notice named the service, the fee, and "
                + "the effective and expiry times");
    }

    /**
     * Waits for an SMS that names the service and is not the SMS code of the subscription.
     */
    private static Optional<ReceivedSms> awaitNotice(SmsInbox inbox, String number, int seen,
            ValueAddedService service) {
        return Polling.await(inbox.waitTime(), POLL_INTERVAL, () -> inbox.messagesTo(number).stream().skip(seen)
                .filter((message) -> message.text() != null && namesService(message.text(), service))
                .filter((message) -> inbox.code(message).isEmpty()).findFirst());
    }

    /**
     * Checks that a notice names the fee and both times.
     */
    private static void check(String what, String text, Details details, Findings findings) {
        List<String> missing = new ArrayList<>();
        if (!text.contains(details.fee().decimal())) {
            missing.add("the fee " + details.fee());
        }
        if (!text.contains(details.effective())) {
            missing.add("the effective time " + details.effective());
        }
        if (!text.contains(details.expiry())) {
            missing.add("the expiry time " + details.expiry());
        }
        if (missing.isEmpty()) {
            findings.pass(what + " names " + details.service().name() + ", the fee " + details.fee() + ", the "
                    + "effective time " + details.effective() + " and the expiry time " + details.expiry());
            return;
        }
        findings.fail(what + " about " + details.service().name() + " leaves out " + String.join(" and ", missing));
    }

    /**
     * Looks for an e-mail that names the service. Its absence is only noted, because the deployment sends
     * e-mail only to subscribers with an address.
     */
    private static void checkMail(CaseContext context, MailSink mail, int seen, Details details, Findings findings) {
        Optional<ReceivedMail> message = Polling.await(MAIL_WAIT, POLL_INTERVAL, () -> mail.messages().stream()
                .skip(seen).filter((received) -> namesService(text(received), details.service())).findFirst());
        if (message.isEmpty()) {
            findings.note("no e-mail naming " + details.service().name() + " arrived at the kit's mail sink");
            return;
        }
        ReceivedMail received = message.get();
        context.evidence().note("e-mail to " + String.join(", ", received.recipients()) + " received at "
                + received.receivedAt() + ", subject: " + context.redactor().text(String.valueOf(received.subject())));
        check("the e-mail to " + String.join(", ", received.recipients()), text(received), details, findings);
    }

    /** Cancels the subscription, so the fresh subscriber is not charged again. */
    private static void cleanUp(Member member, ValueAddedService service, Findings findings) {
        Optional<String> password = member.subscriber().servicePassword();
        ProbeResponse cancelled = password.map((secret) -> member.api().cancel(service.code(),
                StepUpRequired.confirmation(StepUpRequired.SERVICE_PASSWORD, secret))).orElse(null);
        if (cancelled == null || !SubscriptionApi.isSuccess(cancelled)) {
            findings.note("the kit could not cancel the subscription of " + member.number() + " to " + service
                    + (cancelled == null ? "" : " (" + TestSubscribers.describe(cancelled) + ")"));
        }
    }

    static String format(Instant instant, ZoneId zone) {
        return NOTICE_TIME.format(instant.atZone(zone));
    }

    private static boolean namesService(String text, ValueAddedService service) {
        return (!service.name().isEmpty() && text.contains(service.name()))
                || (!service.content().isEmpty() && text.contains(service.content()));
    }

    private static String text(ReceivedMail mail) {
        return String.valueOf(mail.subject()) + "\n" + String.valueOf(mail.text());
    }
}
