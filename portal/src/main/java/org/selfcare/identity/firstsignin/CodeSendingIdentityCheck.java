package org.selfcare.identity.firstsignin;

import org.selfcare.identity.Subscriber;

/**
 * An identity check that first sends the subscriber a one-time code, such as a code by SMS. When a bean of this
 * type exists, {@code POST /api/v1/first-sign-in/code} and the page's "send a code" button use it.
 */
public interface CodeSendingIdentityCheck extends IdentityCheckMethod {

    /**
     * Sends a new code to the subscriber, unless the method's rate limit refuses it.
     *
     * @param clientAddress the client's IP address, for the security log
     */
    CodeSending sendCode(Subscriber subscriber, String clientAddress);
}
