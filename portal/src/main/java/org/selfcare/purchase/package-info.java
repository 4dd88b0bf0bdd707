/**
 * Commodity purchase: the catalogue of recharge cards, SIM cards and devices, orders priced on the server,
 * payment from store credit or through a payment provider, and the identity documents that SIM cards need.
 */
package org.selfcare.purchase;
