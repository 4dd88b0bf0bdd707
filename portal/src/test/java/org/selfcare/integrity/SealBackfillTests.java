package org.selfcare.integrity;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.selfcare.account.Accounts;
import org.selfcare.account.Money;
import org.selfcare.account.PaymentChannel;
import org.selfcare.identity.Subscriber;
import org.selfcare.identity.SubscriberDirectory;
import org.selfcare.support.PortalTest;
import org.selfcare.support.TestSubscribers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one-time job that seals rows written before the seal columns existed.
 */
@PortalTest
class SealBackfillTests {

    @Autowired
    SealBackfill backfill;

    @Autowired
    SubscriberDirectory directory;

    @Autowired
    Accounts accounts;

    @Autowired
    RecordSealer sealer;

    @Autowired
    JdbcClient jdbc;

    @Test
    void pendingJobSealsUnsealedRowsOnce() {
        long payment = payment();
        String seal = seal(payment);

        String resealed;
        String afterSecondRun;
        boolean done;
        try {
            // As after the migration: the row has no seal and the job has not run.
            jdbc.sql("UPDATE payment SET seal = NULL, seal_key_id = NULL WHERE id = ?").param(payment).update();
            jdbc.sql("UPDATE seal_backfill SET sealed_at = NULL").update();
            backfill.afterSingletonsInstantiated();
            resealed = seal(payment);
            done = jdbc.sql("SELECT sealed_at IS NOT NULL FROM seal_backfill").query(Boolean.class).single();

            // Once the job is done, a removed seal stays removed, so the row stays withheld.
            jdbc.sql("UPDATE payment SET seal = NULL WHERE id = ?").param(payment).update();
            backfill.afterSingletonsInstantiated();
            afterSecondRun = seal(payment);
        }
        finally {
            jdbc.sql("UPDATE payment SET seal = ?, seal_key_id = (SELECT seal_key_id FROM payment WHERE id = ?) "
                    + "WHERE id = ?").params(seal, payment, payment).update();
            jdbc.sql("UPDATE seal_backfill SET sealed_at = coalesce(sealed_at, now())").update();
        }

        assertThat(resealed).isEqualTo(seal);
        assertThat(done).isTrue();
        assertThat(afterSecondRun).isNull();
    }

    private long payment() {
        Subscriber subscriber = TestSubscribers.create(directory, accounts);
        accounts.recordPayment(subscriber.id(), Money.of(700, "GBP"), PaymentChannel.CASH,
                "backfill-" + subscriber.id(), Instant.parse("2012-05-06T07:08:09Z"));
        return jdbc.sql("SELECT id FROM payment WHERE reference = ?").param("backfill-" + subscriber.id())
                .query(Long.class).single();
    }

    private String seal(long payment) {
        return jdbc.sql("SELECT seal FROM payment WHERE id = ?").param(payment).query(String.class).optional()
                .orElse(null);
    }
}
