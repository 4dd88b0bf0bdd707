package org.selfcare.notification;

import java.util.List;
import java.util.Objects;

/**
 * A text from the message bundle and its arguments, rendered when the notification is queued.
 *
 * @param key message bundle key
 * @param arguments values for the key's placeholders
 * @param confidential whether the rendered text carries a secret (a one-time code, an initial password), so the
 *        outbox erases it once the message is delivered
 */
public record Message(String key, List<Object> arguments, boolean confidential) {

    public Message {
        Objects.requireNonNull(key, "key must not be null");
        arguments = List.copyOf(arguments);
    }

    public static Message of(String key, Object... arguments) {
        return new Message(key, List.of(arguments), false);
    }

    /**
     * Creates a message whose text must not outlive its delivery.
     */
    public static Message confidential(String key, Object... arguments) {
        return new Message(key, List.of(arguments), true);
    }

    @Override
    public String toString() {
        return "Message[key=" + key + (confidential ? ", arguments=[PROTECTED]]" : ", arguments=" + arguments + "]");
    }
}
