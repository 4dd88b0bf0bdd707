package org.selfcare.sandbox.smsc;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Error statuses that the SMSC returns for submit_sm, by destination, as a test configured them. */
final class SubmitRejections {

    /** A status and how many more requests get it. */
    private record Rule(int commandStatus, int remaining) {
    }

    private final Map<String, Rule> rules = new ConcurrentHashMap<>();

    void add(String destination, int commandStatus, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("Invalid rejection count " + count + ": use 1 or more");
        }
        rules.put(destination, new Rule(commandStatus, count));
    }

    void clear() {
        rules.clear();
    }

    /** Returns the status for the next request to {@code destination} and counts it, or empty to accept it. */
    Optional<Integer> take(String destination) {
        Rule[] matched = new Rule[1];
        rules.computeIfPresent(destination, (key, rule) -> {
            matched[0] = rule;
            if (rule.remaining() == Integer.MAX_VALUE) {
                return rule;
            }
            return rule.remaining() > 1 ? new Rule(rule.commandStatus(), rule.remaining() - 1) : null;
        });
        return Optional.ofNullable(matched[0]).map(Rule::commandStatus);
    }
}
