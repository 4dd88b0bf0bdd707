/**
 * The operator's side of the portal: provisioning subscribers from the command line and through the operator
 * API on its own HTTPS port. The operator console will grow here.
 */
package org.selfcare.operator;
