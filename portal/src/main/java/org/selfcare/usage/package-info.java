/**
 * Call records: import from switch exports, rating by tariff, storage and queries.
 */
package org.selfcare.usage;
