package org.selfcare.identity;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Serves the sign-in page; Spring Security handles the form it posts.
 */
@Controller
class SignInController {

    @GetMapping("/signin")
    String signIn() {
        return "signin";
    }
}
