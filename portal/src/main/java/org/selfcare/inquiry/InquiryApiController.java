package org.selfcare.inquiry;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;

import org.selfcare.account.Accounts;
import org.selfcare.account.Amount;
import org.selfcare.account.Money;
import org.selfcare.account.Payment;
import org.selfcare.account.PaymentPage;
import org.selfcare.identity.Subscriber;
import org.selfcare.identity.SubscriberDirectory;
import org.selfcare.identity.SubscriberPrincipal;
import org.selfcare.integrity.SealedRecord;
import org.selfcare.stepup.Purpose;
import org.selfcare.stepup.RequiresStepUp;
import org.selfcare.usage.CallRecord;
import org.selfcare.usage.CallRecordPage;
import org.selfcare.usage.CallRecords;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The subscriber's own data as JSON. Every query takes the subscriber id from the signed-in principal; no
 * parameter can name another subscriber. Call records also need a second authentication in the session. A
 * record whose seal does not verify is listed as {@code {"id": <id>, "unavailable": true}} and nothing else, and
 * a balance the ledger does not vouch for as {@code {"unavailable": true}}.
 */
@RestController
@Validated
@RequestMapping(path = "/api/v1", produces = "application/json")
class InquiryApiController {

    static final int PAGE_SIZE = 50;

    private final SubscriberDirectory subscribers;

    private final Accounts accounts;

    private final CallRecords callRecords;

    InquiryApiController(SubscriberDirectory subscribers, Accounts accounts, CallRecords callRecords) {
        this.subscribers = subscribers;
        this.accounts = accounts;
        this.callRecords = callRecords;
    }

    @GetMapping("/me")
    ResponseEntity<Profile> me(@AuthenticationPrincipal SubscriberPrincipal principal) {
        Subscriber subscriber = subscriber(principal);
        return privately(new Profile(subscriber.msisdn(), subscriber.msisdnE164(), subscriber.displayName(),
                subscriber.timeZone().getId()));
    }

    @GetMapping("/balance")
    ResponseEntity<Object> balance(@AuthenticationPrincipal SubscriberPrincipal principal) {
        SealedRecord<Money> balance = accounts.balance(principal.subscriberId())
                .orElseThrow(() -> new IllegalStateException("Subscriber " + principal.subscriberId() + " has no account"));
        if (balance.isWithheld()) {
            return privately(new UnavailableBalance(true));
        }
        return privately(Amount.of(balance.value()));
    }

    @GetMapping("/payments")
    ResponseEntity<Page<Object>> payments(@AuthenticationPrincipal SubscriberPrincipal principal,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "" + PAGE_SIZE) @Min(1) @Max(PAGE_SIZE) int limit) {
        ZoneId zone = principal.timeZone();
        PaymentPage page = accounts.payments(principal.subscriberId(), cursor, limit);
        List<Object> items = page.payments()
                .stream()
                .<Object>map((sealed) -> sealed.isWithheld() ? Unavailable.of(sealed) : paymentView(sealed.value(), zone))
                .toList();
        return privately(new Page<>(items, page.nextCursor()));
    }

    @GetMapping("/calls")
    @RequiresStepUp(Purpose.CALL_RECORDS)
    ResponseEntity<Page<Object>> calls(@AuthenticationPrincipal SubscriberPrincipal principal,
            @RequestParam(required = false) YearMonth month, @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "" + PAGE_SIZE) @Min(1) @Max(PAGE_SIZE) int limit) {
        // The zone comes from the session, so a page costs one query, not two.
        ZoneId zone = principal.timeZone();
        CallRecordPage page = callRecords.page(principal.subscriberId(), month, zone, cursor, limit);
        List<Object> items = page.records()
                .stream()
                .<Object>map((sealed) -> sealed.isWithheld() ? Unavailable.of(sealed) : callView(sealed.value(), zone))
                .toList();
        return privately(new Page<>(items, page.nextCursor()));
    }

    private static PaymentView paymentView(Payment payment, ZoneId zone) {
        return new PaymentView(payment.id(), Amount.of(payment.amount()), payment.channel().name(),
                payment.status().name(), payment.reference(), local(payment.paidAt(), zone));
    }

    private static CallView callView(CallRecord call, ZoneId zone) {
        return new CallView(call.id(), call.direction(), call.otherParty(), local(call.startedAt(), zone),
                call.durationSeconds(), call.billableSeconds(), call.answered(),
                Amount.of(new Money(call.chargeMinor(), Currency.getInstance(call.currency()))));
    }

    private Subscriber subscriber(SubscriberPrincipal principal) {
        return subscribers.findById(principal.subscriberId())
                .orElseThrow(() -> new IllegalStateException("Signed-in subscriber " + principal.subscriberId()
                        + " no longer exists"));
    }

    private static OffsetDateTime local(Instant instant, ZoneId zone) {
        return instant.atZone(zone).toOffsetDateTime();
    }

    /**
     * Marks the response as personal data that no cache may keep.
     */
    private static <T> ResponseEntity<T> privately(T body) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }

    record Profile(String msisdn, String msisdnE164, String displayName, String timeZone) {
    }

    record PaymentView(long id, Amount amount, String channel, String status, String reference,
            OffsetDateTime paidAt) {
    }

    record CallView(long id, String direction, String otherParty, OffsetDateTime startedAt, int durationSeconds,
            int billableSeconds, boolean answered, Amount charge) {
    }

    /**
     * A list item whose seal does not verify: only its id, so the client can show that a record is missing
     * without showing data that may have been changed.
     */
    record Unavailable(long id, boolean unavailable) {

        static Unavailable of(SealedRecord<?> record) {
            return new Unavailable(record.id(), true);
        }
    }

    /**
     * The balance when the ledger does not vouch for it.
     */
    record UnavailableBalance(boolean unavailable) {
    }

    record Page<T>(List<T> items, String nextCursor) {
    }
}
