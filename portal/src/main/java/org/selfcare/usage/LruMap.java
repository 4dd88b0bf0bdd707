package org.selfcare.usage;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map that drops its least recently used entry when it grows past its capacity: the store of the import's
 * caches. Not thread-safe.
 */
final class LruMap<K, V> extends LinkedHashMap<K, V> {

    private static final long serialVersionUID = 1L;

    private final int capacity;

    LruMap(int capacity) {
        super(capacity, 0.75f, true);
        this.capacity = capacity;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
    }
}
