package org.selfcare.stepup;

import java.io.IOException;
import java.util.Map;

import tools.jackson.databind.ObjectMapper;

import org.selfcare.identity.SubscriberPrincipal;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Lets a request reach a {@link RequiresStepUp} handler only with a valid proof for its purpose in the session. An
 * API request without one gets 403 with the code {@code step_up_required}; a page request is redirected to the
 * step-up page.
 */
class StepUpInterceptor implements HandlerInterceptor {

    private final StepUpProofs proofs;

    private final StepUpResponses responses;

    private final ObjectMapper json;

    StepUpInterceptor(StepUpProofs proofs, StepUpResponses responses, ObjectMapper json) {
        this.proofs = proofs;
        this.responses = responses;
        this.json = json;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        RequiresStepUp required = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), RequiresStepUp.class);
        if (required == null) {
            required = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), RequiresStepUp.class);
        }
        if (required == null) {
            return true;
        }

        Purpose purpose = required.value();
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof SubscriberPrincipal principal
                && proofs.hasProof(request.getSession(false), principal.subscriberId(), purpose)) {
            return true;
        }

        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            HttpStatus status = HttpStatus.FORBIDDEN;
            response.setStatus(status.value());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
            json.writeValue(response.getOutputStream(), responses.errorBody(status, "step_up_required",
                    responses.text("stepup.required." + purpose.pathName()), Map.of("purpose", purpose.pathName())));
        }
        else {
            response.sendRedirect(request.getContextPath() + StepUpPageController.PAGE_PATH + "?purpose="
                    + purpose.pathName());
        }
        return false;
    }
}
