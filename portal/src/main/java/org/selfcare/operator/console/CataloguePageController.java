package org.selfcare.operator.console;

import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.selfcare.account.Money;
import org.selfcare.operator.staff.StaffPrincipal;
import org.selfcare.purchase.catalogue.Catalogue;
import org.selfcare.purchase.catalogue.CatalogueException;
import org.selfcare.purchase.catalogue.CatalogueItem;
import org.selfcare.purchase.catalogue.ItemKind;
import org.selfcare.subscription.ServiceCatalogue;
import org.selfcare.subscription.ValueAddedService;
import org.selfcare.usage.TariffProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Catalogue editing for catalogue managers: commodities (name, description, price, offered or not, stock) and
 * value-added services (name, content, fee, period, renewal, cancellation, offered or not). Prices are typed as
 * decimals in the deployment's currency. The catalogues check every value and their refusals are shown as they
 * word them.
 */
@Controller
class CataloguePageController {

    private final Catalogue catalogue;

    private final ObjectProvider<ServiceCatalogue> services;

    private final StaffActions actions;

    private final Currency currency;

    CataloguePageController(Catalogue catalogue, ObjectProvider<ServiceCatalogue> services, StaffActions actions,
            TariffProperties tariff) {
        this.catalogue = catalogue;
        this.services = services;
        this.actions = actions;
        this.currency = Currency.getInstance(tariff.currency());
    }

    @GetMapping("/console/catalogue")
    String show(Model model) {
        ServiceCatalogue serviceCatalogue = services.getIfAvailable();
        model.addAttribute("items", catalogue.all());
        model.addAttribute("kinds", ItemKind.values());
        model.addAttribute("servicesAvailable", serviceCatalogue != null);
        model.addAttribute("services", (serviceCatalogue == null) ? List.of() : serviceCatalogue.all());
        model.addAttribute("periods", ValueAddedService.BillingPeriod.values());
        model.addAttribute("cancellations", ValueAddedService.Cancellation.values());
        model.addAttribute("currency", currency.getCurrencyCode());
        return "console/catalogue";
    }

    @PostMapping("/console/catalogue/items")
    String addItem(@RequestParam String id, @RequestParam ItemKind kind, @RequestParam String name,
            @RequestParam(defaultValue = "") String description, @RequestParam String price,
            @RequestParam(required = false) String faceValue, @RequestParam(defaultValue = "0") int stock,
            @RequestParam(defaultValue = "false") boolean active, @AuthenticationPrincipal StaffPrincipal staff,
            HttpServletRequest request, RedirectAttributes redirect) {
        return change(redirect, () -> {
            catalogue.add(new CatalogueItem(id.strip(), kind, name, description, money(price), optionalMoney(faceValue),
                    stock, active));
            actions.done(staff, request, null, "added catalogue item " + id.strip());
        });
    }

    @PostMapping("/console/catalogue/items/{id}")
    String updateItem(@PathVariable String id, @RequestParam String name,
            @RequestParam(defaultValue = "") String description, @RequestParam String price,
            @RequestParam(required = false) String faceValue, @RequestParam(defaultValue = "false") boolean active,
            @AuthenticationPrincipal StaffPrincipal staff, HttpServletRequest request, RedirectAttributes redirect) {
        return change(redirect, () -> {
            CatalogueItem item = catalogue.find(id)
                    .orElseThrow(() -> new CatalogueException("There is no item " + id + " in the catalogue."));
            catalogue.update(new CatalogueItem(id, item.kind(), name, description, money(price),
                    optionalMoney(faceValue), item.stock(), active));
            actions.done(staff, request, null, "changed catalogue item " + id + ": price " + price
                    + (active ? ", offered" : ", not offered"));
        });
    }

    @PostMapping("/console/catalogue/items/{id}/stock")
    String setStock(@PathVariable String id, @RequestParam long stock, @AuthenticationPrincipal StaffPrincipal staff,
            HttpServletRequest request, RedirectAttributes redirect) {
        return change(redirect, () -> {
            int now = catalogue.setStock(id, stock, false);
            actions.done(staff, request, null, "set the stock of catalogue item " + id + " to " + now);
        });
    }

    @PostMapping("/console/catalogue/services")
    String saveService(@RequestParam String code, @RequestParam String name, @RequestParam String content,
            @RequestParam String fee, @RequestParam ValueAddedService.BillingPeriod period,
            @RequestParam(defaultValue = "false") boolean autoRenew,
            @RequestParam ValueAddedService.Cancellation cancellation,
            @RequestParam(defaultValue = "false") boolean active, @AuthenticationPrincipal StaffPrincipal staff,
            HttpServletRequest request, RedirectAttributes redirect) {
        return change(redirect, () -> {
            ServiceCatalogue serviceCatalogue = Optional.ofNullable(services.getIfAvailable())
                    .orElseThrow(() -> new IllegalArgumentException("The service catalogue is not available."));
            ValueAddedService saved = serviceCatalogue.save(new ValueAddedService(code.strip(), name.strip(),
                    content.strip(), money(fee), period, autoRenew, cancellation, active));
            actions.done(staff, request, null, "saved service " + saved.code() + ": fee " + fee + " per "
                    + period.name().toLowerCase(Locale.ROOT) + (active ? ", offered" : ", not offered"));
        });
    }

    private Money money(String decimal) {
        try {
            return Money.parse(decimal, currency);
        }
        catch (IllegalArgumentException ex) {
            throw new CatalogueException(ex.getMessage());
        }
    }

    private Money optionalMoney(String decimal) {
        return (decimal == null || decimal.isBlank()) ? null : money(decimal);
    }

    /** Runs a change and shows its refusal, in the catalogue's words, on the page. */
    private static String change(RedirectAttributes redirect, Runnable change) {
        try {
            change.run();
            redirect.addFlashAttribute("notice", "console.catalogue.saved");
        }
        catch (CatalogueException | IllegalArgumentException ex) {
            redirect.addFlashAttribute("refusal", ex.getMessage());
        }
        return "redirect:/console/catalogue";
    }
}
