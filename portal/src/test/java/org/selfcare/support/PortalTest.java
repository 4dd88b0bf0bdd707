package org.selfcare.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * An integration test against the whole portal: HTTPS on a free port, the plain HTTP redirect on another, the
 * embedded PostgreSQL in the test data folder that surefire sets, and the sandbox SMSC and mail sink of
 * {@link TestSandbox} with its payment provider, and uploads scanned by the clamd of {@link TestClamd} (started
 * only by the tests that upload). Every test client connects from 127.0.0.1, so the per-address limit of SMS codes is
 * raised as a deployment behind one proxy address would.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "selfcare.http-port=0", "selfcare.operator.port=0", "selfcare.tariff.default-price-per-minute=10",
                "selfcare.tariff.rates[0].prefix=+447", "selfcare.tariff.rates[0].price-per-minute=3",
                "selfcare.captcha.test-key=" + PortalClient.CAPTCHA_TEST_KEY,
                "selfcare.stepup.send-limits.address-per-hour=100000",
                // Cached test contexts stay open together; against a PostgreSQL server their idle pools shrink.
                "spring.datasource.hikari.minimum-idle=1", "spring.datasource.hikari.idle-timeout=10000",
                "spring.messages.basename=messages,messages-subscription,messages-console,test-messages" })
@Import({ TestInbox.class, TestSandbox.class, TestClamd.class })
@ContextConfiguration(initializers = TestSandbox.PaymentProperties.class)
public @interface PortalTest {
}
