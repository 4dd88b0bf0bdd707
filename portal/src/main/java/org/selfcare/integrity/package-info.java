/**
 * Message and record integrity: per-session keys, signed API requests and responses with a replay guard, and
 * sealed records at rest.
 */
package org.selfcare.integrity;
