package org.selfcare.subscription;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The page of value-added services. It is a shell; its script reads the catalogue and the subscriptions from the
 * signed JSON API.
 */
@Controller
class SubscriptionPageController {

    @GetMapping("/subscriptions")
    String subscriptions() {
        return "subscriptions";
    }
}
