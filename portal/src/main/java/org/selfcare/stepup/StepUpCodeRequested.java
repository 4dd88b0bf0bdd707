package org.selfcare.stepup;

import java.time.Instant;

/**
 * Published after each request for a one-time code, sent or refused, so monitoring can see code-request bursts.
 *
 * @param subscriberId who asked
 * @param purpose what the code was for
 * @param sent whether an SMS went out; {@code false} when a send limit or the CAPTCHA refused it
 * @param occurredAt when it was asked
 */
public record StepUpCodeRequested(long subscriberId, Purpose purpose, boolean sent, Instant occurredAt) {
}
