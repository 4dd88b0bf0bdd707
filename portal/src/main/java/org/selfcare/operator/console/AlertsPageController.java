package org.selfcare.operator.console;

import jakarta.servlet.http.HttpServletRequest;
import org.selfcare.monitoring.Alerts;
import org.selfcare.operator.staff.StaffPrincipal;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Alerts for support staff: the latest ones, open or all, and resolving one with a note and, when the subscriber
 * has no other open alert, clearing their risk.
 */
@Controller
class AlertsPageController {

    static final int PAGE_SIZE = 100;

    static final int MAX_RESOLUTION = 500;

    private final Alerts alerts;

    private final SubscriberNumbers numbers;

    private final StaffActions actions;

    AlertsPageController(Alerts alerts, SubscriberNumbers numbers, StaffActions actions) {
        this.alerts = alerts;
        this.numbers = numbers;
        this.actions = actions;
    }

    @GetMapping("/console/alerts")
    String list(@RequestParam(defaultValue = "true") boolean open, Model model) {
        model.addAttribute("open", open);
        model.addAttribute("alerts", numbers.withNumbers(alerts.list(open, PAGE_SIZE)));
        return "console/alerts";
    }

    @PostMapping("/console/alerts/{id}/resolve")
    String resolve(@PathVariable long id, @RequestParam String resolution,
            @RequestParam(defaultValue = "false") boolean clearRisk, @AuthenticationPrincipal StaffPrincipal staff,
            HttpServletRequest request, RedirectAttributes redirect) {
        String note = resolution.strip();
        if (note.isEmpty() || note.length() > MAX_RESOLUTION) {
            redirect.addFlashAttribute("problem", "console.alerts.resolution-invalid");
            return "redirect:/console/alerts";
        }
        alerts.resolve(id, staff.username(), note, clearRisk).ifPresentOrElse((alert) -> {
            actions.done(staff, request, alert.subscriberId(), "resolved alert " + id + " (" + alert.detector() + ")"
                    + (clearRisk ? " and cleared the risk" : ""));
            redirect.addFlashAttribute("notice", "console.alerts.resolved");
        }, () -> redirect.addFlashAttribute("problem", "console.alerts.not-open"));
        return "redirect:/console/alerts";
    }
}
