package org.selfcare.identity.password;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.selfcare.identity.SubscriberPrincipal;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The change-password page, {@code /account/password}: a form with the current password, the new one and its
 * repetition. It posts to itself with the CSRF token and shows every rule the new password breaks.
 */
@Controller
class PasswordPageController {

    static final String VIEW = "password";

    private final PasswordChange passwordChange;

    private final PasswordMessages messages;

    private final PasswordPolicy policy;

    PasswordPageController(PasswordChange passwordChange, PasswordMessages messages, PasswordPolicy policy) {
        this.passwordChange = passwordChange;
        this.messages = messages;
        this.policy = policy;
    }

    @GetMapping("/account/password")
    String form(Model model) {
        describePolicy(model);
        return VIEW;
    }

    @PostMapping("/account/password")
    String change(@AuthenticationPrincipal SubscriberPrincipal principal,
            @RequestParam(required = false) String currentPassword,
            @RequestParam(required = false) String newPassword,
            @RequestParam(required = false) String repeatPassword, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        describePolicy(model);
        PasswordChangeRequest change = new PasswordChangeRequest(currentPassword, newPassword);
        if (change.inputError().isPresent()) {
            return rejected(response, model, HttpServletResponse.SC_BAD_REQUEST,
                    List.of(messages.text(change.inputError().get())));
        }
        if (!newPassword.equals(repeatPassword)) {
            return rejected(response, model, HttpServletResponse.SC_BAD_REQUEST,
                    List.of(messages.text("password.repeat-different")));
        }

        PasswordChange.Outcome outcome = passwordChange.change(principal.subscriberId(), currentPassword, newPassword,
                request.getRemoteAddr());
        return switch (outcome.status()) {
            case CHANGED -> {
                request.changeSessionId();
                yield "redirect:/account/password?changed";
            }
            case WRONG_CURRENT_PASSWORD -> rejected(response, model, HttpServletResponse.SC_BAD_REQUEST,
                    List.of(messages.text("password.current-wrong")));
            case POLICY_BROKEN -> rejected(response, model, 422, messages.rules(outcome.brokenRules()));
            case NOT_PROVISIONED -> throw new IllegalStateException("A password change never checks the status");
        };
    }

    private String rejected(HttpServletResponse response, Model model, int status, List<String> errors) {
        response.setStatus(status);
        model.addAttribute("errors", errors);
        return VIEW;
    }

    private void describePolicy(Model model) {
        String key = policy.preset().characterClassesRequired() ? "password.policy.x1470" : "password.policy.asvs";
        model.addAttribute("policyText", messages.text(key));
    }
}
