package org.selfcare.subscription;

import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * A subscription request the portal rejects: the response's status, its stable code, and the message bundle key
 * and arguments of the plain-words explanation.
 */
class SubscriptionRefusedException extends RuntimeException {

    private final HttpStatus status;

    private final String code;

    private final String messageKey;

    private final transient List<Object> arguments;

    /**
     * @param reason the last part of the message key {@code subscription.error.<reason>}
     */
    SubscriptionRefusedException(HttpStatus status, String code, String reason, Object... arguments) {
        super(code + ": " + reason, null, false, false);
        this.status = status;
        this.code = code;
        this.messageKey = "subscription.error." + reason;
        this.arguments = List.of(arguments);
    }

    static SubscriptionRefusedException invalid(String reason, Object... arguments) {
        return new SubscriptionRefusedException(HttpStatus.BAD_REQUEST, "invalid_request", "invalid." + reason,
                arguments);
    }

    static SubscriptionRefusedException unknownService() {
        return new SubscriptionRefusedException(HttpStatus.NOT_FOUND, "unknown_service", "unknown-service");
    }

    HttpStatus status() {
        return status;
    }

    String code() {
        return code;
    }

    String messageKey() {
        return messageKey;
    }

    List<Object> arguments() {
        return arguments;
    }
}
