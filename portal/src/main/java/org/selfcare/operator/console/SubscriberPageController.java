package org.selfcare.operator.console;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.selfcare.audit.SecurityEvents;
import org.selfcare.identity.AccountLockout;
import org.selfcare.identity.Subscriber;
import org.selfcare.identity.SubscriberDirectory;
import org.selfcare.monitoring.Alerts;
import org.selfcare.operator.staff.StaffPrincipal;
import org.selfcare.platform.PhoneNumbers;
import org.selfcare.platform.SelfcareProperties;
import org.selfcare.stepup.RiskSignals;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Subscriber lookup for support staff: by phone number, the status, whether the number is locked, the risk that
 * monitoring sees, the recent security events and alerts; and unlocking the number. Each lookup is recorded,
 * because it shows a subscriber's data to a member of staff.
 */
@Controller
class SubscriberPageController {

    static final int EVENTS_SHOWN = 50;

    static final int ALERTS_SHOWN = 20;

    private final SubscriberDirectory directory;

    private final AccountLockout lockout;

    private final SecurityEvents events;

    private final Alerts alerts;

    private final RiskSignals risk;

    private final SubscriberNumbers numbers;

    private final StaffActions actions;

    private final SelfcareProperties selfcare;

    SubscriberPageController(SubscriberDirectory directory, AccountLockout lockout, SecurityEvents events,
            Alerts alerts, RiskSignals risk, SubscriberNumbers numbers,
            StaffActions actions, SelfcareProperties selfcare) {
        this.directory = directory;
        this.lockout = lockout;
        this.events = events;
        this.alerts = alerts;
        this.risk = risk;
        this.numbers = numbers;
        this.actions = actions;
        this.selfcare = selfcare;
    }

    @GetMapping("/console/subscribers")
    String lookUp(@RequestParam(required = false) String number, @AuthenticationPrincipal StaffPrincipal staff,
            HttpServletRequest request, Model model) {
        model.addAttribute("number", number);
        if (number == null || number.isBlank()) {
            return "console/subscribers";
        }
        Optional<Subscriber> found = find(number);
        if (found.isEmpty()) {
            model.addAttribute("problem", "console.subscribers.unknown");
            return "console/subscribers";
        }
        Subscriber subscriber = found.get();
        actions.done(staff, request, subscriber.id(), "looked up subscriber " + subscriber.msisdnE164());
        model.addAttribute("subscriber", subscriber);
        model.addAttribute("lockedUntil", lockout.lockedUntil(subscriber).orElse(null));
        model.addAttribute("events", events.forSubscriber(subscriber.id(), EVENTS_SHOWN));
        model.addAttribute("alerts", numbers.withNumbers(alerts.forSubscriber(subscriber.id(), ALERTS_SHOWN)));
        model.addAttribute("risk", risk.stateOf(subscriber.id()));
        return "console/subscribers";
    }

    @PostMapping("/console/subscribers/{id}/unlock")
    String unlock(@PathVariable long id, @AuthenticationPrincipal StaffPrincipal staff, HttpServletRequest request,
            RedirectAttributes redirect) {
        Optional<Subscriber> subscriber = directory.findById(id);
        if (subscriber.isEmpty()) {
            redirect.addFlashAttribute("problem", "console.subscribers.unknown");
            return "redirect:/console/subscribers";
        }
        boolean wasLocked = lockout.unlock(subscriber.get(), staff.username(), request.getRemoteAddr());
        actions.done(staff, request, id, "unlocked subscriber " + subscriber.get().msisdnE164()
                + (wasLocked ? "" : " (it was not locked)"));
        redirect.addFlashAttribute("notice", "console.subscribers.unlocked");
        // A variable is encoded strictly, so the number's "+" does not come back as a space.
        return "redirect:" + UriComponentsBuilder.fromPath("/console/subscribers")
                .queryParam("number", "{number}")
                .encode()
                .buildAndExpand(subscriber.get().msisdnE164())
                .toUriString();
    }

    private Optional<Subscriber> find(String number) {
        return PhoneNumbers.toE164(number.strip(), selfcare.defaultRegion()).flatMap(directory::findByE164);
    }
}
