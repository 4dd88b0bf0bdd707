package org.selfcare.stepup;

import java.util.Map;

import org.selfcare.identity.CaptchaService;
import org.selfcare.identity.SubscriberPrincipal;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * The step-up page: the subscriber requests an SMS code or enters the service password, and then returns to the page
 * that required the proof. Its forms post here and work without JavaScript.
 */
@Controller
class StepUpPageController {

    static final String PAGE_PATH = "/stepup";

    static final String CAPTCHA_PATH = "/stepup/captcha";

    /** Response header that carries the id of the CAPTCHA code in the picture, for API clients. */
    static final String CAPTCHA_ID_HEADER = "X-Captcha-Id";

    private static final String VIEW = "stepup";

    private final StepUpService stepUp;

    private final CaptchaService captcha;

    private final StepUpProperties properties;

    StepUpPageController(StepUpService stepUp, CaptchaService captcha, StepUpProperties properties) {
        this.stepUp = stepUp;
        this.captcha = captcha;
        this.properties = properties;
    }

    @GetMapping(PAGE_PATH)
    String page(@RequestParam(required = false) String purpose, @RequestParam(required = false) String sent,
            HttpSession session, Model model) {
        Purpose requested = purpose(purpose);
        model.addAttribute("sent", sent != null);
        return show(requested, session, model);
    }

    @PostMapping(PAGE_PATH + "/code")
    String sendCode(@AuthenticationPrincipal SubscriberPrincipal principal,
            @RequestParam(required = false) String purpose, @RequestParam(required = false) String captcha,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        Purpose requested = purpose(purpose);
        HttpSession session = request.getSession();
        StepUpService.SendResult result = stepUp.sendCode(principal, session, requested, null, captcha,
                request.getRemoteAddr());
        if (result instanceof StepUpService.Sent) {
            return "redirect:" + PAGE_PATH + "?purpose=" + requested.pathName() + "&sent";
        }
        if (result instanceof StepUpService.RateLimited limited) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader(HttpHeaders.RETRY_AFTER,
                    Long.toString(StepUpApiController.RetryAfter.seconds(limited.retryAfter())));
            model.addAttribute("rateLimitedMinutes", StepUpApiController.RetryAfter.minutes(limited.retryAfter()));
        }
        else {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", (result instanceof StepUpService.CaptchaRequired) ? "stepup.captcha-required"
                    : "stepup.captcha-invalid");
        }
        return show(requested, session, model);
    }

    @PostMapping(PAGE_PATH + "/verify")
    String verify(@AuthenticationPrincipal SubscriberPrincipal principal,
            @RequestParam(required = false) String purpose, @RequestParam(required = false) String method,
            @RequestParam(required = false) String secret, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        Purpose requested = purpose(purpose);
        ProofMethod proofMethod = ProofMethod.fromPathName(method)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST));
        HttpSession session = request.getSession();
        if (secret == null || secret.isBlank() || secret.length() > StepUpRequestReader.MAX_VALUE_LENGTH) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", "stepup.secret-missing");
            return show(requested, session, model);
        }

        StepUpService.VerifyResult result = stepUp.verify(principal, session, requested, proofMethod, secret,
                request.getRemoteAddr());
        if (result instanceof StepUpService.Verified) {
            return "redirect:" + requested.returnPath();
        }
        if (result instanceof StepUpService.Locked locked) {
            stepUp.endSession(request);
            response.setStatus(HttpStatus.LOCKED.value());
            model.addAttribute("lockedUntil", LockEnd.format(locked.lockedUntil(), principal.timeZone()));
            return VIEW;
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        model.addAttribute("error", "stepup.proof-invalid");
        return show(requested, session, model);
    }

    /**
     * Serves the picture of the pending step-up CAPTCHA code. Each picture is served once; a second request, such as
     * the page's refresh button, issues a new code.
     */
    @GetMapping(CAPTCHA_PATH)
    ResponseEntity<byte[]> captchaPicture(HttpSession session) {
        CaptchaService.Picture picture = captcha.takePicture(session, StepUpService.CAPTCHA_USE);
        return ResponseEntity.ok()
                .contentType(MediaType.IMAGE_PNG)
                .cacheControl(CacheControl.noStore())
                .header(CAPTCHA_ID_HEADER, picture.codeId())
                .body(picture.png());
    }

    private String show(Purpose purpose, HttpSession session, Model model) {
        boolean captchaNeeded = StepUpSession.hasSentCode(session);
        if (captchaNeeded) {
            // A fresh code for each page view, as the sign-in page does, so the picture always matches the form.
            captcha.issue(session, StepUpService.CAPTCHA_USE);
        }
        model.addAllAttributes(Map.of("purpose", purpose.pathName(), "captchaNeeded", captchaNeeded,
                "codeMinutes", properties.codeLifetime().toMinutes()));
        return VIEW;
    }

    private static Purpose purpose(String pathName) {
        if (pathName == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        return Purpose.fromPathName(pathName).orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST));
    }
}
