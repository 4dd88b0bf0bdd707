package org.selfcare.demo;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;

import org.selfcare.account.Money;
import org.selfcare.purchase.catalogue.Catalogue;
import org.selfcare.purchase.catalogue.CatalogueItem;
import org.selfcare.purchase.catalogue.ItemKind;
import org.selfcare.usage.TariffProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Gives an empty catalogue a few items at first start: recharge cards of 5, 10 and 20, a SIM card and two
 * devices, in the deployment's currency. The conformance kit buys {@code recharge-5}.
 */
@Component
@Profile("demo")
class DemoCatalogue implements ApplicationRunner {

    private static final Logger logger = LoggerFactory.getLogger(DemoCatalogue.class);

    private final Catalogue catalogue;

    private final Currency currency;

    DemoCatalogue(Catalogue catalogue, TariffProperties tariff) {
        this.catalogue = catalogue;
        this.currency = Currency.getInstance(tariff.currency());
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!catalogue.all().isEmpty()) {
            return;
        }
        List<CatalogueItem> items = List.of(
                recharge(5), recharge(10), recharge(20),
                new CatalogueItem("sim-card", ItemKind.SIM_CARD, "SIM card",
                        "A prepaid SIM card for a second line. Needs your identity document.", major(5), null, 200,
                        true),
                new CatalogueItem("phone-basic", ItemKind.DEVICE, "Basic phone",
                        "A sturdy phone for calls and text messages, sent by post.", major(29), null, 25, true),
                new CatalogueItem("router-4g", ItemKind.DEVICE, "4G router",
                        "Shares your mobile data over Wi-Fi at home, sent by post.", major(59), null, 10, true));
        items.forEach(catalogue::add);
        logger.info("Demo catalogue created with {} items", items.size());
    }

    private CatalogueItem recharge(int units) {
        Money value = money(BigDecimal.valueOf(units).movePointRight(currency.getDefaultFractionDigits())
                .longValueExact());
        return new CatalogueItem("recharge-" + units, ItemKind.RECHARGE_CARD, "Recharge card " + units + " "
                + currency.getCurrencyCode(), "Adds " + units + " " + currency.getCurrencyCode()
                + " to your balance at once.", value, value, 10_000, true);
    }

    private Money major(int units) {
        return money(BigDecimal.valueOf(units).movePointRight(currency.getDefaultFractionDigits()).longValueExact());
    }

    private Money money(long minorUnits) {
        return new Money(minorUnits, currency);
    }
}
