package org.selfcare.stepup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.selfcare.identity.AccountLockout;
import org.selfcare.identity.CaptchaService;
import org.selfcare.identity.CaptchaVerification;
import org.selfcare.identity.ProofAttempt;
import org.selfcare.identity.Subscriber;
import org.selfcare.identity.SubscriberDirectory;
import org.selfcare.identity.SubscriberPrincipal;
import org.selfcare.notification.Message;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * Sends second-authentication codes and checks proofs, for the JSON API and the step-up page alike.
 */
@Service
class StepUpService {

    /** The CAPTCHA use of the step-up page and API, separate from the sign-in page's code. */
    static final String CAPTCHA_USE = "stepup";

    private static final String ANONYMOUS_KEY = StepUpService.class.getName();

    private final SubscriberDirectory directory;

    private final AccountLockout lockout;

    private final CaptchaService captcha;

    private final SmsCodes codes;

    private final StepUpProofs proofs;

    private final StepUpProperties properties;

    private final Clock clock;

    private final CodeSender sender;

    StepUpService(SubscriberDirectory directory, AccountLockout lockout, CaptchaService captcha, CodeSender sender,
            SmsCodes codes, StepUpProofs proofs, StepUpProperties properties, Clock clock) {
        this.directory = directory;
        this.lockout = lockout;
        this.captcha = captcha;
        this.sender = sender;
        this.codes = codes;
        this.proofs = proofs;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Sends a new SMS code for {@code purpose}. The session's first request needs no CAPTCHA answer, because the
     * sign-in had one; every later request does, so one session cannot make the portal send SMS in a loop.
     *
     * @param captchaId id of the CAPTCHA picture the answer is for, or {@code null} for the pending one
     * @param captchaAnswer the CAPTCHA answer, or {@code null} when none was sent
     */
    SendResult sendCode(SubscriberPrincipal principal, HttpSession session, Purpose purpose, String captchaId,
            String captchaAnswer, String clientAddress) {
        return sendCode(principal, session, purpose, null, captchaId, captchaAnswer, clientAddress);
    }

    /**
     * Sends a new SMS code for {@code operation}, or for {@code purpose} when it is {@code null}. A code for an
     * operation is bound to it, and its SMS names the operation and its amount, so the subscriber sees what the code
     * would confirm.
     */
    SendResult sendCode(SubscriberPrincipal principal, HttpSession session, Purpose purpose, BoundOperation operation,
            String captchaId, String captchaAnswer, String clientAddress) {
        Subscriber subscriber = subscriber(principal);

        if (StepUpSession.hasSentCode(session)) {
            CaptchaVerification verification = captcha.verify(session, CAPTCHA_USE, captchaId, captchaAnswer);
            if (!verification.accepted()) {
                sender.refused(subscriber, purpose, clientAddress,
                        purpose.pathName() + " code refused: CAPTCHA " + verification.reason());
                String nextCaptchaId = captcha.issue(session, CAPTCHA_USE);
                return (verification == CaptchaVerification.MISSING_ANSWER) ? new CaptchaRequired(nextCaptchaId)
                        : new CaptchaInvalid(nextCaptchaId);
            }
        }

        String binding = StepUpSession.binding(session);
        CodeSender.Outcome outcome = (operation == null) ? sender.send(subscriber, binding, purpose, clientAddress)
                : sender.send(subscriber, binding, OperationBinding.of(binding, operation), purpose, clientAddress,
                        (code, minutes) -> Message.confidential("notification.sms.step-up-code.operation", code,
                                minutes, operation.description()));
        if (!outcome.sent()) {
            return new RateLimited(outcome.retryAfter());
        }
        StepUpSession.recordSentCode(session);
        return new Sent(outcome.expiresAt());
    }

    /**
     * Returns the operation waiting for its confirmation under {@code id} in this session, or empty when there is
     * none or it expired.
     */
    Optional<BoundOperation> pendingOperation(HttpSession session, String id) {
        return PendingOperations.find(session, id, clock.instant());
    }

    /**
     * Checks a code or the service password. The attempt is counted toward the account lockout before the secret is
     * checked, together with failed sign-ins; a locked account gets {@link Locked} without any check.
     */
    VerifyResult verify(SubscriberPrincipal principal, HttpSession session, Purpose purpose, ProofMethod method,
            String secret, String clientAddress) {
        Subscriber subscriber = subscriber(principal);
        ProofAttempt attempt = lockout.begin(subscriber, clientAddress, method.pathName());
        if (attempt.refused()) {
            return new Locked(attempt.lockedUntil());
        }

        boolean right = switch (method) {
            case SMS_CODE -> codes.consume(subscriber.id(), StepUpSession.binding(session), purpose, secret);
            case SERVICE_PASSWORD -> directory.servicePasswordMatches(subscriber.id(), secret);
        };
        if (right) {
            lockout.succeeded(attempt);
            Instant validUntil = clock.instant().plus(properties.lifetimeOf(purpose));
            proofs.grant(session, new Proof(purpose, subscriber.id(), validUntil, Map.of()));
            return new Verified(validUntil);
        }

        Optional<Instant> lockedUntil = lockout.failed(attempt);
        if (lockedUntil.isPresent()) {
            return new Locked(lockedUntil.get());
        }
        return new Invalid();
    }

    /**
     * Ends the request's session and signs the subscriber out, after the account was locked. The rest of the request
     * runs as an anonymous user, so a page rendered for it shows no signed-in navigation.
     */
    void endSession(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
        SecurityContextHolder.getContext().setAuthentication(new AnonymousAuthenticationToken(ANONYMOUS_KEY,
                "anonymousUser", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));
    }

    private Subscriber subscriber(SubscriberPrincipal principal) {
        return directory.findById(principal.subscriberId())
                .orElseThrow(() -> new IllegalStateException("Signed-in subscriber " + principal.subscriberId()
                        + " no longer exists"));
    }


    /** Outcome of a code request. */
    sealed interface SendResult permits Sent, CaptchaRequired, CaptchaInvalid, RateLimited {
    }

    record Sent(Instant expiresAt) implements SendResult {
    }

    /** No CAPTCHA answer was sent; {@code captchaId} names the code issued for the next request. */
    record CaptchaRequired(String captchaId) implements SendResult {
    }

    /** The CAPTCHA answer was wrong or stale; {@code captchaId} names the code issued for the next request. */
    record CaptchaInvalid(String captchaId) implements SendResult {
    }

    record RateLimited(Duration retryAfter) implements SendResult {
    }

    /** Outcome of a proof. */
    sealed interface VerifyResult permits Verified, Invalid, Locked {
    }

    record Verified(Instant validUntil) implements VerifyResult {
    }

    /** The code was wrong, expired or used, or the service password was wrong. */
    record Invalid() implements VerifyResult {
    }

    record Locked(Instant lockedUntil) implements VerifyResult {
    }
}
