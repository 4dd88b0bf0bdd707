package org.selfcare.audit;

/**
 * Records security events. Callers record an event in the transaction of the change it describes, where there
 * is one.
 */
public interface SecurityLog {

    void record(SecurityEvent event);
}
