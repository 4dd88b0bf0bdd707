package org.selfcare.monitoring;

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
 * Runs {@link MonitoringHousekeeping} every {@code selfcare.monitoring.prune-interval} while the portal runs.
 * The one-off commands of the jar do not schedule it.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@Profile("!command")
class ScheduledHousekeeping implements SchedulingConfigurer {

    private static final Logger logger = LoggerFactory.getLogger(ScheduledHousekeeping.class);

    private final MonitoringHousekeeping housekeeping;

    private final MonitoringProperties properties;

    ScheduledHousekeeping(MonitoringHousekeeping housekeeping, MonitoringProperties properties) {
        this.housekeeping = housekeeping;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::runAndLog, properties.pruneInterval(),
                properties.pruneInterval()));
    }

    private void runAndLog() {
        try {
            housekeeping.run();
        }
        catch (DataAccessException ex) {
            logger.warn("Monitoring housekeeping failed, retrying in {}", properties.pruneInterval(), ex);
        }
    }
}
