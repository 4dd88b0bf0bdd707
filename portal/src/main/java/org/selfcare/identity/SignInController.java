package org.selfcare.identity;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

import jakarta.servlet.http.HttpSession;

/**
 * Serves the sign-in page; Spring Security handles the form it posts. Each page view issues a new
 * verification code, so every sign-in attempt has its own.
 */
@Controller
class SignInController {

    private final CaptchaChallenges captcha;

    SignInController(CaptchaChallenges captcha) {
        this.captcha = captcha;
    }

    @GetMapping("/signin")
    String signIn(HttpSession session) {
        captcha.issue(session);
        return "signin";
    }
}
