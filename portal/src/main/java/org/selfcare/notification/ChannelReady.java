package org.selfcare.notification;

/**
 * Published by a channel when it can send again, such as when the SMPP link is bound, so the dispatcher claims
 * the rows that waited for it at once instead of at its next poll.
 *
 * @param channel the channel that became ready
 */
public record ChannelReady(Channel channel) {
}
