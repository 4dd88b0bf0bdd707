/**
 * The first sign-in of a provisioned subscriber: an identity check by one of the {@link
 * org.selfcare.identity.firstsignin.IdentityCheckMethod}s, then a new password, then the whole portal.
 */
package org.selfcare.identity.firstsignin;
