package org.selfcare.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;

/**
 * Creates the benchmark subscribers and their accounts with SQL, all with one password whose Argon2id hash is
 * computed once with the portal's encoder. The same password is their service password, which the latency
 * benchmark enters for the second authentication that call records need.
 *
 * <p>Usage: {@code ProvisionSubscribers DATA_DIR DB_PORT SUBSCRIBERS PASSWORD}, run from the portal's jar with
 * {@code portal_tool} of {@code portal.sh}.
 */
public final class ProvisionSubscribers {

    private ProvisionSubscribers() {
    }

    public static void main(String[] args) throws Exception {
        BenchDatabase database = new BenchDatabase(Path.of(args[0]), Integer.parseInt(args[1]));
        int subscribers = Integer.parseInt(args[2]);
        // The portal's own encoder, so the hash has the implementation and parameters that sign-in verifies.
        String hash = new PortalPasswordEncoder().encode(args[3]);

        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO subscriber (msisdn, msisdn_e164, display_name, status, time_zone, password_hash,
                                            service_password_hash)
                    SELECT n::text, '+44' || n, 'Subscriber ' || n, 'ACTIVE', 'Europe/London', ?, ?
                    FROM generate_series(?::bigint, ?::bigint) AS n""")) {
                insert.setString(1, hash);
                insert.setString(2, hash);
                insert.setLong(3, GenerateCalls.FIRST_SUBSCRIBER);
                insert.setLong(4, GenerateCalls.FIRST_SUBSCRIBER + subscribers - 1);
                insert.executeUpdate();
            }
            try (PreparedStatement accounts = connection.prepareStatement(
                    "INSERT INTO account (subscriber_id, currency, balance_minor) SELECT id, 'GBP', 0 FROM subscriber")) {
                accounts.executeUpdate();
            }
            connection.commit();
        }
        System.out.printf("Provisioned %d subscribers with accounts%n", subscribers);
    }
}
