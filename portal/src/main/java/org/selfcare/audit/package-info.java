/**
 * The security event log: typed events of sign-in, lockout, sessions and passwords, kept tamper-evident.
 */
package org.selfcare.audit;
