package org.selfcare.identity;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.ObjectMapper;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.CsrfException;

/**
 * Tells a subscriber who signed in with the initial password why the rest of the portal refuses them: pages
 * redirect to {@code /first-sign-in}, API calls get 403 with {@code "code": "first_sign_in_required"}. The
 * access rules decide the refusal; this class only words it. An API call with a missing or wrong CSRF token gets
 * 403 with {@code "code": "csrf_token_invalid"}, so a script learns what to fix. Other refusals get the usual 403.
 */
class FirstSignInRequiredHandler implements AccessDeniedHandler {

    static final String FIRST_SIGN_IN_PAGE = "/first-sign-in";

    private final AccessDeniedHandler usual = new AccessDeniedHandlerImpl();

    private final MessageSource messages;

    private final ObjectMapper json;

    FirstSignInRequiredHandler(MessageSource messages, ObjectMapper json) {
        this.messages = messages;
        this.json = json;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
            throws IOException, ServletException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        boolean pending = authentication != null
                && authentication.getPrincipal() instanceof SubscriberPrincipal principal
                && principal.firstSignInPending();
        String path = request.getServletPath();
        if (exception instanceof CsrfException && path.startsWith("/api/")) {
            writeJson(response, "csrf.invalid", "csrf_token_invalid");
            return;
        }
        if (!pending || exception instanceof CsrfException) {
            usual.handle(request, response, exception);
            return;
        }
        if (path.startsWith("/api/")) {
            writeJson(response, "first-sign-in.required", "first_sign_in_required");
        }
        else {
            response.sendRedirect(request.getContextPath() + FIRST_SIGN_IN_PAGE);
        }
    }

    private void writeJson(HttpServletResponse response, String messageKey, String code) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", HttpServletResponse.SC_FORBIDDEN);
        body.put("error", messages.getMessage(messageKey, null, LocaleContextHolder.getLocale()));
        body.put("code", code);
        body.put("errorId", UUID.randomUUID().toString());
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        json.writeValue(response.getOutputStream(), body);
    }
}
