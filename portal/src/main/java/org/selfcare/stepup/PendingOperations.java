package org.selfcare.stepup;

import java.io.Serializable;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.selfcare.account.Money;

import org.springframework.web.util.WebUtils;

import jakarta.servlet.http.HttpSession;

/**
 * Operations waiting for their confirmation, kept in the session under random ids. A code request names the
 * operation by its id, so the SMS describes exactly what the server asked to confirm, never what the client claims.
 */
final class PendingOperations {

    /** More than a subscriber confirms at once; the oldest is forgotten first. */
    static final int LIMIT = 8;

    private static final String ATTRIBUTE = PendingOperations.class.getName();

    private static final SecureRandom random = new SecureRandom();

    private PendingOperations() {
    }

    /**
     * Keeps {@code operation} until {@code expiresAt} and returns its id. The same operation asked again gets the
     * same id, so a page that retries does not fill the session.
     */
    static String add(HttpSession session, BoundOperation operation, Instant now, Instant expiresAt) {
        synchronized (WebUtils.getSessionMutex(session)) {
            LinkedHashMap<String, Pending> pending = read(session, now);
            for (Map.Entry<String, Pending> entry : pending.entrySet()) {
                if (entry.getValue().operation().equals(operation)) {
                    pending.put(entry.getKey(), Pending.of(operation, expiresAt));
                    session.setAttribute(ATTRIBUTE, pending);
                    return entry.getKey();
                }
            }
            while (pending.size() >= LIMIT) {
                pending.remove(pending.keySet().iterator().next());
            }
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            String id = HexFormat.of().formatHex(bytes);
            pending.put(id, Pending.of(operation, expiresAt));
            session.setAttribute(ATTRIBUTE, pending);
            return id;
        }
    }

    static Optional<BoundOperation> find(HttpSession session, String id, Instant now) {
        synchronized (WebUtils.getSessionMutex(session)) {
            Pending pending = read(session, now).get(id);
            return Optional.ofNullable(pending).map(Pending::operation);
        }
    }

    static void clear(HttpSession session) {
        session.removeAttribute(ATTRIBUTE);
    }

    @SuppressWarnings("unchecked")
    private static LinkedHashMap<String, Pending> read(HttpSession session, Instant now) {
        Object stored = session.getAttribute(ATTRIBUTE);
        LinkedHashMap<String, Pending> pending = (stored instanceof LinkedHashMap<?, ?> map)
                ? new LinkedHashMap<>((Map<String, Pending>) map) : new LinkedHashMap<>();
        pending.values().removeIf((entry) -> !now.isBefore(entry.expiresAt()));
        return pending;
    }

    /** The operation in plain serialisable values, as the shared session store keeps it. */
    private record Pending(Purpose purpose, String reference, long minorUnits, String currency, String description,
            Instant expiresAt) implements Serializable {

        static Pending of(BoundOperation operation, Instant expiresAt) {
            return new Pending(operation.purpose(), operation.reference(), operation.amount().minorUnits(),
                    operation.amount().currency().getCurrencyCode(), operation.description(), expiresAt);
        }

        BoundOperation operation() {
            return new BoundOperation(purpose, reference, Money.of(minorUnits, currency), description);
        }
    }
}
