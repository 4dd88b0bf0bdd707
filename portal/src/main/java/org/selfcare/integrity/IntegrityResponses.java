package org.selfcare.integrity;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.ObjectMapper;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Builds the JSON error bodies of this module in the portal's shape: {@code status}, {@code error} from the
 * message bundle, {@code errorId} and a stable {@code code}.
 */
@Component
class IntegrityResponses {

    private final MessageSource messages;

    private final ObjectMapper json;

    IntegrityResponses(MessageSource messages, ObjectMapper json) {
        this.messages = messages;
        this.json = json;
    }

    Map<String, Object> errorBody(int status, String code, String messageKey) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", messages.getMessage(messageKey, null, LocaleContextHolder.getLocale()));
        body.put("errorId", UUID.randomUUID().toString());
        body.put("code", code);
        return body;
    }

    byte[] errorJson(int status, String code, String messageKey) {
        return json.writeValueAsBytes(errorBody(status, code, messageKey));
    }
}
