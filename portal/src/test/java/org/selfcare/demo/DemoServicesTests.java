package org.selfcare.demo;

import org.junit.jupiter.api.Test;
import org.selfcare.subscription.ServiceCatalogue;
import org.selfcare.subscription.ValueAddedService;
import org.selfcare.subscription.ValueAddedService.BillingPeriod;
import org.selfcare.subscription.ValueAddedService.Cancellation;
import org.selfcare.support.DemoPortalTest;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's value-added services: one of each rule.
 */
@DemoPortalTest
class DemoServicesTests {

    @Autowired
    ServiceCatalogue catalogue;

    @Test
    void demoOffersOneServiceOfEachRule() {
        ValueAddedService news = catalogue.find("news-daily").orElseThrow();
        ValueAddedService roaming = catalogue.find("roaming-data-7d").orElseThrow();
        ValueAddedService sports = catalogue.find("sports-weekly").orElseThrow();

        assertThat(news.period()).isEqualTo(BillingPeriod.DAY);
        assertThat(news.fee().minorUnits()).isEqualTo(30);
        assertThat(roaming.autoRenew()).isFalse();
        assertThat(sports.period()).isEqualTo(BillingPeriod.WEEK);
        assertThat(sports.cancellation()).isEqualTo(Cancellation.IMMEDIATE_PRO_RATA);
        assertThat(catalogue.find("ringback-tone").orElseThrow().period()).isEqualTo(BillingPeriod.MONTH);
        assertThat(catalogue.all()).filteredOn(ValueAddedService::active).hasSizeGreaterThanOrEqualTo(5);
    }
}
