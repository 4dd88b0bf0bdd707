package org.selfcare.operator.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The console's sign-in page. Spring Security handles the form's post.
 */
@Controller
class ConsoleSignInController {

    @GetMapping(ConsoleSecurityConfiguration.SIGN_IN_PATH)
    String signIn() {
        return "console/signin";
    }
}
