package org.selfcare.support;

import java.time.ZoneId;
import java.util.Currency;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.selfcare.account.Accounts;
import org.selfcare.identity.NewSubscriber;
import org.selfcare.identity.Subscriber;
import org.selfcare.identity.SubscriberDirectory;
import org.selfcare.platform.PhoneNumbers;

/**
 * Provisions subscribers with numbers no other test uses: UK mobile numbers from 07700 950000 up, above the
 * demo data's 07700 900xxx and offset by the process id so that runs sharing a data folder do not collide.
 */
public final class TestSubscribers {

    public static final String PASSWORD = "Kettle-Harbour-42!";

    public static final String SERVICE_PASSWORD = "Lantern-Meadow-7";

    private static final AtomicInteger sequence = new AtomicInteger(
            50_000 + (int) (ProcessHandle.current().pid() * 37 % 490) * 100);

    private TestSubscribers() {
    }

    /**
     * Returns a random possible UK mobile number between 07700 800000 and 07700 899999, a range in which no test
     * provisions a subscriber. It differs between runs, so sign-in failures kept in the test database from an
     * earlier run do not lock it.
     */
    public static String unknownNumber() {
        return String.format("07700 8%05d", ThreadLocalRandom.current().nextInt(100_000));
    }

    /**
     * Returns a number from the same range as {@link #create} that belongs to no subscriber yet, for tests that
     * provision through the operator API or the provisioning service.
     */
    public static String freshNumber(SubscriberDirectory directory) {
        while (true) {
            String number = String.format("07700 9%05d", sequence.getAndIncrement() % 100_000);
            if (directory.findByE164(PhoneNumbers.toE164(number, "GB").orElseThrow()).isEmpty()) {
                return number;
            }
        }
    }

    /**
     * Provisions an active subscriber with a number no subscriber has yet. A test data folder kept from an
     * earlier run may already hold the number this run would pick first, so taken numbers are skipped.
     */
    public static Subscriber create(SubscriberDirectory directory, Accounts accounts) {
        String number = freshNumber(directory);
        Subscriber subscriber = directory.register(
                new NewSubscriber(number, "GB", "Test Subscriber", ZoneId.of("Europe/London"), PASSWORD)
                        .withServicePassword(SERVICE_PASSWORD));
        accounts.open(subscriber.id(), Currency.getInstance("GBP"));
        return subscriber;
    }
}
