package org.selfcare.conformance.evidence;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The evidence one case gathers while it runs. Thread-safe, because some cases send requests in parallel.
 */
public final class EvidenceLog {

    private final List<Evidence> entries = Collections.synchronizedList(new ArrayList<>());

    public void add(Evidence evidence) {
        entries.add(evidence);
    }

    public void note(String text) {
        entries.add(new Note(text));
    }

    public List<Evidence> entries() {
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }
}
