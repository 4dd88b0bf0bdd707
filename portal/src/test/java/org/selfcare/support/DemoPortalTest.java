package org.selfcare.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * An integration test against the demo: the portal with the {@code demo} profile in its own data folder, so
 * its subscribers and call records come from the real switch exports and nothing else. When the tests run
 * against a PostgreSQL server, {@code selfcare.demo-test-datasource-url} names a database of its own. The demo
 * starts its own sandbox SMSC and mail sink, which {@link TestInbox} reads.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "selfcare.http-port=0", "selfcare.operator.port=0",
                "selfcare.data-dir=${selfcare.demo-test-data-dir}",
                "spring.datasource.url=${selfcare.demo-test-datasource-url:}",
                "selfcare.captcha.test-key=" + PortalClient.CAPTCHA_TEST_KEY,
                "selfcare.stepup.send-limits.address-per-hour=100000",
                // Cached test contexts stay open together; against a PostgreSQL server their idle pools shrink.
                "spring.datasource.hikari.minimum-idle=1", "spring.datasource.hikari.idle-timeout=10000" })
@ActiveProfiles("demo")
@Import(TestInbox.class)
public @interface DemoPortalTest {
}
