package org.selfcare.platform;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableAsync;

/**
 * Runs {@code @Async} methods, such as the application module listeners, on Spring Boot's application task
 * executor ({@code spring.task.execution.*}), so a listener never delays the request whose commit published the
 * event.
 */
@Configuration(proxyBeanMethods = false)
@EnableAsync
class AsyncConfiguration {
}
