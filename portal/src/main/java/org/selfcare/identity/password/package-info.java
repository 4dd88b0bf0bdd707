/**
 * Subscribers' passwords: the policy a new password must meet, its messages, and the change-password page and
 * API. The operator console checks the passwords that staff choose against the same policy, so the policy is a
 * named interface of the identity module.
 */
@NamedInterface("password")
package org.selfcare.identity.password;

import org.springframework.modulith.NamedInterface;
