package org.selfcare.platform.database;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.selfcare.platform.SelfcareProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * The embedded default: with no {@code spring.datasource.url}, the portal runs its own PostgreSQL in
 * {@code selfcare.data-dir}/postgres. With the URL set, this configuration stays out of the way and Spring
 * Boot connects to that server.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoDatasourceUrl.class)
class EmbeddedDatabaseConfiguration {

    private static final Logger logger = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    @Bean(destroyMethod = "")
    EmbeddedPostgres embeddedPostgres(SelfcareProperties properties) {
        return SharedEmbeddedPostgres.acquire(properties.dataDir().resolve("postgres"),
                properties.embeddedDatabase().port());
    }

    @Bean
    DataSource dataSource(EmbeddedPostgres server, SelfcareProperties properties) {
        logger.info("Using the embedded PostgreSQL on 127.0.0.1:{}", server.port());
        HikariDataSource dataSource = new EmbeddedDataSource(server);
        dataSource.setJdbcUrl(server.jdbcUrl() + "?reWriteBatchedInserts=true");
        dataSource.setUsername(server.username());
        dataSource.setPassword(server.password());
        dataSource.setMaximumPoolSize(properties.embeddedDatabase().maxPoolSize());
        // Several portals can share one embedded server (the demo's commands, test contexts), so a quiet pool
        // gives its connections back instead of holding the maximum.
        dataSource.setMinimumIdle(Math.min(2, properties.embeddedDatabase().maxPoolSize()));
        dataSource.setIdleTimeout(Duration.ofSeconds(30).toMillis());
        dataSource.setPoolName("embedded-postgres");
        return dataSource;
    }

    /**
     * Releases the shared server after the pool has closed its connections.
     */
    private static final class EmbeddedDataSource extends HikariDataSource {

        private final EmbeddedPostgres server;

        private final AtomicBoolean released = new AtomicBoolean();

        private EmbeddedDataSource(EmbeddedPostgres server) {
            this.server = server;
        }

        @Override
        public void close() {
            super.close();
            if (released.compareAndSet(false, true)) {
                SharedEmbeddedPostgres.release(server);
            }
        }
    }

    static final class NoDatasourceUrl implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
        }
    }
}
