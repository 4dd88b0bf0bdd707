package org.selfcare.conformance.support;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

import org.selfcare.conformance.support.ContractPortal.Flaw;
import org.selfcare.conformance.support.ContractShop.Reply;
import tools.jackson.databind.JsonNode;

/**
 * The confirmation of single operations in {@link ContractPortal}, written to the contract: a subscription change
 * needs an SMS code or the service password, a payment needs nothing unless monitoring flagged the subscriber,
 * a flagged subscriber may use only an SMS code, and a blocked one nothing. A code is bound to the session and
 * to the operation it was requested for, works once, and three wrong entries lock the subscriber. Flaws loosen
 * the binding.
 */
final class ContractConfirmations {

    static final int LOCK_AFTER = 3;

    /** An operation waiting for its confirmation, as the target words it to the subscriber. */
    record Operation(String purpose, String reference, long amount, String description) {
    }

    private static final class Pending {

        final Map<String, Operation> operations = new ConcurrentHashMap<>();

        volatile String code;

        volatile Operation codeFor;

        volatile boolean used;
    }

    private final Set<Flaw> flaws;

    private final ContractMonitoring monitoring;

    private final BiConsumer<String, String> sms;

    private final SecureRandom random = new SecureRandom();

    private final Map<String, Pending> sessions = new ConcurrentHashMap<>();

    private final Map<String, Integer> failures = new ConcurrentHashMap<>();

    /**
     * @param sms sends an SMS to a subscriber, given the number in E.164 and the text
     */
    ContractConfirmations(Set<Flaw> flaws, ContractMonitoring monitoring, BiConsumer<String, String> sms) {
        this.flaws = flaws;
        this.monitoring = monitoring;
        this.sms = sms;
    }

    /**
     * Authorizes an operation of a session's subscriber. Returns null when it may go ahead, or the refusal to
     * send: 403 {@code operation_blocked}, 403 {@code step_up_required}, 400 {@code proof_invalid} or 423
     * {@code account_locked}.
     *
     * @param confirmation the request's {@code confirmation} member, missing when it has none
     */
    synchronized Reply authorize(String session, String subscriber, String servicePassword, Operation operation,
            JsonNode confirmation) {
        ContractMonitoring.Level level = monitoring.levelOf(subscriber);
        if (level == ContractMonitoring.Level.BLOCKED) {
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("blockedUntil", Instant.now().plusSeconds(1800).toString());
            return error(403, "Your account is paused for safety.", "operation_blocked", extra);
        }
        List<String> methods = (level == ContractMonitoring.Level.AT_RISK) ? List.of("sms-code")
                : "subscription".equals(operation.purpose()) ? List.of("sms-code", "service-password") : List.of();
        if (methods.isEmpty()) {
            return null;
        }
        String method = confirmation.path("method").asString("");
        if (!methods.contains(method)) {
            String id = UUID.randomUUID().toString();
            pending(session).operations.put(id, operation);
            Map<String, Object> described = new LinkedHashMap<>();
            described.put("id", id);
            described.put("description", operation.description());
            described.put("amount", ContractShop.money(operation.amount()));
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("purpose", operation.purpose());
            extra.put("operation", described);
            extra.put("methods", methods);
            return error(403, "Confirm it is you.", "step_up_required", extra);
        }
        if (failures.getOrDefault(subscriber, 0) >= LOCK_AFTER) {
            return error(423, "Your account is locked.", "account_locked", Map.of());
        }
        String secret = confirmation.path("secret").asString("");
        boolean right = "service-password".equals(method) ? secret.equals(servicePassword)
                : codeMatches(pending(session), operation, secret);
        if (right) {
            failures.remove(subscriber);
            return null;
        }
        int failed = failures.merge(subscriber, 1, Integer::sum);
        if (failed >= LOCK_AFTER) {
            return error(423, "Your account is locked.", "account_locked", Map.of());
        }
        return error(400, "The code or service password is not correct.", "proof_invalid", Map.of());
    }

    /**
     * Sends a code for an operation waiting in the session, with the SMS text of the contract.
     */
    synchronized Reply requestCode(String session, String subscriber, String purpose, String operationId) {
        Pending pending = pending(session);
        Operation operation = pending.operations.get(operationId);
        if (operation == null || !operation.purpose().equals(purpose)) {
            return error(400, "Choose what to confirm.", "invalid_request", Map.of());
        }
        pending.code = String.format("%06d", random.nextInt(1_000_000));
        pending.codeFor = operation;
        pending.used = false;
        sms.accept(subscriber, pending.code + " is your Selfcare code to " + operation.description()
                + ". It expires in 5 minutes. Never share it.");
        return new Reply(202, Map.of("purpose", purpose, "expiresAt", Instant.now().plusSeconds(300).toString()));
    }

    private boolean codeMatches(Pending pending, Operation operation, String secret) {
        if (pending.code == null || !pending.code.equals(secret)) {
            return false;
        }
        if (pending.used && !flaws.contains(Flaw.CODE_REUSABLE)) {
            return false;
        }
        if (!operation.equals(pending.codeFor) && !flaws.contains(Flaw.CODE_FOR_ANY_OPERATION)) {
            return false;
        }
        pending.used = true;
        return true;
    }

    private Pending pending(String session) {
        return sessions.computeIfAbsent(session, (key) -> new Pending());
    }

    static Reply error(int status, String message, String code, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", message);
        body.put("errorId", UUID.randomUUID().toString());
        body.put("code", code);
        body.putAll(extra);
        return new Reply(status, body);
    }
}
