package org.selfcare.operator.api;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.selfcare.account.Accounts;
import org.selfcare.account.Money;
import org.selfcare.account.PaymentChannel;
import org.selfcare.identity.Subscriber;
import org.selfcare.identity.SubscriberDirectory;
import org.selfcare.platform.PhoneNumbers;
import org.selfcare.platform.SelfcareProperties;
import org.selfcare.usage.TariffProperties;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /operator/api/v1/subscribers/{msisdn}/payments}: a top-up that the operator's retail or billing
 * system took, credited to the subscriber's balance. The reference is the idempotency key: a second request
 * with it credits nothing and returns 200 with {@code "duplicate": true}, so the system can retry safely.
 */
@RestController
class TopUpController {

    static final int MAX_BODY_BYTES = 2 * 1024;

    /** The largest top-up in minor units, so a typing error of a few zeros is refused. */
    static final long MAX_AMOUNT_MINOR = 100_000_00L;

    static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9._:/-]{1,64}");

    /** Keeps the retail system's references apart from those of the portal's other payment sources. */
    static final String REFERENCE_PREFIX = "operator:";

    private final SubscriberDirectory directory;

    private final Accounts accounts;

    private final Currency currency;

    private final SelfcareProperties selfcare;

    private final MessageSource messages;

    private final ObjectMapper json;

    private final Clock clock;

    TopUpController(SubscriberDirectory directory, Accounts accounts, TariffProperties tariff,
            SelfcareProperties selfcare, MessageSource messages, ObjectMapper json, Clock clock) {
        this.directory = directory;
        this.accounts = accounts;
        this.currency = Currency.getInstance(tariff.currency());
        this.selfcare = selfcare;
        this.messages = messages;
        this.json = json;
        this.clock = clock;
    }

    @PostMapping(path = "/operator/api/v1/subscribers/{msisdn}/payments", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> topUp(@PathVariable String msisdn, HttpServletRequest request)
            throws IOException {
        JsonNode body = OperatorResponses.jsonObject(request, MAX_BODY_BYTES, json);
        if (body == null) {
            return invalid(List.of(text("operator.payment.invalid-json")));
        }
        Optional<Subscriber> subscriber = PhoneNumbers.toE164(msisdn, selfcare.defaultRegion())
                .flatMap(directory::findByE164);
        if (subscriber.isEmpty()) {
            return OperatorResponses.error(HttpStatus.NOT_FOUND, text("operator.subscriber.unknown"),
                    "unknown_subscriber", List.of());
        }

        List<String> problems = new ArrayList<>();
        JsonNode amount = body.get("amountMinor");
        if (amount == null || !amount.canConvertToLong() || !amount.isIntegralNumber() || amount.asLong() <= 0
                || amount.asLong() > MAX_AMOUNT_MINOR) {
            problems.add(text("operator.payment.amount", MAX_AMOUNT_MINOR));
        }
        String currencyCode = string(body, "currency");
        if (!currency.getCurrencyCode().equals(currencyCode)) {
            problems.add(text("operator.payment.currency", currency.getCurrencyCode()));
        }
        Optional<PaymentChannel> channel = channel(string(body, "channel"));
        if (channel.isEmpty()) {
            problems.add(text("operator.payment.channel"));
        }
        String reference = string(body, "reference");
        if (reference == null || !REFERENCE.matcher(reference).matches()) {
            problems.add(text("operator.payment.reference"));
        }
        if (!problems.isEmpty()) {
            return invalid(problems);
        }

        Money money = new Money(amount.asLong(), currency);
        boolean credited = accounts.recordPayment(subscriber.get().id(), money, channel.get(),
                REFERENCE_PREFIX + reference, clock.instant());
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("subscriber", subscriber.get().msisdnE164());
        response.put("amountMinor", money.minorUnits());
        response.put("currency", currency.getCurrencyCode());
        response.put("channel", string(body, "channel"));
        response.put("reference", reference);
        response.put("duplicate", !credited);
        return OperatorResponses.ok(credited ? HttpStatus.CREATED : HttpStatus.OK, response);
    }

    /** Reads {@code cash}, {@code bank-transfer}, {@code card} or {@code voucher}. */
    private static Optional<PaymentChannel> channel(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (PaymentChannel channel : PaymentChannel.values()) {
            if (channel.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(text)) {
                return Optional.of(channel);
            }
        }
        return Optional.empty();
    }

    private static String string(JsonNode body, String member) {
        JsonNode node = body.get(member);
        return (node != null && node.isString()) ? node.stringValue() : null;
    }

    private ResponseEntity<Map<String, Object>> invalid(List<String> problems) {
        return OperatorResponses.error(HttpStatus.BAD_REQUEST, String.join(" ", problems), "invalid_request", problems);
    }

    private String text(String key, Object... arguments) {
        return messages.getMessage(key, arguments, LocaleContextHolder.getLocale());
    }
}
