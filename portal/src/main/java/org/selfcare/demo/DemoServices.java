package org.selfcare.demo;

import java.util.Currency;
import java.util.List;

import org.selfcare.account.Money;
import org.selfcare.subscription.ServiceCatalogue;
import org.selfcare.subscription.ValueAddedService;
import org.selfcare.subscription.ValueAddedService.BillingPeriod;
import org.selfcare.subscription.ValueAddedService.Cancellation;
import org.selfcare.usage.TariffProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Gives an empty catalogue of value-added services five services at first start, one of each kind of rule: daily,
 * weekly and monthly fees, one that does not renew, and one cancelled at once with a pro-rata refund.
 */
@Component
@Profile("demo")
class DemoServices implements ApplicationRunner {

    private static final Logger logger = LoggerFactory.getLogger(DemoServices.class);

    private final ServiceCatalogue catalogue;

    private final Currency currency;

    DemoServices(ServiceCatalogue catalogue, TariffProperties tariff) {
        this.catalogue = catalogue;
        this.currency = Currency.getInstance(tariff.currency());
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!catalogue.all().isEmpty()) {
            return;
        }
        List<ValueAddedService> services = List.of(
                new ValueAddedService("news-daily", "News Daily", "A digest of the day's headlines by SMS every "
                        + "morning at 7.", fee(30), BillingPeriod.DAY, true, Cancellation.END_OF_PERIOD, true),
                new ValueAddedService("ringback-tone", "Ring-back tone", "Callers hear a tune of your choice instead "
                        + "of the ringing tone.", fee(150), BillingPeriod.MONTH, true, Cancellation.END_OF_PERIOD,
                        true),
                new ValueAddedService("roaming-data-7d", "Roaming data pass", "1 GB of mobile data abroad for seven "
                        + "days.", fee(800), BillingPeriod.WEEK, false, Cancellation.END_OF_PERIOD, true),
                new ValueAddedService("sports-weekly", "Sports alerts", "Live goal and result alerts by SMS for the "
                        + "week's matches.", fee(200), BillingPeriod.WEEK, true, Cancellation.IMMEDIATE_PRO_RATA, true),
                new ValueAddedService("cloud-backup", "Cloud backup", "Backs up your contacts and photos, 50 GB.",
                        fee(299), BillingPeriod.MONTH, true, Cancellation.IMMEDIATE_PRO_RATA, true));
        services.forEach(catalogue::save);
        logger.info("Demo value-added services created: {}", services.size());
    }

    /** Returns a fee in minor units when the currency has two decimals, and scaled to its digits otherwise. */
    private Money fee(long hundredths) {
        int digits = currency.getDefaultFractionDigits();
        long minor = digits >= 2 ? hundredths * (long) Math.pow(10, digits - 2) : hundredths / (long) Math.pow(10, 2 - digits);
        return new Money(Math.max(minor, 1), currency);
    }
}
