package org.selfcare.purchase.catalogue;

import java.util.ArrayList;
import java.util.List;

import org.selfcare.account.Amount;
import org.selfcare.purchase.PaymentProvider;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The catalogue as subscribers see it: the active items, whether each is in stock, and the payment methods this
 * deployment offers. Stock counts are not shown.
 */
@RestController
class CatalogueApiController {

    private final Catalogue catalogue;

    private final ObjectProvider<PaymentProvider> providers;

    CatalogueApiController(Catalogue catalogue, ObjectProvider<PaymentProvider> providers) {
        this.catalogue = catalogue;
        this.providers = providers;
    }

    @GetMapping(path = "/api/v1/catalogue", produces = "application/json")
    ResponseEntity<CatalogueView> catalogue() {
        List<ItemView> items = catalogue.active().stream().map(ItemView::of).toList();
        List<String> methods = new ArrayList<>(List.of("STORE_CREDIT"));
        if (providers.getIfAvailable() != null) {
            methods.add("PROVIDER");
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new CatalogueView(items, methods));
    }

    record CatalogueView(List<ItemView> items, List<String> paymentMethods) {
    }

    record ItemView(String id, String kind, String name, String description, Amount price, Amount faceValue,
            boolean inStock, boolean needsIdentityDocument, boolean needsDeliveryAddress) {

        static ItemView of(CatalogueItem item) {
            return new ItemView(item.id(), item.kind().name(), item.name(), item.description(),
                    Amount.of(item.price()), item.faceValue() == null ? null : Amount.of(item.faceValue()),
                    item.stock() > 0, item.kind().needsIdentityDocument(), item.kind().needsDeliveryAddress());
        }
    }
}
