package org.selfcare.support;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Clears what monitoring has counted for a demo subscriber. The demo's data folder outlives a test run, and
 * monitoring counts the orders and subscriptions of every run, so a few runs within an hour put the subscriber
 * at risk. A subscriber at risk confirms payments and subscriptions with an SMS code only, which is not the
 * path that browser tests of the ordinary flow drive.
 */
public final class DemoMonitoring {

    private DemoMonitoring() {
    }

    public static void forget(JdbcTemplate jdbc, long subscriberId) {
        jdbc.update("DELETE FROM risk_flag WHERE subscriber_id = ?", subscriberId);
        jdbc.update("""
                UPDATE monitoring_alert SET resolved_at = now(), resolved_by = 'test-setup',
                                            resolution = 'cleared before a browser test'
                WHERE subscriber_id = ? AND resolved_at IS NULL""", subscriberId);
        jdbc.update("DELETE FROM monitoring_event WHERE subscriber_id = ?", subscriberId);
    }
}
