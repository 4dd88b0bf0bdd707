package org.selfcare.platform.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.WebRequest;

/**
 * Error details for pages and API responses that show nothing of the software: only the status, its standard
 * reason phrase and an error id. The id is logged with the exception, so support can find the cause from
 * what the subscriber reads out.
 */
@Component
class PlainErrorAttributes extends DefaultErrorAttributes {

    private static final Logger logger = LoggerFactory.getLogger(PlainErrorAttributes.class);

    @Override
    public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
        Map<String, Object> defaults = super.getErrorAttributes(request, ErrorAttributeOptions.defaults());
        int status = (defaults.get("status") instanceof Integer code) ? code : 500;
        String errorId = UUID.randomUUID().toString();

        Throwable error = getError(request);
        if (status >= 500) {
            logger.error("Request failed errorId={} path={} status={}", errorId, defaults.get("path"), status, error);
        }
        else {
            logger.debug("Request rejected errorId={} path={} status={}", errorId, defaults.get("path"), status, error);
        }

        HttpStatus resolved = HttpStatus.resolve(status);
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("status", status);
        attributes.put("error", (resolved != null) ? resolved.getReasonPhrase() : "Error");
        attributes.put("errorId", errorId);
        return attributes;
    }
}
