package org.selfcare.integrity;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.selfcare.audit.SecurityEvent;
import org.selfcare.audit.SecurityEventType;
import org.selfcare.audit.SecurityLog;
import org.selfcare.identity.SubscriberPrincipal;
import org.selfcare.platform.SignedInApiFilter;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Verifies the signature of every API request of a signed-in session and signs the response. It runs after Spring
 * Security, so an unauthenticated request has already received the sign-in entry point's 401. The only request
 * it lets through unsigned is the one that fetches the session key.
 */
class RequestSignatureFilter extends OncePerRequestFilter implements SignedInApiFilter {

    private static final String API_PREFIX = "/api/v1/";

    static final String RESPONSE_HEADER = "X-Selfcare-Response-Signature";

    static final String REJECTED_CODE = "request_signature_invalid";

    static final String SESSION_KEY_PATH = "/api/v1/session-key";

    private final IntegrityProperties properties;

    private final NonceStore nonces;

    private final SecurityLog securityLog;

    private final IntegrityResponses responses;

    private final Clock clock;

    RequestSignatureFilter(IntegrityProperties properties, NonceStore nonces, SecurityLog securityLog,
            IntegrityResponses responses, Clock clock) {
        this.properties = properties;
        this.nonces = nonces;
        this.securityLog = securityLog;
        this.responses = responses;
        this.clock = clock;
    }

    /**
     * Skips everything but the API. Error pages rendered by a forward are skipped too, because they have no
     * signature of their own: {@link OncePerRequestFilter} does not run for error dispatches.
     */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(request.getContextPath() + API_PREFIX);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!signedIn(authentication) || fetchesSessionKey(request)) {
            chain.doFilter(request, response);
            return;
        }

        List<String> headers = Collections.list(request.getHeaders(RequestSignature.HEADER));
        if (headers.isEmpty()) {
            reject(request, response, authentication, Rejection.MISSING, null);
            return;
        }
        Optional<RequestSignature> parsed = (headers.size() == 1) ? RequestSignature.parse(headers.get(0))
                : Optional.empty();
        if (parsed.isEmpty()) {
            reject(request, response, authentication, Rejection.MALFORMED, null);
            return;
        }
        RequestSignature signature = parsed.get();
        Optional<SessionKey> key = SessionKeys.find(request.getSession(false));
        if (key.isEmpty()) {
            reject(request, response, authentication, Rejection.NO_KEY, null);
            return;
        }

        Optional<CachedBodyRequest> cached = CachedBodyRequest.read(request, properties.maxBodySize().toBytes());
        if (cached.isEmpty()) {
            writeJson(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                    responses.errorJson(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "request_too_large",
                            "integrity.request-too-large"));
            return;
        }

        Optional<Rejection> rejection = check(request, cached.get().body(), signature, key.get());
        if (rejection.isPresent()) {
            reject(request, response, authentication, rejection.get(), new Signer(key.get(), signature.nonce()));
            return;
        }

        ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(response);
        chain.doFilter(cached.get(), buffered);
        // An exception thrown above leaves the response unsigned, so the client sees an integrity error instead
        // of an error page it cannot verify.
        new Signer(key.get(), signature.nonce()).sign(buffered);
        buffered.copyBodyToResponse();
    }

    /**
     * Runs the checks that need the body, in this order: MAC, timestamp window, then nonce, so that only a
     * request with a valid MAC and timestamp uses up its nonce.
     */
    private Optional<Rejection> check(HttpServletRequest request, byte[] body, RequestSignature signature,
            SessionKey key) {
        String lines = MessageMac.requestLines(request.getMethod(), request.getRequestURI(), request.getQueryString(),
                body, signature.timestamp(), signature.nonce());
        if (!MessageMac.matches(MessageMac.mac(key.key(), lines), signature.mac())) {
            return Optional.of(Rejection.WRONG_MAC);
        }

        Instant now = clock.instant();
        long window = properties.requestWindow().toSeconds();
        long age = now.getEpochSecond() - signature.epochSecond();
        if (age > window) {
            return Optional.of(Rejection.STALE);
        }
        if (age < -window) {
            return Optional.of(Rejection.FUTURE);
        }

        if (!nonces.recordFirstUse(key.keyId(), signature.nonce(), now.plus(properties.nonceLifetime()))) {
            return Optional.of(Rejection.REPLAY);
        }
        return Optional.empty();
    }

    private void reject(HttpServletRequest request, HttpServletResponse response, Authentication authentication,
            Rejection rejection, Signer signer) throws IOException {
        Long subscriberId = (authentication.getPrincipal() instanceof SubscriberPrincipal principal)
                ? principal.subscriberId() : null;
        securityLog.record(new SecurityEvent(SecurityEventType.REQUEST_REJECTED, clock.instant(), subscriberId,
                authentication.getName(), request.getRemoteAddr(), "rejected",
                rejection.reason() + ": " + request.getMethod() + " " + request.getRequestURI()));

        int status = HttpServletResponse.SC_UNAUTHORIZED;
        byte[] body = responses.errorJson(status, REJECTED_CODE, "integrity.request-rejected");
        // A rejection after the MAC was checked is signed too, because the client has the key and the nonce.
        if (signer != null) {
            response.setHeader(RESPONSE_HEADER, signer.signature(status, body));
        }
        writeJson(response, status, body);
    }

    private static void writeJson(HttpServletResponse response, int status, byte[] body) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static boolean signedIn(Authentication authentication) {
        return authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken);
    }

    private static boolean fetchesSessionKey(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && SESSION_KEY_PATH.equals(request.getRequestURI());
    }

    /** Signs responses to one request with the session key and the request's nonce. */
    private record Signer(SessionKey key, String nonce) {

        String signature(int status, byte[] body) {
            byte[] mac = MessageMac.mac(key.key(), MessageMac.responseLines(status, nonce, body));
            return MessageMac.VERSION + ";nonce=" + nonce + ";mac=" + SessionKey.Base64Url.encode(mac);
        }

        void sign(ContentCachingResponseWrapper response) {
            response.setHeader(RESPONSE_HEADER, signature(response.getStatus(), response.getContentAsByteArray()));
        }
    }
}
