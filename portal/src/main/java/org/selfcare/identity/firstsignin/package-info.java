/**
 * The first sign-in of a provisioned subscriber: an identity check by one of the {@link
 * org.selfcare.identity.firstsignin.IdentityCheckMethod}s, then a new password, then the whole portal. Other
 * modules may add identity check methods, so the interfaces are a named interface of the identity module.
 */
@NamedInterface("firstsignin")
package org.selfcare.identity.firstsignin;

import org.springframework.modulith.NamedInterface;
