package org.selfcare.operator.console;

import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.selfcare.identity.password.PasswordMessages;
import org.selfcare.identity.password.PasswordPolicy;
import org.selfcare.identity.password.PasswordRule;
import org.selfcare.operator.staff.StaffPasswordChange;
import org.selfcare.operator.staff.StaffPrincipal;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's change-password page, {@code /console/password}, open to every signed-in member of staff: the
 * current password, a fresh TOTP code and the new password twice. A change keeps the current session, under a new
 * id, and ends the account's others. A refusal while the account is locked ends this session too and leads to the
 * sign-in page.
 */
@Controller
class StaffPasswordPageController {

    static final String VIEW = "console/password";

    private static final int UNPROCESSABLE_CONTENT = 422;

    private final StaffPasswordChange passwordChange;

    private final PasswordMessages messages;

    private final PasswordPolicy policy;

    StaffPasswordPageController(StaffPasswordChange passwordChange, PasswordMessages messages, PasswordPolicy policy) {
        this.passwordChange = passwordChange;
        this.messages = messages;
        this.policy = policy;
    }

    @GetMapping("/console/password")
    String form(Model model) {
        describePolicy(model);
        return VIEW;
    }

    @PostMapping("/console/password")
    String change(@AuthenticationPrincipal StaffPrincipal staff,
            @RequestParam(required = false) String currentPassword, @RequestParam(required = false) String code,
            @RequestParam(required = false) String newPassword,
            @RequestParam(required = false) String repeatPassword, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        describePolicy(model);
        Optional<String> inputError = inputError(currentPassword, code, newPassword, repeatPassword);
        if (inputError.isPresent()) {
            return rejected(response, model, HttpServletResponse.SC_BAD_REQUEST,
                    List.of(messages.text(inputError.get())));
        }

        StaffPasswordChange.Outcome outcome = passwordChange.change(staff.username(), currentPassword, code,
                newPassword, request.getSession().getId(), request.getRemoteAddr());
        return switch (outcome.status()) {
            case CHANGED -> {
                // The other sessions are gone from the store by now, so the id of this one can change.
                request.changeSessionId();
                yield "redirect:/console/password?changed";
            }
            case CREDENTIALS_REJECTED -> rejected(response, model, HttpServletResponse.SC_BAD_REQUEST,
                    List.of(messages.text("console.password.credentials-wrong")));
            case POLICY_BROKEN -> rejected(response, model, UNPROCESSABLE_CONTENT, ruleMessages(outcome.brokenRules()));
            case SESSIONS_ENDED -> {
                // Gone from the store already; invalidating it here keeps the end of the request from saving it.
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
                SecurityContextHolder.clearContext();
                yield "redirect:/console/signin?ended";
            }
        };
    }

    /** Returns the message key of the first missing, oversized or mismatched value, or empty when there is none. */
    private static Optional<String> inputError(String currentPassword, String code, String newPassword,
            String repeatPassword) {
        if (currentPassword == null || currentPassword.isEmpty()) {
            return Optional.of("console.password.input.current-missing");
        }
        if (code == null || code.isBlank()) {
            return Optional.of("console.password.input.code-missing");
        }
        if (newPassword == null || newPassword.isEmpty()) {
            return Optional.of("console.password.input.new-missing");
        }
        if (tooLong(currentPassword) || tooLong(newPassword)) {
            return Optional.of("console.password.input.too-long");
        }
        if (!newPassword.equals(repeatPassword)) {
            return Optional.of("console.password.input.repeat-different");
        }
        return Optional.empty();
    }

    private static boolean tooLong(String value) {
        return value.codePointCount(0, value.length()) > PasswordPolicy.MAX_LENGTH;
    }

    /** Returns the console's wording of each rule, which speaks of the username where subscribers read "name". */
    private List<String> ruleMessages(List<PasswordRule> rules) {
        return rules.stream().map((rule) -> messages.text("console.password.rule." + rule.code())).toList();
    }

    private static String rejected(HttpServletResponse response, Model model, int status, List<String> errors) {
        response.setStatus(status);
        model.addAttribute("errors", errors);
        return VIEW;
    }

    private void describePolicy(Model model) {
        String key = policy.preset().characterClassesRequired() ? "console.password.policy.x1470"
                : "console.password.policy.asvs";
        model.addAttribute("policyText", messages.text(key));
    }
}
