package org.selfcare.subscription;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.selfcare.account.Amount;
import org.selfcare.identity.SubscriberPrincipal;
import org.selfcare.stepup.BoundOperation;
import org.selfcare.stepup.OperationConfirmation;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The services and subscriptions API. Subscribing and cancelling are checked in this order: the request's shape,
 * the service, and the business rule (already subscribed, not subscribed, credit). Then comes the second
 * authentication bound to the service and its fee, and only then the change, which checks the rule again under a
 * lock. So a wrong or reused confirmation of an otherwise valid change always gets {@code proof_invalid}. The confirmation
 * runs outside the change's transaction, so a failed attempt counts toward the lockout even though nothing changes.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = "application/json")
class SubscriptionApiController {

    private final ServiceCatalogue catalogue;

    private final Subscriptions subscriptions;

    private final SubscriptionRequestReader reader;

    private final OperationConfirmation confirmation;

    SubscriptionApiController(ServiceCatalogue catalogue, Subscriptions subscriptions,
            SubscriptionRequestReader reader, OperationConfirmation confirmation) {
        this.catalogue = catalogue;
        this.subscriptions = subscriptions;
        this.reader = reader;
        this.confirmation = confirmation;
    }

    @GetMapping("/services")
    ResponseEntity<Map<String, Object>> services() {
        List<ServiceView> services = catalogue.all()
                .stream()
                .filter(ValueAddedService::active)
                .map(ServiceView::of)
                .toList();
        return privately(HttpStatus.OK, Map.of("services", services));
    }

    @GetMapping("/subscriptions")
    ResponseEntity<Map<String, Object>> current(@AuthenticationPrincipal SubscriberPrincipal principal) {
        List<SubscriptionView> current = subscriptions.current(principal.subscriberId())
                .stream()
                .map(SubscriptionView::of)
                .toList();
        return privately(HttpStatus.OK, Map.of("subscriptions", current, "timeZone", principal.timeZone().getId()));
    }

    @PostMapping("/subscriptions")
    ResponseEntity<Map<String, Object>> subscribe(@AuthenticationPrincipal SubscriberPrincipal principal,
            HttpServletRequest request) throws IOException {
        SubscriptionRequest body = reader.readSubscribe(request);
        long subscriberId = principal.subscriberId();
        BoundOperation operation = subscriptions.checkSubscribe(subscriberId, body.serviceCode(),
                LocaleContextHolder.getLocale());

        confirmation.authorize(principal, request, operation, body.confirmation());

        Subscriptions.Current subscribed = subscriptions.subscribe(subscriberId, body.serviceCode(),
                request.getRemoteAddr());
        return privately(HttpStatus.CREATED, Map.of("subscription", SubscriptionView.of(subscribed)));
    }

    @PostMapping("/subscriptions/{code}/cancel")
    ResponseEntity<Map<String, Object>> cancel(@AuthenticationPrincipal SubscriberPrincipal principal,
            @PathVariable String code, HttpServletRequest request) throws IOException {
        SubscriptionRequest body = reader.readCancel(request);
        if (!JdbcServiceCatalogue.CODE.matcher(code).matches()) {
            throw SubscriptionRefusedException.unknownService();
        }
        long subscriberId = principal.subscriberId();
        BoundOperation operation = subscriptions.checkCancel(subscriberId, code, LocaleContextHolder.getLocale());

        confirmation.authorize(principal, request, operation, body.confirmation());

        Subscriptions.Cancelled cancelled = subscriptions.cancel(subscriberId, code, request.getRemoteAddr());
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("subscription", SubscriptionView.of(cancelled.current()));
        response.put("refund", cancelled.refund() == null ? null : Amount.of(cancelled.refund()));
        return privately(HttpStatus.OK, response);
    }

    private static ResponseEntity<Map<String, Object>> privately(HttpStatus status, Map<String, Object> body) {
        return ResponseEntity.status(status).cacheControl(CacheControl.noStore()).body(body);
    }
}
