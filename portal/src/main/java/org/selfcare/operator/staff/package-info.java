/**
 * Staff accounts of the operator console: roles, Argon2id passwords, TOTP secrets encrypted at rest, the sign-in
 * check with its lockout, and the {@code staff} command. Exposed so the demo can create its first staff accounts.
 */
@NamedInterface("staff")
package org.selfcare.operator.staff;

import org.springframework.modulith.NamedInterface;
