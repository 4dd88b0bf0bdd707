/**
 * Readers for switch exports (Asterisk, FreeSWITCH, mobile call logs) that turn each line into a call or a reason
 * for rejecting it. Other modules may read exports with them, for example to find the numbers to provision.
 */
@NamedInterface("cdr")
package org.selfcare.usage.cdr;

import org.springframework.modulith.NamedInterface;
