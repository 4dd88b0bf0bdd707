package org.selfcare.operator.console;

import jakarta.servlet.http.HttpServletRequest;
import org.selfcare.audit.ChainVerification;
import org.selfcare.audit.ChainVerifier;
import org.selfcare.audit.SecurityEvents;
import org.selfcare.operator.staff.StaffPrincipal;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The security log for auditors: the latest events, and a verification of the whole chain on request.
 */
@Controller
class AuditPageController {

    static final int EVENTS_SHOWN = 200;

    private final SecurityEvents events;

    private final ChainVerifier verifier;

    private final StaffActions actions;

    AuditPageController(SecurityEvents events, ChainVerifier verifier, StaffActions actions) {
        this.events = events;
        this.verifier = verifier;
        this.actions = actions;
    }

    @GetMapping("/console/audit")
    String show(Model model) {
        model.addAttribute("events", events.latest(EVENTS_SHOWN));
        return "console/audit";
    }

    @PostMapping("/console/audit/verify")
    String verify(@AuthenticationPrincipal StaffPrincipal staff, HttpServletRequest request, Model model) {
        ChainVerification result = verifier.verify();
        actions.done(staff, request, null, "verified the security event chain: " + result.summary());
        model.addAttribute("verification", result);
        return show(model);
    }
}
