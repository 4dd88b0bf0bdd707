package org.selfcare.purchase.document;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;
import tools.jackson.databind.ObjectMapper;

import org.selfcare.identity.SubscriberPrincipal;
import org.selfcare.purchase.document.DocumentRejectedException.Rejection;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.MediaType;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.StandardServletMultipartResolver;

/**
 * Parses the multipart body of an upload before Spring Security does, and responds to an upload that is too
 * large with 413 itself. Without it, the CSRF filter would read the token from a body that the container refused to
 * parse, find none, and respond 403, so the subscriber would never learn that the file was too large.
 *
 * <p>A body whose declared length is over the limit is refused before it is read. A body without a length is
 * parsed under the container's multipart limits. Either way, the rest of the body is read and discarded up to
 * {@link #DRAIN_FACTOR} times the limit before the answer, because a browser that is still sending shows a
 * broken connection rather than the answer when the server closes it.
 */
final class UploadSizeFilter extends OncePerRequestFilter {

    static final String PATH = "/shop/identity-document";

    static final String REJECTED_VIEW = "identity-document-rejected";

    private static final int DRAIN_FACTOR = 3;

    private final long maxRequestBytes;

    private final ObjectProvider<DocumentResponses> responses;

    private final ObjectProvider<DocumentUpload> uploads;

    private final ObjectMapper json;

    private final ITemplateEngine templates;

    private final StandardServletMultipartResolver multipart = new StandardServletMultipartResolver();

    UploadSizeFilter(long maxRequestBytes, ObjectProvider<DocumentResponses> responses,
            ObjectProvider<DocumentUpload> uploads, ObjectMapper json, ITemplateEngine templates) {
        this.maxRequestBytes = maxRequestBytes;
        this.responses = responses;
        this.uploads = uploads;
        this.json = json;
        this.templates = templates;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && PATH.equals(request.getRequestURI()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxRequestBytes) {
            reject(request, response, new DocumentRejectedException(Rejection.TOO_LARGE,
                    "request body of " + declared + " bytes"));
            return;
        }
        if (multipart.isMultipart(request)) {
            try {
                // Parses the parts now; the container keeps them for the CSRF filter and the controller.
                multipart.resolveMultipart(request);
            }
            catch (MaxUploadSizeExceededException ex) {
                reject(request, response, new DocumentRejectedException(Rejection.TOO_LARGE,
                        "multipart body over the limit of " + maxRequestBytes + " bytes", ex));
                return;
            }
            catch (MultipartException ex) {
                reject(request, response, new DocumentRejectedException(Rejection.MISSING,
                        "unreadable multipart body", ex));
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private void reject(HttpServletRequest request, HttpServletResponse response, DocumentRejectedException rejected)
            throws IOException {
        // Only a signed-in subscriber's rejection is recorded, so requests without a session cannot fill the
        // security event log.
        signedInSubscriber(request).ifPresent((subscriberId) -> uploads.getObject().recordRejection(subscriberId,
                request.getRemoteAddr(), rejected));
        Rejection rejection = rejected.rejection();
        drain(request);
        response.setStatus(rejection.status().value());
        response.setHeader("Cache-Control", "no-store");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (DocumentResponses.wantsJson(request)) {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            json.writeValue(response.getOutputStream(), responses.getObject().errorBody(rejection));
            return;
        }
        response.setContentType(MediaType.TEXT_HTML_VALUE);
        JakartaServletWebApplication application = JakartaServletWebApplication
                .buildApplication(request.getServletContext());
        WebContext context = new WebContext(application.buildExchange(request, response),
                LocaleContextHolder.getLocale(), Map.of("message", responses.getObject().text(rejection)));
        templates.process(REJECTED_VIEW, context, response.getWriter());
    }

    /**
     * Returns the subscriber of the request's session. This filter runs before Spring Security loads the
     * session's security context, so it reads the context where Spring Security stores it.
     */
    private static Optional<Long> signedInSubscriber(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null
                || !(session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY)
                        instanceof SecurityContext context)
                || context.getAuthentication() == null
                || !(context.getAuthentication().getPrincipal() instanceof SubscriberPrincipal principal)
                || principal.firstSignInPending()) {
            return Optional.empty();
        }
        return Optional.of(principal.subscriberId());
    }

    private void drain(HttpServletRequest request) {
        byte[] buffer = new byte[8192];
        long left = DRAIN_FACTOR * maxRequestBytes;
        try {
            InputStream in = request.getInputStream();
            int read;
            while (left > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                left -= read;
            }
        }
        catch (IOException | IllegalStateException ex) {
            // The client stopped sending or the body was consumed by the parser; the response is sent anyway.
            logger.debug("Stopped reading the rest of a rejected upload", ex);
        }
    }
}
