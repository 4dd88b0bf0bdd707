/**
 * Readers for switch exports (Asterisk, FreeSWITCH, mobile call logs) that turn each line into a call or a reason for rejecting it.
 */
package org.selfcare.usage.cdr;
