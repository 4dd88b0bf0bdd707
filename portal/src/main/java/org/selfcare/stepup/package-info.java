/**
 * Second authentication (step-up): before sensitive data or actions, the signed-in subscriber proves their identity
 * again with a one-time code sent by SMS or with their service password. Each proof is bound to a {@link
 * org.selfcare.stepup.Purpose} and lasts a limited time of the session.
 */
package org.selfcare.stepup;
