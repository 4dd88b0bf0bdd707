package org.selfcare.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Writes security events to the application log only.
 */
// TODO: replace with the hash-chained table; until then events are not tamper-evident.
@Component
class LoggingSecurityLog implements SecurityLog {

    private static final Logger logger = LoggerFactory.getLogger("security");

    @Override
    public void record(SecurityEvent event) {
        logger.info("event={} subscriberId={} identifier={} client={} outcome={} reason={}", event.type(),
                event.subscriberId(), event.identifier(), event.clientAddress(), event.outcome(), event.reason());
    }
}
