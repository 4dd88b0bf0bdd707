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
        if (!ORDER_NUMBER.matcher(number).matches()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        model.addAttribute("number", number);
        return "order";
    }
}
