package org.selfcare.purchase.order;

import java.util.List;
import java.util.UUID;

/**
 * What a subscriber asks to buy, read from the decrypted order body. It holds no price the server uses: the
 * amounts the client sent are kept only to compare them with the server's figures.
 *
 * @param lines the items and quantities, each item at most once
 * @param identityDocument the uploaded identity document for SIM cards, or {@code null}
 * @param deliveryAddress where devices go, or {@code null}
 * @param expectedTotal the total the client claims, or {@code null} when it sent none
 */
public record OrderRequest(List<Line> lines, UUID identityDocument, DeliveryAddress deliveryAddress,
        ClientAmount expectedTotal) {

    public OrderRequest {
        lines = List.copyOf(lines);
    }

    /**
     * One requested item.
     *
     * @param claimedPrices the amounts the client put into the line (unit price, price, amount, total)
     */
    public record Line(String itemId, int quantity, List<ClientAmount> claimedPrices) {

        public Line {
            claimedPrices = List.copyOf(claimedPrices);
        }
    }

    /**
     * An amount the client sent. {@code minorUnits} is {@code null} when it was not a money object the portal
     * can read; such an amount never agrees with the server's.
     */
    public record ClientAmount(Long minorUnits, String currency) {

        boolean agreesWith(org.selfcare.account.Money money) {
            return minorUnits != null && minorUnits == money.minorUnits()
                    && money.currency().getCurrencyCode().equals(currency);
        }
    }
}
