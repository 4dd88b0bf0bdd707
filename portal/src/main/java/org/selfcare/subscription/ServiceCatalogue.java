package org.selfcare.subscription;

import java.util.List;
import java.util.Optional;

/**
 * The catalogue of value-added services, for the subscription pages and the operator console.
 */
public interface ServiceCatalogue {

    /** Every service, active or not, ordered by name. */
    List<ValueAddedService> all();

    Optional<ValueAddedService> find(String code);

    /**
     * Adds a service, or changes the service with the same code. A changed fee applies from the next period of
     * existing subscriptions.
     *
     * @throws IllegalArgumentException when a value is invalid, with a message in plain words
     */
    ValueAddedService save(ValueAddedService service);
}
