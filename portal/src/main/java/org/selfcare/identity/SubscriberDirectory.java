package org.selfcare.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.selfcare.platform.PhoneNumbers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finds and provisions subscribers. Other modules learn about subscribers only through this service.
 */
@Service
public class SubscriberDirectory {

    private static final Logger logger = LoggerFactory.getLogger(SubscriberDirectory.class);

    private final JdbcClient jdbc;

    private final PasswordEncoder passwordEncoder;

    SubscriberDirectory(JdbcClient jdbc, PasswordEncoder passwordEncoder) {
        this.jdbc = jdbc;
        this.passwordEncoder = passwordEncoder;
    }

    /**
     * Creates an active subscriber.
     *
     * @throws IllegalArgumentException when the number is not a possible phone number in the given region, or a
     *         subscriber with the same number exists
     */
    @Transactional
    public Subscriber register(NewSubscriber request) {
        String e164 = PhoneNumbers.toE164(request.msisdn(), request.region())
                .orElseThrow(() -> new IllegalArgumentException(
                        "Phone number " + request.msisdn() + " is not valid in region " + request.region()));
        if (findByE164(e164).isPresent()) {
            throw new IllegalArgumentException("A subscriber with phone number " + e164 + " already exists");
        }
        long id = jdbc.sql("""
                INSERT INTO subscriber (msisdn, msisdn_e164, display_name, status, time_zone, password_hash)
                VALUES (?, ?, ?, 'ACTIVE', ?, ?) RETURNING id""")
                .params(request.msisdn(), e164, request.displayName(), request.timeZone().getId(),
                        passwordEncoder.encode(request.initialPassword()))
                .query(Long.class)
                .single();
        logger.info("Registered subscriber id={} msisdn={}", id, e164);
        return new Subscriber(id, request.msisdn(), e164, request.displayName(), SubscriberStatus.ACTIVE,
                request.timeZone());
    }

    public Optional<Subscriber> findById(long id) {
        return jdbc.sql("SELECT * FROM subscriber WHERE id = ?").param(id).query(SubscriberDirectory::map).optional();
    }

    public Optional<Subscriber> findByE164(String e164) {
        return jdbc.sql("SELECT * FROM subscriber WHERE msisdn_e164 = ?")
                .param(e164)
                .query(SubscriberDirectory::map)
                .optional();
    }

    /**
     * Returns the ids of the subscribers whose E.164 numbers are in {@code numbers}, keyed by number; numbers of
     * no subscriber are absent.
     */
    public Map<String, Long> idsByE164(Collection<String> numbers) {
        Map<String, Long> ids = new HashMap<>();
        if (numbers.isEmpty()) {
            return ids;
        }
        jdbc.sql("SELECT msisdn_e164, id FROM subscriber WHERE msisdn_e164 = ANY (?)")
                .param(numbers.toArray(String[]::new))
                .query((ResultSet rows) -> {
                    ids.put(rows.getString(1), rows.getLong(2));
                });
        return ids;
    }

    public long count() {
        return jdbc.sql("SELECT count(*) FROM subscriber").query(Long.class).single();
    }

    Optional<StoredCredentials> findCredentials(String e164) {
        return jdbc.sql("""
                SELECT id, msisdn_e164, password_hash, status, time_zone FROM subscriber WHERE msisdn_e164 = ?""")
                .param(e164)
                .query((rows, rowNumber) -> new StoredCredentials(rows.getLong("id"), rows.getString("msisdn_e164"),
                        rows.getString("password_hash"), SubscriberStatus.valueOf(rows.getString("status")),
                        ZoneId.of(rows.getString("time_zone"))))
                .optional();
    }

    private static Subscriber map(ResultSet rows, int rowNumber) throws SQLException {
        return new Subscriber(rows.getLong("id"), rows.getString("msisdn"), rows.getString("msisdn_e164"),
                rows.getString("display_name"), SubscriberStatus.valueOf(rows.getString("status")),
                ZoneId.of(rows.getString("time_zone")));
    }

    record StoredCredentials(long id, String e164, String passwordHash, SubscriberStatus status, ZoneId timeZone) {

        @Override
        public String toString() {
            return "StoredCredentials[id=" + id + ", e164=" + e164 + ", passwordHash=[PROTECTED], status=" + status
                    + "]";
        }
    }
}
