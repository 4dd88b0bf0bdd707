package org.selfcare.purchase.order;

import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * An order request the portal refuses: the response's status, its stable code, and the message bundle key and
 * arguments of the plain-words explanation.
 */
public class OrderRefusedException extends RuntimeException {

    private final HttpStatus status;

    private final String code;

    private final String messageKey;

    private final transient List<Object> arguments;

    /**
     * @param reason the last part of the message key {@code purchase.error.<reason>}
     */
    public OrderRefusedException(HttpStatus status, String code, String reason, Object... arguments) {
        super(code + ": " + reason);
        this.status = status;
        this.code = code;
        this.messageKey = "purchase.error." + reason;
        this.arguments = List.of(arguments);
    }

    static OrderRefusedException badRequest(String code, String reason, Object... arguments) {
        return new OrderRefusedException(HttpStatus.BAD_REQUEST, code, reason, arguments);
    }

    static OrderRefusedException conflict(String code, String reason, Object... arguments) {
        return new OrderRefusedException(HttpStatus.CONFLICT, code, reason, arguments);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The message bundle key of the explanation. */
    public String messageKey() {
        return messageKey;
    }

    public List<Object> arguments() {
        return arguments;
    }
}
