/**
 * Prepaid accounts: the ledger, the balance and payment records; the one place that moves money.
 */
package org.selfcare.account;
