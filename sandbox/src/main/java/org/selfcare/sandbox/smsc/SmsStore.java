package org.selfcare.sandbox.smsc;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Received short messages in arrival order, with the reassembly of concatenated parts. A concatenated message
 * appears once its last missing part arrives; parts that are still waiting for the others are not listed.
 */
final class SmsStore {

    /** One submit_sm as received, before reassembly. */
    record Part(String messageId, String systemId, String source, String destination, int dataCoding, int esmClass,
                ShortMessageDecoder.DecodedPart decoded) {
    }

    /** Parts of one message are matched on the submitting system, both addresses, the reference and the total. */
    private record ConcatenationKey(String systemId, String source, String destination, int reference, int total) {
    }

    private final Clock clock;
    private final List<ReceivedSms> messages = new ArrayList<>();
    private final Map<ConcatenationKey, Part[]> pending = new HashMap<>();

    SmsStore(Clock clock) {
        this.clock = clock;
    }

    /** Stores a part and returns the logical message if this part completed one. */
    synchronized Optional<ReceivedSms> add(Part part) {
        ShortMessageDecoder.Concatenation concatenation = part.decoded().concatenation();
        if (!isUsable(concatenation)) {
            return Optional.of(store(List.of(part)));
        }

        ConcatenationKey key = new ConcatenationKey(part.systemId(), part.source(), part.destination(),
                concatenation.reference(), concatenation.total());
        Part[] parts = pending.computeIfAbsent(key, unused -> new Part[concatenation.total()]);
        parts[concatenation.sequence() - 1] = part;
        for (Part received : parts) {
            if (received == null) {
                return Optional.empty();
            }
        }
        pending.remove(key);
        return Optional.of(store(List.of(parts)));
    }

    synchronized List<ReceivedSms> messages() {
        return List.copyOf(messages);
    }

    /** A single-part "concatenation" or one with an out-of-range sequence number is stored as it is. */
    private static boolean isUsable(ShortMessageDecoder.Concatenation concatenation) {
        return concatenation != null
                && concatenation.total() > 1
                && concatenation.sequence() >= 1
                && concatenation.sequence() <= concatenation.total();
    }

    private ReceivedSms store(List<Part> parts) {
        Part first = parts.get(0);
        List<String> messageIds = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        boolean binary = false;
        for (Part part : parts) {
            messageIds.add(part.messageId());
            String partText = part.decoded().text();
            if (partText == null) {
                binary = true;
            } else {
                text.append(partText);
            }
        }
        ReceivedSms message = new ReceivedSms(messageIds, first.systemId(), first.source(), first.destination(),
                first.dataCoding(), first.esmClass(), first.decoded().userDataHeader(), parts.size(),
                binary ? null : text.toString(), clock.instant());
        messages.add(message);
        return message;
    }
}
