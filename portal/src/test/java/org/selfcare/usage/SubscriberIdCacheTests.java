package org.selfcare.usage;

import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.selfcare.account.Accounts;
import org.selfcare.identity.NewSubscriber;
import org.selfcare.identity.Subscriber;
import org.selfcare.identity.SubscriberDirectory;
import org.selfcare.platform.PhoneNumbers;
import org.selfcare.support.PortalTest;
import org.selfcare.support.TestSubscribers;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The import's cache of subscriber ids against the subscribers in the database: it returns what the directory
 * returns, remembers numbers of no subscriber, and queries them again once it has evicted them.
 */
@PortalTest
class SubscriberIdCacheTests {

    @Autowired
    SubscriberDirectory directory;

    @Autowired
    Accounts accounts;

    @Test
    void returnsSubscribersOnly() {
        Subscriber first = TestSubscribers.create(directory, accounts);
        Subscriber second = TestSubscribers.create(directory, accounts);
        String nobody = e164(TestSubscribers.unknownNumber());
        SubscriberIdCache cache = new SubscriberIdCache(directory, 10);

        for (int round = 0; round < 2; round++) {
            assertThat(cache.idsByE164(List.of(first.msisdnE164(), nobody, second.msisdnE164())))
                    .containsOnlyKeys(first.msisdnE164(), second.msisdnE164())
                    .containsEntry(first.msisdnE164(), first.id())
                    .containsEntry(second.msisdnE164(), second.id());
        }
        assertThat(cache.size()).isEqualTo(3);
    }

    @Test
    void remembersUnknownNumberUntilEvicted() {
        String number = TestSubscribers.freshNumber(directory);
        String e164 = e164(number);
        SubscriberIdCache cache = new SubscriberIdCache(directory, 2);
        assertThat(cache.idsByE164(List.of(e164))).isEmpty();

        Subscriber registered = directory.register(new NewSubscriber(number, "GB", "Registered Meanwhile",
                ZoneId.of("Europe/London"), TestSubscribers.PASSWORD));

        assertThat(cache.idsByE164(List.of(e164))).isEmpty();
        cache.idsByE164(List.of(e164(TestSubscribers.unknownNumber())));
        cache.idsByE164(List.of(e164(TestSubscribers.unknownNumber())));
        assertThat(cache.idsByE164(List.of(e164))).containsEntry(e164, registered.id());
    }

    private static String e164(String number) {
        return PhoneNumbers.toE164(number, "GB").orElseThrow();
    }
}
