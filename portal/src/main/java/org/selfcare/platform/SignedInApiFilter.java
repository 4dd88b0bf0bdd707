package org.selfcare.platform;

import jakarta.servlet.Filter;

/**
 * A filter that the portal's Spring Security chain runs after it has loaded who is signed in and before it turns
 * access refusals into responses. Such a filter can read the signed-in user and also wraps the refusals, so it can
 * sign every response to an API call, a refusal included. Modules declare beans of this type; the security
 * configuration adds each to the chain.
 */
public interface SignedInApiFilter extends Filter {
}
