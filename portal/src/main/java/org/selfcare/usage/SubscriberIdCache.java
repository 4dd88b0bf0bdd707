package org.selfcare.usage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.selfcare.identity.SubscriberDirectory;

/**
 * Remembers which numbers belong to which subscriber during one import, so that each chunk queries the database
 * only for the numbers the import has not met yet. Without it, every chunk looked up about as many numbers as it has
 * lines, and PostgreSQL sorted and searched them all again. Numbers that belong to no subscriber are remembered
 * too, so a subscriber registered while an import runs is matched only if the import had not met their number
 * before. The least recently used entry goes when the cache is full. Not thread-safe: the importing thread owns it.
 */
final class SubscriberIdCache {

    /** Marks a number that belongs to no subscriber. Subscriber ids are positive. */
    private static final long NONE = 0;

    private final SubscriberDirectory directory;

    private final Map<String, Long> ids;

    SubscriberIdCache(SubscriberDirectory directory, int capacity) {
        this.directory = directory;
        this.ids = new LruMap<>(capacity);
    }

    /** Returns the subscriber id of each of {@code numbers} in E.164 form that belongs to a subscriber. */
    Map<String, Long> idsByE164(Collection<String> numbers) {
        Map<String, Long> found = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String number : numbers) {
            Long id = ids.get(number);
            if (id == null) {
                unknown.add(number);
            }
            else if (id != NONE) {
                found.put(number, id);
            }
        }
        if (unknown.isEmpty()) {
            return found;
        }

        Map<String, Long> stored = directory.idsByE164(unknown);
        for (String number : unknown) {
            Long id = stored.get(number);
            ids.put(number, (id == null) ? NONE : id);
            if (id != null) {
                found.put(number, id);
            }
        }
        return found;
    }

    int size() {
        return ids.size();
    }
}
