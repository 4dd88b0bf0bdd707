package org.selfcare.integrity;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import org.selfcare.audit.SecurityEvent;
import org.selfcare.audit.SecurityEventType;
import org.selfcare.audit.SecurityLog;
import org.selfcare.identity.SubscriberPrincipal;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Issues the session key once per signed-in session. The request needs the session cookie and the CSRF token but
 * no signature, because the client has no key yet.
 */
@RestController
class SessionKeyController {

    static final String ALGORITHM = "HMAC-SHA256";

    private final SecurityLog securityLog;

    private final IntegrityResponses responses;

    private final Clock clock;

    SessionKeyController(SecurityLog securityLog, IntegrityResponses responses, Clock clock) {
        this.securityLog = securityLog;
        this.responses = responses;
        this.clock = clock;
    }

    @PostMapping(path = RequestSignatureFilter.SESSION_KEY_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> issue(@AuthenticationPrincipal SubscriberPrincipal principal,
            HttpServletRequest request) {
        Optional<SessionKey> issued = SessionKeys.issue(request.getSession());
        if (issued.isEmpty()) {
            return ResponseEntity.status(HttpStatus.CONFLICT)
                    .cacheControl(CacheControl.noStore())
                    .body(responses.errorBody(HttpStatus.CONFLICT.value(), "session_key_already_issued",
                            "integrity.session-key-already-issued"));
        }

        SessionKey key = issued.get();
        securityLog.record(new SecurityEvent(SecurityEventType.SESSION_KEY_ISSUED, clock.instant(),
                principal.subscriberId(), principal.getUsername(), request.getRemoteAddr(), "success",
                "session key " + key.keyId() + " issued"));
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(Map.of("keyId", key.keyId(), "key", key.encodedKey(), "algorithm", ALGORITHM));
    }
}
