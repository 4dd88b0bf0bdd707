package org.selfcare.operator.console;

import java.time.Clock;

import jakarta.servlet.http.HttpServletRequest;

import org.selfcare.audit.SecurityEvent;
import org.selfcare.audit.SecurityEventType;
import org.selfcare.audit.SecurityLog;
import org.selfcare.operator.staff.StaffPrincipal;

import org.springframework.stereotype.Component;

/**
 * Records what members of staff do and what they are refused, as security events that name the staff user, what
 * they did and to whom.
 */
@Component
class StaffActions {

    private final SecurityLog securityLog;

    private final Clock clock;

    StaffActions(SecurityLog securityLog, Clock clock) {
        this.securityLog = securityLog;
        this.clock = clock;
    }

    /**
     * Records a change made by {@code staff}.
     *
     * @param subscriberId the subscriber it concerns, or {@code null}
     * @param what what was done and to whom, such as {@code unlocked +447700900123}
     */
    void done(StaffPrincipal staff, HttpServletRequest request, Long subscriberId, String what) {
        securityLog.record(new SecurityEvent(SecurityEventType.STAFF_ACTION, clock.instant(), subscriberId,
                staff.username(), request.getRemoteAddr(), "success", what));
    }

    /** Records a refusal of a request by its role rules or its CSRF check. */
    void denied(String username, HttpServletRequest request, String why) {
        securityLog.record(new SecurityEvent(SecurityEventType.STAFF_ACCESS_DENIED, clock.instant(), null, username,
                request.getRemoteAddr(), "denied", request.getMethod() + " " + request.getRequestURI() + ": " + why));
    }
}
