package org.selfcare.demo;

import org.junit.jupiter.api.Test;
import org.selfcare.purchase.catalogue.Catalogue;
import org.selfcare.purchase.catalogue.CatalogueItem;
import org.selfcare.purchase.catalogue.ItemKind;
import org.selfcare.support.DemoPortalTest;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's catalogue, including the recharge card the conformance kit buys.
 */
@DemoPortalTest
class DemoCatalogueTests {

    @Autowired
    Catalogue catalogue;

    @Test
    void demoOffersRechargeCardsSimAndDevices() {
        CatalogueItem kitItem = catalogue.find("recharge-5").orElseThrow();

        assertThat(kitItem.kind()).isEqualTo(ItemKind.RECHARGE_CARD);
        assertThat(kitItem.price().minorUnits()).isEqualTo(500);
        assertThat(kitItem.faceValue().minorUnits()).isEqualTo(500);
        assertThat(kitItem.active()).isTrue();
        assertThat(catalogue.find("recharge-10")).isPresent();
        assertThat(catalogue.find("recharge-20")).isPresent();
        assertThat(catalogue.find("sim-card").orElseThrow().kind()).isEqualTo(ItemKind.SIM_CARD);
        assertThat(catalogue.active().stream().filter((item) -> item.kind() == ItemKind.DEVICE)).hasSize(2);
    }
}
