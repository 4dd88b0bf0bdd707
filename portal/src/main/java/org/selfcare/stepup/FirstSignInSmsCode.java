package org.selfcare.stepup;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpSession;
import org.selfcare.identity.Subscriber;
import org.selfcare.identity.firstsignin.CodeSending;
import org.selfcare.identity.firstsignin.CodeSendingIdentityCheck;

import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * {@code sms-code}: a provisioned subscriber proves at the first sign-in that they hold the phone, with a one-time
 * code sent by SMS. The codes and their send limits are those of second authentication, under a purpose of their
 * own, so a first-sign-in code proves nothing else.
 */
@Component
class FirstSignInSmsCode implements CodeSendingIdentityCheck {

    static final String NAME = "sms-code";

    static final String CODE_FIELD = "code";

    private static final int CODE_LENGTH = 6;

    private final SmsCodes codes;

    private final CodeSender sender;

    FirstSignInSmsCode(SmsCodes codes, CodeSender sender) {
        this.codes = codes;
        this.sender = sender;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> fields() {
        return List.of(CODE_FIELD);
    }

    @Override
    public Optional<String> inputError(Map<String, String> fields) {
        String code = fields.get(CODE_FIELD);
        if (code == null || code.isBlank() || code.strip().length() > CODE_LENGTH * 4) {
            return Optional.of("first-sign-in.input.code-missing");
        }
        return Optional.empty();
    }

    @Override
    public CodeSending sendCode(Subscriber subscriber, String clientAddress) {
        String binding = StepUpSession.binding(currentSession());
        CodeSender.Outcome outcome = sender.send(subscriber, binding, Purpose.FIRST_SIGN_IN, clientAddress);
        if (!outcome.sent()) {
            return new CodeSending.RateLimited(outcome.retryAfter());
        }
        return new CodeSending.Sent(outcome.expiresAt());
    }

    @Override
    public boolean verify(Subscriber subscriber, Map<String, String> fields) {
        String binding = StepUpSession.binding(currentSession());
        return codes.consume(subscriber.id(), binding, Purpose.FIRST_SIGN_IN, fields.get(CODE_FIELD).strip());
    }

    /**
     * Returns the session of the request being served. Codes are bound to it, so a code sent to one browser's
     * first sign-in cannot finish another's.
     */
    private static HttpSession currentSession() {
        if (!(RequestContextHolder.currentRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            throw new IllegalStateException("The first sign-in's SMS code needs an HTTP request");
        }
        return attributes.getRequest().getSession();
    }

}
