package org.selfcare.stepup;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import jakarta.servlet.http.HttpSession;

/**
 * Removes every proof, SMS code binding and operation waiting for a code from the session at each sign-in, so a new
 * sign-in starts without them even when it reuses the browser session of an earlier one.
 */
@Component
class ProofReset {

    private final StepUpProofs proofs;

    ProofReset(StepUpProofs proofs) {
        this.proofs = proofs;
    }

    @EventListener
    void onSignIn(AuthenticationSuccessEvent event) {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return;
        }
        HttpSession session = attributes.getRequest().getSession(false);
        if (session != null) {
            proofs.clear(session);
            StepUpSession.reset(session);
            PendingOperations.clear(session);
        }
    }
}
