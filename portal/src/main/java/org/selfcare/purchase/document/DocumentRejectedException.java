package org.selfcare.purchase.document;

import org.springframework.http.HttpStatus;

/**
 * An upload that is not stored. The code and status go to the client, the message key names the plain words it
 * reads, and the log reason goes to the security event only.
 */
class DocumentRejectedException extends RuntimeException {

    private final Rejection rejection;

    private final String logReason;

    DocumentRejectedException(Rejection rejection, String logReason) {
        super(rejection.code() + ": " + logReason);
        this.rejection = rejection;
        this.logReason = logReason;
    }

    DocumentRejectedException(Rejection rejection, String logReason, Throwable cause) {
        super(rejection.code() + ": " + logReason, cause);
        this.rejection = rejection;
        this.logReason = logReason;
    }

    Rejection rejection() {
        return rejection;
    }

    String logReason() {
        return logReason;
    }

    /**
     * Why an upload was rejected, with the status and code of the JSON answer and the key of its text in
     * messages.properties.
     */
    enum Rejection {

        MISSING(HttpStatus.BAD_REQUEST, "document_missing"),
        EMPTY(HttpStatus.BAD_REQUEST, "document_empty"),
        TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "document_too_large"),
        PICTURE_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "document_too_large"),
        TYPE_NOT_ALLOWED(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "document_type_not_allowed"),
        UNREADABLE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "document_type_not_allowed"),
        UNSAFE(HttpStatus.UNPROCESSABLE_CONTENT, "document_unsafe"),
        ENCRYPTED(HttpStatus.UNPROCESSABLE_CONTENT, "document_unsafe"),
        INFECTED(HttpStatus.UNPROCESSABLE_CONTENT, "document_infected"),
        SCANNER_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "scanner_unavailable");

        private final HttpStatus status;

        private final String code;

        Rejection(HttpStatus status, String code) {
            this.status = status;
            this.code = code;
        }

        HttpStatus status() {
            return status;
        }

        String code() {
            return code;
        }

        /** Returns the key of the customer-facing text, such as {@code document.rejected.too-large}. */
        String messageKey() {
            return "document.rejected." + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
