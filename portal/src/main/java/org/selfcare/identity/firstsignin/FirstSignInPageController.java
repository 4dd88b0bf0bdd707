package org.selfcare.identity.firstsignin;

import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.selfcare.identity.SignInRefusals;
import org.selfcare.identity.SubscriberPrincipal;
import org.selfcare.identity.password.PasswordChange;
import org.selfcare.identity.password.PasswordMessages;
import org.selfcare.identity.password.PasswordPolicy;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The first sign-in pages: {@code /first-sign-in} offers the identity checks, {@code /first-sign-in/password}
 * sets the new password once a check passed. Forms post to these paths with the CSRF token, and the pages
 * work without script.
 */
@Controller
class FirstSignInPageController {

    static final String CHECK_VIEW = "first-sign-in";

    static final String PASSWORD_VIEW = "first-sign-in-password";

    private static final DateTimeFormatter CODE_EXPIRY = DateTimeFormatter.ofPattern("HH:mm");

    private final FirstSignIn firstSignIn;

    private final FirstSignInSession session;

    private final PasswordChange passwordChange;

    private final PasswordMessages passwordMessages;

    private final PasswordPolicy policy;

    private final MessageSource messages;

    FirstSignInPageController(FirstSignIn firstSignIn, FirstSignInSession session, PasswordChange passwordChange,
            PasswordMessages passwordMessages, PasswordPolicy policy, MessageSource messages) {
        this.firstSignIn = firstSignIn;
        this.session = session;
        this.passwordChange = passwordChange;
        this.passwordMessages = passwordMessages;
        this.policy = policy;
        this.messages = messages;
    }

    @GetMapping("/first-sign-in")
    String checkForm(@AuthenticationPrincipal SubscriberPrincipal principal, HttpServletRequest request,
            Model model) {
        if (!principal.firstSignInPending()) {
            return "redirect:/";
        }
        if (session.isVerified(request, principal)) {
            return "redirect:/first-sign-in/password";
        }
        describeMethods(model);
        return CHECK_VIEW;
    }

    @PostMapping("/first-sign-in")
    String check(@AuthenticationPrincipal SubscriberPrincipal principal, @RequestParam(required = false) String method,
            @RequestParam Map<String, String> parameters, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        if (!principal.firstSignInPending()) {
            return "redirect:/";
        }
        Map<String, String> fields = new HashMap<>();
        firstSignIn.method(method).ifPresent((found) -> found.fields().forEach((name) -> {
            if (parameters.get(name) != null) {
                fields.put(name, parameters.get(name));
            }
        }));

        Verification result = firstSignIn.verify(principal.subscriberId(), method, fields, request.getRemoteAddr());
        if (result instanceof Verification.Verified) {
            session.markVerified(request, principal);
            return "redirect:/first-sign-in/password";
        }
        if (result instanceof Verification.Locked locked) {
            session.end(request);
            response.setStatus(HttpStatus.LOCKED.value());
            return SignInRefusals.forwardToLockedPage(request, locked.lockedUntil());
        }
        String errorKey = (result instanceof Verification.InvalidInput invalid) ? invalid.messageKey()
                : (result instanceof Verification.UnknownMethod) ? "first-sign-in.method-unavailable"
                : "first-sign-in.proof-invalid";
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        model.addAttribute("error", text(errorKey));
        describeMethods(model);
        return CHECK_VIEW;
    }

    @PostMapping("/first-sign-in/code")
    String sendCode(@AuthenticationPrincipal SubscriberPrincipal principal, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        if (!principal.firstSignInPending()) {
            return "redirect:/";
        }
        CodeSendingIdentityCheck method = firstSignIn.codeMethod()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        var subscriber = firstSignIn.subscriber(principal.subscriberId());
        CodeSending result = method.sendCode(subscriber, request.getRemoteAddr());
        if (result instanceof CodeSending.Sent sent) {
            model.addAttribute("notice", text("first-sign-in.sms-code.sent",
                    CODE_EXPIRY.withZone(principal.timeZone()).format(sent.expiresAt())));
        }
        else {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            model.addAttribute("error", text("first-sign-in.code-rate-limited",
                    Math.max(1, ((CodeSending.RateLimited) result).retryAfter().toSeconds())));
        }
        describeMethods(model);
        return CHECK_VIEW;
    }

    @GetMapping("/first-sign-in/password")
    String passwordForm(@AuthenticationPrincipal SubscriberPrincipal principal, HttpServletRequest request,
            Model model) {
        if (!principal.firstSignInPending()) {
            return "redirect:/";
        }
        if (!session.isVerified(request, principal)) {
            return "redirect:/first-sign-in";
        }
        describePolicy(model);
        return PASSWORD_VIEW;
    }

    @PostMapping("/first-sign-in/password")
    String setPassword(@AuthenticationPrincipal SubscriberPrincipal principal,
            @RequestParam(required = false) String newPassword, @RequestParam(required = false) String repeatPassword,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        if (!principal.firstSignInPending()) {
            return "redirect:/";
        }
        if (!session.isVerified(request, principal)) {
            return "redirect:/first-sign-in";
        }
        describePolicy(model);
        if (newPassword == null || newPassword.isEmpty()) {
            return rejected(response, model, HttpServletResponse.SC_BAD_REQUEST,
                    List.of(passwordMessages.text("password.input.new-missing")));
        }
        if (newPassword.codePointCount(0, newPassword.length()) > PasswordPolicy.MAX_LENGTH) {
            return rejected(response, model, HttpServletResponse.SC_BAD_REQUEST,
                    List.of(passwordMessages.text("password.input.too-long")));
        }
        if (!newPassword.equals(repeatPassword)) {
            return rejected(response, model, HttpServletResponse.SC_BAD_REQUEST,
                    List.of(passwordMessages.text("password.repeat-different")));
        }

        PasswordChange.Outcome outcome = passwordChange.replaceInitialPassword(principal.subscriberId(), newPassword,
                request.getRemoteAddr());
        switch (outcome.status()) {
            case CHANGED:
                session.completeSignIn(request, response, principal);
                return "redirect:/";
            case POLICY_BROKEN:
                return rejected(response, model, 422, passwordMessages.rules(outcome.brokenRules()));
            default:
                // The first sign-in finished in another request, so this session signs in again with the new
                // password instead of being upgraded without it.
                session.end(request);
                return "redirect:/signin";
        }
    }

    private String rejected(HttpServletResponse response, Model model, int status, List<String> errors) {
        response.setStatus(status);
        model.addAttribute("errors", errors);
        return PASSWORD_VIEW;
    }

    private void describeMethods(Model model) {
        model.addAttribute("smsCodeOffered", firstSignIn.codeMethod().isPresent());
        model.addAttribute("identityDataOffered", firstSignIn.method(IdentityDataCheck.NAME).isPresent());
    }

    private void describePolicy(Model model) {
        String key = policy.preset().characterClassesRequired() ? "password.policy.x1470" : "password.policy.asvs";
        model.addAttribute("policyText", passwordMessages.text(key));
    }

    private String text(String key, Object... arguments) {
        return messages.getMessage(key, arguments, LocaleContextHolder.getLocale());
    }
}
