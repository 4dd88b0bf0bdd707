/**
 * The operator console: staff pages under {@code /console/**} on the operator port, with their own sign-in
 * (password and TOTP code), session cookie, security context, CSRF token and idle timeout, and access by role.
 */
package org.selfcare.operator.console;
