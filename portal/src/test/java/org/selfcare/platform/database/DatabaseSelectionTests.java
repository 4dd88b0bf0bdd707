package org.selfcare.platform.database;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.selfcare.support.PortalTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs in both CI passes: against the embedded server by default, and against a PostgreSQL server when
 * {@code spring.datasource.url} is set.
 */
@PortalTest
class DatabaseSelectionTests {

    @Autowired
    ApplicationContext context;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Value("${spring.datasource.url:}")
    String configuredUrl;

    @Test
    void portalUsesConfiguredServerOrEmbeddedOne() {
        String url = ((HikariDataSource) dataSource).getJdbcUrl();

        if (configuredUrl.isBlank()) {
            assertThat(context.getBeanNamesForType(EmbeddedPostgres.class)).hasSize(1);
            assertThat(url).startsWith("jdbc:postgresql://127.0.0.1:");
        }
        else {
            assertThat(context.getBeanNamesForType(EmbeddedPostgres.class)).isEmpty();
            assertThat(url).isEqualTo(configuredUrl);
        }
    }

    @Test
    void flywayCreatedTheSchema() {
        Integer version = jdbc.sql("SELECT max(version::int) FROM flyway_schema_history WHERE success")
                .query(Integer.class)
                .single();

        assertThat(version).isGreaterThanOrEqualTo(1);
    }
}
