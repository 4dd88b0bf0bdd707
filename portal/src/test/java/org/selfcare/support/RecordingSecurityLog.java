package org.selfcare.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.selfcare.audit.SecurityEvent;
import org.selfcare.audit.SecurityEventType;
import org.selfcare.audit.SecurityLog;

/**
 * Keeps every security event in memory, for tests that check what the portal records.
 */
public final class RecordingSecurityLog implements SecurityLog {

    private final List<SecurityEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void record(SecurityEvent event) {
        events.add(event);
    }

    public List<SecurityEvent> events(SecurityEventType type, String identifier) {
        return events.stream()
                .filter((event) -> event.type() == type && identifier.equals(event.identifier()))
                .toList();
    }
}
