package org.selfcare.purchase.shop;

import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * The shop's pages: the catalogue with the basket, the subscriber's orders, and one order with its payment. They
 * are shells; their scripts read the catalogue and the orders from the signed JSON API and send orders
 * encrypted.
 */
@Controller
class ShopPageController {

    /** The provider's return address for an order, open without a session. */
    public static final String RETURN_PATH = "/orders/{number}/return";

    /** Order numbers as the orders API issues them; anything else cannot name an order. */
    private static final Pattern ORDER_NUMBER = Pattern.compile("[A-Za-z0-9-]{1,40}");

    @GetMapping("/shop")
    String shop() {
        return "shop";
    }

    @GetMapping("/orders")
    String orders() {
        return "orders";
    }

    @GetMapping("/orders/{number}")
    String order(@PathVariable String number, Model model) {
        model.addAttribute("number", checked(number));
        return "order";
    }

    /**
     * Shows the page that the payment provider's page sends the browser back to. The session cookie is SameSite=Strict, so the
     * browser leaves it out of a navigation that another site started, and the order page would ask the
     * subscriber to sign in again. This page needs no session: its script moves on to the order page, a
     * navigation that starts on the portal's own site and so carries the cookie. It shows nothing of the order.
     */
    @GetMapping(RETURN_PATH)
    String returnFromProvider(@PathVariable String number, Model model) {
        model.addAttribute("number", checked(number));
        return "order-return";
    }

    private static String checked(String number) {
        if (!ORDER_NUMBER.matcher(number).matches()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return number;
    }
}
