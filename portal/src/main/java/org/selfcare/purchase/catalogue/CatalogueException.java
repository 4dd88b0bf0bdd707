package org.selfcare.purchase.catalogue;

/**
 * A change to the catalogue that cannot be made: an invalid field or an unknown item. The message says why in
 * plain words.
 */
public class CatalogueException extends RuntimeException {

    public CatalogueException(String message) {
        super(message);
    }
}
