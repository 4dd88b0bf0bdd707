package org.selfcare.purchase.order;

/**
 * The postal address a device is sent to.
 *
 * @param line2 optional second address line, or {@code null}
 * @param country ISO 3166 two-letter code
 */
public record DeliveryAddress(String name, String line1, String line2, String city, String postcode,
        String country) {
}
