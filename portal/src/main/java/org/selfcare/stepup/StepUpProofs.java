package org.selfcare.stepup;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.web.util.WebUtils;

import jakarta.servlet.http.HttpSession;

/**
 * Second-authentication proofs in the session. Sessions live in the shared session store, so every portal node reads
 * the same proofs. Each proof is one small serialised attribute per purpose.
 */
@Service
public class StepUpProofs {

    private static final String PROOF_ATTRIBUTE = StepUpProofs.class.getName() + ".PROOF.";

    private final Clock clock;

    StepUpProofs(Clock clock) {
        this.clock = clock;
    }

    /**
     * Returns whether the session contains an unexpired proof of {@code subscriberId} for {@code purpose} that is not
     * limited to details such as a payment's amount.
     *
     * @param session the request's session, or {@code null} when it has none
     */
    public boolean hasProof(HttpSession session, long subscriberId, Purpose purpose) {
        if (session == null) {
            return false;
        }
        Object stored = session.getAttribute(PROOF_ATTRIBUTE + purpose.pathName());
        return stored instanceof Proof proof && proof.satisfies(purpose, subscriberId, Map.of(), clock.instant());
    }

    /**
     * Stores a proof, replacing an earlier one for the same purpose.
     */
    void grant(HttpSession session, Proof proof) {
        synchronized (WebUtils.getSessionMutex(session)) {
            session.setAttribute(PROOF_ATTRIBUTE + proof.purpose().pathName(), proof);
        }
    }

    /**
     * Removes every proof from the session.
     */
    void clear(HttpSession session) {
        for (Purpose purpose : Purpose.values()) {
            session.removeAttribute(PROOF_ATTRIBUTE + purpose.pathName());
        }
    }

    Instant now() {
        return clock.instant();
    }
}
