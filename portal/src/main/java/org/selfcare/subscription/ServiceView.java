package org.selfcare.subscription;

import java.util.Locale;

import org.selfcare.account.Amount;

/**
 * A service of the catalogue as the JSON API shows it.
 */
record ServiceView(String code, String name, String content, Amount fee, String period, boolean autoRenew,
        String cancellation) {

    static ServiceView of(ValueAddedService service) {
        return new ServiceView(service.code(), service.name(), service.content(), Amount.of(service.fee()),
                service.period().name().toLowerCase(Locale.ROOT), service.autoRenew(),
                service.cancellation().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
}
