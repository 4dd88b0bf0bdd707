package org.selfcare.stepup;

import org.selfcare.identity.SubscriberPrincipal;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Decides whether an operation may go ahead, and checks the second authentication bound to it.
 *
 * <p>A subscription change always needs a confirmation. A payment needs one while the subscriber is at risk,
 * whether it is paid from store credit or through a provider. While the subscriber is blocked, neither goes ahead.
 *
 * <p>The HTTP exchange, for a feature's JSON API:
 * <ol>
 * <li>The client sends the operation without a confirmation. The feature calls {@link #authorize}, which throws
 * {@link ConfirmationRequiredException}: 403 with the code {@code step_up_required}, the pending operation's id,
 * its description and amount, and the methods allowed.
 * <li>For an SMS code, the client posts {@code {"purpose": ..., "operation": id}} to {@code /api/v1/stepup/code};
 * the SMS names the operation and its amount.
 * <li>The client sends the operation again with {@code "confirmation": {"method": "sms-code" | "service-password",
 * "secret": ...}}. {@link #authorize} returns when it is right for exactly this operation and uses the code up.
 * </ol>
 */
public interface OperationConfirmation {

    /**
     * Returns normally when {@code operation} may go ahead now. A right SMS code is used up, so a replayed request
     * needs a new one.
     *
     * @param confirmation what the client sent with the operation, or {@code null} when it sent none
     * @throws ConfirmationRequiredException when a confirmation is needed and none was sent, or its method is not
     *         allowed now
     * @throws ConfirmationRejectedException when the confirmation is wrong, used, expired or made for another
     *         operation; the attempt counts toward the account lockout
     * @throws OperationBlockedException while a severe pattern blocks the subscriber's operations
     */
    void authorize(SubscriberPrincipal principal, HttpServletRequest request, BoundOperation operation,
            Confirmation confirmation);
}
