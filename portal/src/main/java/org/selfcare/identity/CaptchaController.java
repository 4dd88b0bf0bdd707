package org.selfcare.identity;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

import jakarta.servlet.http.HttpSession;

/**
 * Serves the image of the session's pending verification code. Each image is served once: a second request,
 * such as the page's refresh button, issues a new code.
 */
@Controller
class CaptchaController {

    static final String IMAGE_PATH = "/signin/captcha";

    private final CaptchaChallenges challenges;

    CaptchaController(CaptchaChallenges challenges) {
        this.challenges = challenges;
    }

    @GetMapping(IMAGE_PATH)
    ResponseEntity<byte[]> image(HttpSession session) {
        return ResponseEntity.ok()
                .contentType(MediaType.IMAGE_PNG)
                .cacheControl(CacheControl.noStore())
                .body(challenges.takeImage(session));
    }
}
