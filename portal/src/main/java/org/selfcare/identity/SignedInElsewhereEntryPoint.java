package org.selfcare.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.stereotype.Component;

/**
 * Entry point for an API call made with a session that a newer sign-in ended. It returns 401 with a JSON body
 * whose {@code error} is the {@code signin.elsewhere} message, and whose {@code reason} the portal's scripts
 * read to show the same message on the sign-in page.
 */
@Component
@ConditionalOnWebApplication
class SignedInElsewhereEntryPoint implements AuthenticationEntryPoint {

    /** Value of {@code reason} in the response body, which api.js compares against. */
    static final String REASON = "SIGNED_IN_ELSEWHERE";

    private final MessageSource messages;

    private final JsonMapper json;

    SignedInElsewhereEntryPoint(MessageSource messages, JsonMapper json) {
        this.messages = messages;
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException authException) throws IOException {
        String message = messages.getMessage("signin.elsewhere", null, request.getLocale());
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(json.writeValueAsString(Map.of("status", 401, "error", message, "reason", REASON)));
    }
}
