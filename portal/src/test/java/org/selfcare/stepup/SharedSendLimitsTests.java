package org.selfcare.stepup;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.selfcare.support.PortalTest;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The send limits as two portal nodes, or one node before and after a restart, see them: two instances on one
 * database draw from the same buckets. The defaults allow one code per number and minute.
 */
@PortalTest
class SharedSendLimitsTests {

    @Autowired
    StepUpProperties properties;

    @Autowired
    DataSource dataSource;

    @Autowired
    Clock clock;

    @Test
    void secondNodeSeesFirstNodesSend() {
        String number = number();
        SendLimits firstNode = new SendLimits(properties, dataSource, clock);
        SendLimits secondNode = new SendLimits(properties, dataSource, clock);

        assertThat(firstNode.tryAcquire(number, session(), "192.0.2.1")).isEmpty();

        assertThat(secondNode.tryAcquire(number, session(), "192.0.2.2")).as("same number, other node")
                .hasValueSatisfying((wait) -> assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1)));
    }

    @Test
    void refusedSendGivesBackTokens() {
        SendLimits node = new SendLimits(properties, dataSource, clock);
        String session = session();
        for (int i = 0; i < properties.sendLimits().sessionPerHour(); i++) {
            assertThat(node.tryAcquire(number(), session, "192.0.2.3")).as("send %d", i).isEmpty();
        }
        String number = number();

        assertThat(node.tryAcquire(number, session, "192.0.2.3")).as("session limit").isPresent();

        assertThat(node.tryAcquire(number, session(), "192.0.2.3")).as("the number kept its token").isEmpty();
    }

    /** Returns a number no other test uses: test subscribers have numbers from 07700 800000 to 07700 899999. */
    private static String number() {
        return "+4477009" + String.format("%05d", ThreadLocalRandom.current().nextInt(100_000));
    }

    private static String session() {
        return UUID.randomUUID().toString();
    }
}
