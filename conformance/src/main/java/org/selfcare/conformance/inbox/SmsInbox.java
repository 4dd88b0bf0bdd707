package org.selfcare.conformance.inbox;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.selfcare.conformance.evidence.Redactor;
import org.selfcare.conformance.profile.TargetProfile;
import org.selfcare.sandbox.smsc.ReceivedSms;
import org.selfcare.sandbox.smsc.Smsc;

/**
 * One case's view of the messages the kit's SMSC received: the messages to one subscriber, waiting for a new one,
 * and the code or initial password inside. Every code and password it reads is added to the case's redactor before
 * the case can send it, so the evidence never shows them.
 */
public final class SmsInbox {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private final Smsc smsc;

    private final TargetProfile.Sms settings;

    private final Redactor redactor;

    SmsInbox(Smsc smsc, TargetProfile.Sms settings, Redactor redactor) {
        this.smsc = smsc;
        this.settings = settings;
        this.redactor = redactor;
    }

    /**
     * Returns the messages received so far for the subscriber {@code number}, oldest first.
     *
     * @param number the subscriber's number in national or international form, such as {@code 07700 900000}
     */
    public List<ReceivedSms> messagesTo(String number) {
        return smsc.messages().stream().filter((message) -> isFor(message.destination(), number)).toList();
    }

    /**
     * Waits up to {@code sms.wait} for a message to {@code number} beyond the first {@code seen}, and returns
     * the first new one.
     */
    public Optional<ReceivedSms> awaitNew(String number, int seen) {
        long deadline = System.nanoTime() + settings.waitTime().toNanos();
        while (true) {
            List<ReceivedSms> messages = messagesTo(number);
            if (messages.size() > seen) {
                return Optional.of(messages.get(seen));
            }
            if (System.nanoTime() >= deadline) {
                return Optional.empty();
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /** Returns how long {@link #awaitNew} waits, from the profile's {@code sms.wait}. */
    public Duration waitTime() {
        return settings.waitTime();
    }

    /**
     * Reads the one-time code with {@code sms.code-pattern} and adds it to the redactor.
     */
    public Optional<String> code(ReceivedSms message) {
        return secret(settings.codePattern(), message);
    }

    /**
     * Reads the initial password with {@code sms.initial-password-pattern} and adds it to the redactor.
     */
    public Optional<String> initialPassword(ReceivedSms message) {
        return secret(settings.initialPasswordPattern(), message);
    }

    /**
     * Reads the service password with {@code sms.service-password-pattern} and adds it to the redactor.
     */
    public Optional<String> servicePassword(ReceivedSms message) {
        return secret(settings.servicePasswordPattern(), message);
    }

    /**
     * Describes a message for the evidence: when it arrived, its sender and destination, and its text with
     * whatever the code and password patterns match masked, as well as every secret the redactor holds.
     */
    public String describe(ReceivedSms message) {
        String text = (message.text() == null) ? "(binary message)" : message.text();
        text = mask(settings.codePattern(), text);
        text = mask(settings.initialPasswordPattern(), text);
        text = mask(settings.servicePasswordPattern(), text);
        return "SMS from " + message.source() + " to " + message.destination() + " received at "
                + message.receivedAt() + ": " + redactor.text(text);
    }

    private Optional<String> secret(Pattern pattern, ReceivedSms message) {
        if (message.text() == null) {
            return Optional.empty();
        }
        Matcher matcher = pattern.matcher(message.text());
        if (!matcher.find() || matcher.group(1) == null || matcher.group(1).isEmpty()) {
            return Optional.empty();
        }
        redactor.addSecret(matcher.group(1));
        return Optional.of(matcher.group(1));
    }

    private static String mask(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (matcher.find()) {
            if (matcher.group(1) == null) {
                continue;
            }
            out.append(text, last, matcher.start(1)).append(Redactor.MASK);
            last = matcher.end(1);
        }
        out.append(text.substring(last));
        return out.toString();
    }

    /**
     * Returns whether an SMS destination is the subscriber's number. Deployments send to the international form
     * with or without a leading {@code +}, while profiles often name accounts in national form, so the
     * destination's digits must end with the number's digits after their leading zeros (the trunk prefix).
     */
    static boolean isFor(String destination, String number) {
        String wanted = number.replaceAll("[^0-9]", "").replaceFirst("^0+", "");
        String actual = (destination == null) ? "" : destination.replaceAll("[^0-9]", "");
        return !wanted.isEmpty() && actual.endsWith(wanted);
    }
}
