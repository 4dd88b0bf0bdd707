package org.selfcare.identity;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;

/**
 * Shows the sign-in page again after a locked identifier or a throttled client address, with the reason. It
 * serves only requests that {@link SignInFailureHandler} forwards, and returns 404 to any other.
 */
@Controller
class SignInRefusalController {

    /**
     * Lock end as the page shows it, in UTC, because a number that belongs to no subscriber has no zone of its
     * own.
     */
    private static final DateTimeFormatter LOCK_END = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    @RequestMapping(SignInFailureHandler.REFUSED_PATH)
    String refused(HttpServletRequest request, HttpServletResponse response, Model model) {
        if (request.getDispatcherType() != DispatcherType.FORWARD) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        if (request.getAttribute(SignInFailureHandler.THROTTLED_ATTRIBUTE) != null) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            model.addAttribute("throttled", true);
        }
        if (request.getAttribute(SignInFailureHandler.LOCKED_UNTIL_ATTRIBUTE) instanceof Instant lockedUntil) {
            model.addAttribute("lockedUntil", formatLockEnd(lockedUntil));
        }
        return "signin";
    }

    /**
     * Formats the lock end rounded up to the next whole minute, so a subscriber who waits until the minute shown
     * is never rejected.
     */
    static String formatLockEnd(Instant lockedUntil) {
        return LOCK_END.format(roundUp(lockedUntil));
    }

    static Instant roundUp(Instant lockedUntil) {
        Instant minute = lockedUntil.truncatedTo(ChronoUnit.MINUTES);
        return minute.equals(lockedUntil) ? minute : minute.plus(1, ChronoUnit.MINUTES);
    }
}
