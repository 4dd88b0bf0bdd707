package org.selfcare.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.selfcare.audit.SecurityEvent;
import org.selfcare.audit.SecurityEventType;
import org.selfcare.audit.SecurityLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.dao.DataAccessException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.session.SessionAuthenticationException;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/**
 * Keeps one session per subscriber: a successful sign-in deletes every other session of the same subscriber
 * from the shared session store, so they end at once on every node, not at their next request.
 * <p>
 * Spring Security's {@code ConcurrentSessionControlAuthenticationStrategy} with Spring Session's registry only
 * marks the old session as expired and leaves it in the store until its next request; deleting it leaves
 * nothing that a stolen cookie could still use. {@link EndedSessions} keeps a digest of each deleted id, so the
 * ended client's next request can show why it was signed out.
 */
@Component
@ConditionalOnWebApplication
class SingleSessionStrategy implements SessionAuthenticationStrategy {

    private static final Logger logger = LoggerFactory.getLogger(SingleSessionStrategy.class);

    private final FindByIndexNameSessionRepository<? extends Session> sessions;

    private final EndedSessions endedSessions;

    private final SecurityLog securityLog;

    private final Clock clock;

    SingleSessionStrategy(FindByIndexNameSessionRepository<? extends Session> sessions, EndedSessions endedSessions,
            SecurityLog securityLog, Clock clock) {
        this.sessions = sessions;
        this.endedSessions = endedSessions;
        this.securityLog = securityLog;
        this.clock = clock;
    }

    /**
     * Ends the subscriber's other sessions. When that fails, the sign-in fails too, so an unavailable store never
     * leaves a subscriber with two sessions.
     */
    // NOTE: two sign-ins of one subscriber that run at the same moment can each miss the other's session, because
    // a session is saved only when its request ends. Both sessions then stay valid until the next sign-in.
    @Override
    public void onAuthentication(Authentication authentication, HttpServletRequest request,
            HttpServletResponse response) {
        if (!(authentication.getPrincipal() instanceof SubscriberPrincipal subscriber)) {
            throw new SessionAuthenticationException("Only subscribers can sign in to the portal");
        }
        HttpSession current = request.getSession(false);
        String currentId = (current != null) ? current.getId() : null;
        try {
            Map<String, ? extends Session> found = sessions.findByPrincipalName(subscriber.getUsername());
            for (Session other : found.values()) {
                if (!other.getId().equals(currentId)) {
                    end(other, subscriber, request.getRemoteAddr());
                }
            }
        }
        catch (DataAccessException ex) {
            logger.error("Failed to end the other sessions of subscriber id={}, so the sign-in fails",
                    subscriber.subscriberId(), ex);
            throw new SessionAuthenticationException("The other sessions of the subscriber could not be ended");
        }
    }

    private void end(Session other, SubscriberPrincipal subscriber, String clientAddress) {
        // A negative interval means "never times out", and such a session gets no "signed in elsewhere" notice.
        Duration interval = other.getMaxInactiveInterval().isNegative() ? Duration.ZERO
                : other.getMaxInactiveInterval();
        Instant wouldExpireAt = other.getLastAccessedTime().plus(interval);
        endedSessions.add(other.getId(), subscriber.subscriberId(), wouldExpireAt);
        sessions.deleteById(other.getId());
        // The client address is that of the newer sign-in, because the ended client is not part of this request.
        securityLog.record(new SecurityEvent(SecurityEventType.SESSION_ENDED_BY_NEWER_SIGN_IN, clock.instant(),
                subscriber.subscriberId(), subscriber.getUsername(), clientAddress, "ended",
                "A newer sign-in of the same subscriber ended this session"));
    }
}
