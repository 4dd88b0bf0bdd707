package org.selfcare.conformance.cases.subscriber;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Polls the target or the kit's inboxes until something turns up, for effects that follow a request later,
 * such as an SMS or a detection that runs after commit.
 */
public final class Polling {

    private Polling() {
    }

    /**
     * Polls {@code probe} every {@code interval} until it finds something or {@code wait} has passed. Returns
     * empty when the thread is interrupted.
     */
    public static <T> Optional<T> await(Duration wait, Duration interval, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Optional<T> found = probe.get();
            if (found.isPresent() || System.nanoTime() >= deadline) {
                return found;
            }
            try {
                Thread.sleep(interval.toMillis());
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }
}
