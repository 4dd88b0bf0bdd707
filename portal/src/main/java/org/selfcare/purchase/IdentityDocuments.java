package org.selfcare.purchase;

import java.util.UUID;

/**
 * The identity documents subscribers upload for SIM cards, as orders see them.
 */
public interface IdentityDocuments {

    /**
     * Returns whether the document was uploaded by this subscriber, passed every check, and is not yet
     * attached to another order.
     */
    boolean isUsableBy(long subscriberId, UUID documentId);

    /**
     * Attaches the document to an order, in the caller's transaction.
     *
     * @throws IllegalStateException when the document is not usable by the order's subscriber
     */
    void attach(UUID documentId, long subscriberId, long orderId);
}
