/**
 * What the subscriber reads: balance, payment records and call records, as pages and as the JSON API.
 */
package org.selfcare.inquiry;
