package org.selfcare.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Verifies the security event chain every {@code selfcare.audit.verify-interval} while the portal runs. The
 * one-off commands of the jar do not schedule it.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@Profile("!command")
class ScheduledChainVerification implements SchedulingConfigurer {

    private static final Logger logger = LoggerFactory.getLogger(ScheduledChainVerification.class);

    private final ChainVerifier verifier;

    private final AuditProperties properties;

    ScheduledChainVerification(ChainVerifier verifier, AuditProperties properties) {
        this.verifier = verifier;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(
                new FixedDelayTask(this::verifyAndLog, properties.verifyInterval(), properties.verifyInterval()));
    }

    /**
     * Verifies the chain and logs the result: INFO when intact, ERROR naming the first broken link.
     */
    void verifyAndLog() {
        ChainVerification result;
        try {
            result = verifier.verify();
        }
        catch (DataAccessException ex) {
            logger.error("Failed to verify the security event log, retrying in {}", properties.verifyInterval(), ex);
            return;
        }
        if (result.isIntact()) {
            logger.info(result.summary());
        }
        else {
            logger.error(result.summary());
        }
    }
}
