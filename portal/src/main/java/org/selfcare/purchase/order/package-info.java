/**
 * Orders: pricing from the catalogue, idempotent submission and payment, store credit, provider settlement,
 * fulfilment, expiry and the orders API.
 */
package org.selfcare.purchase.order;
