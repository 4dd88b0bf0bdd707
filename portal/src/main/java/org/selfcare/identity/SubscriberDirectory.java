package org.selfcare.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import org.selfcare.platform.PhoneNumbers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.function.SingletonSupplier;

/**
 * Finds and provisions subscribers. Other modules learn about subscribers only through this service.
 */
@Service
public class SubscriberDirectory {

    private static final Logger logger = LoggerFactory.getLogger(SubscriberDirectory.class);

    private final JdbcClient jdbc;

    private final PasswordEncoder passwordEncoder;

    private final Supplier<String> dummyHash;

    SubscriberDirectory(JdbcClient jdbc, PasswordEncoder passwordEncoder) {
        this.jdbc = jdbc;
        this.passwordEncoder = passwordEncoder;
        this.dummyHash = SingletonSupplier.of(() -> passwordEncoder.encode("dummy-secret-for-equal-timing"));
    }

    /**
     * Creates an active subscriber.
     *
     * @throws IllegalArgumentException when the number is not a possible phone number in the given region, or a
     *         subscriber with the same number exists
     */
    @Transactional
    public Subscriber register(NewSubscriber request) {
        return insert(request, SubscriberStatus.ACTIVE);
    }

    /**
     * Creates a subscriber who must finish the first sign-in (identity check and a new password) before anything
     * else of the portal is reachable. The initial password signs in only before {@code initialPasswordExpiresAt}.
     *
     * @throws IllegalArgumentException as {@link #register}
     */
    @Transactional
    public Subscriber provision(NewSubscriber request, Instant initialPasswordExpiresAt) {
        Objects.requireNonNull(initialPasswordExpiresAt, "initialPasswordExpiresAt must not be null");
        return insert(request, SubscriberStatus.PROVISIONED, initialPasswordExpiresAt);
    }

    private Subscriber insert(NewSubscriber request, SubscriberStatus status) {
        return insert(request, status, null);
    }

    private Subscriber insert(NewSubscriber request, SubscriberStatus status, Instant initialPasswordExpiresAt) {
        String e164 = PhoneNumbers.toE164(request.msisdn(), request.region())
                .orElseThrow(() -> new IllegalArgumentException(
                        "Phone number " + request.msisdn() + " is not valid in region " + request.region()));
        if (findByE164(e164).isPresent()) {
            throw new IllegalArgumentException("A subscriber with phone number " + e164 + " already exists");
        }
        long id = jdbc.sql("""
                INSERT INTO subscriber (msisdn, msisdn_e164, display_name, status, time_zone, password_hash,
                                        service_password_hash, contact_email, identity_document_digits_hash,
                                        initial_password_expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(request.msisdn(), e164, request.displayName(), status.name(), request.timeZone().getId(),
                        passwordEncoder.encode(request.initialPassword()), hashOrNull(request.servicePassword()),
                        request.contactEmail(), hashOrNull(request.identityDocumentDigits()),
                        (initialPasswordExpiresAt != null) ? Timestamp.from(initialPasswordExpiresAt) : null)
                .query(Long.class)
                .single();
        logger.info("Registered subscriber id={} msisdn={} status={}", id, e164, status);
        return new Subscriber(id, request.msisdn(), e164, request.displayName(), status, request.timeZone());
    }

    /**
     * Checks a service password. A subscriber without one costs the same hashing time as a wrong entry, so the
     * timing does not reveal which subscribers have one.
     */
    public boolean servicePasswordMatches(long subscriberId, String candidate) {
        String hash = jdbc.sql("SELECT service_password_hash FROM subscriber WHERE id = ?")
                .param(subscriberId)
                .query(String.class)
                .optional()
                .orElse(null);
        return matches(candidate, hash);
    }

    /**
     * Checks the purchase data of a subscriber: the last characters of the identity document number and the
     * contact e-mail, the latter without regard to case. Both must match, and both are checked whatever the first
     * result, so the time taken does not tell which one was wrong.
     */
    public boolean identityDataMatches(long subscriberId, String identityDocumentDigits, String contactEmail) {
        Optional<IdentityData> stored = jdbc.sql("""
                SELECT identity_document_digits_hash, contact_email FROM subscriber WHERE id = ?""")
                .param(subscriberId)
                .query((rows, rowNumber) -> new IdentityData(rows.getString(1), rows.getString(2)))
                .optional();
        String digitsHash = stored.map(IdentityData::digitsHash).orElse(null);
        String email = stored.map(IdentityData::contactEmail).orElse(null);
        boolean digitsMatch = matches(identityDocumentDigits, digitsHash);
        boolean emailMatches = email != null && contactEmail != null && MessageDigest.isEqual(
                normalise(email).getBytes(StandardCharsets.UTF_8),
                normalise(contactEmail).getBytes(StandardCharsets.UTF_8));
        return digitsMatch && emailMatches;
    }

    /**
     * Marks a provisioned subscriber active once the first sign-in has finished, and ends the initial password's
     * validity period, which no longer applies.
     *
     * @return whether the subscriber was provisioned and is now active
     */
    @Transactional
    public boolean activate(long subscriberId) {
        return jdbc.sql("""
                UPDATE subscriber SET status = 'ACTIVE', initial_password_expires_at = NULL
                WHERE id = ? AND status = 'PROVISIONED'""")
                .param(subscriberId)
                .update() == 1;
    }

    public Optional<Subscriber> findById(long id) {
        return jdbc.sql("SELECT * FROM subscriber WHERE id = ?").param(id).query(SubscriberDirectory::map).optional();
    }

    /**
     * Returns the e-mail address the subscriber gave at purchase, for notifications, or empty when there is none.
     */
    public Optional<String> contactEmail(long subscriberId) {
        return jdbc.sql("SELECT contact_email FROM subscriber WHERE id = ? AND contact_email IS NOT NULL")
                .param(subscriberId)
                .query(String.class)
                .optional();
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
                SELECT id, msisdn_e164, password_hash, status, time_zone, initial_password_expires_at
                FROM subscriber WHERE msisdn_e164 = ?""")
                .param(e164)
                .query((rows, rowNumber) -> new StoredCredentials(rows.getLong("id"), rows.getString("msisdn_e164"),
                        rows.getString("password_hash"), SubscriberStatus.valueOf(rows.getString("status")),
                        ZoneId.of(rows.getString("time_zone")), instantOrNull(rows.getTimestamp(
                                "initial_password_expires_at"))))
                .optional();
    }

    private String hashOrNull(String secret) {
        return (secret == null) ? null : passwordEncoder.encode(secret);
    }

    private boolean matches(String candidate, String hash) {
        if (hash == null || candidate == null) {
            // Spends the hashing time a real comparison would.
            passwordEncoder.matches("not-a-secret", dummyHash.get());
            return false;
        }
        return passwordEncoder.matches(candidate, hash);
    }

    private static Instant instantOrNull(Timestamp timestamp) {
        return (timestamp != null) ? timestamp.toInstant() : null;
    }

    private static String normalise(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    private static Subscriber map(ResultSet rows, int rowNumber) throws SQLException {
        return new Subscriber(rows.getLong("id"), rows.getString("msisdn"), rows.getString("msisdn_e164"),
                rows.getString("display_name"), SubscriberStatus.valueOf(rows.getString("status")),
                ZoneId.of(rows.getString("time_zone")));
    }

    private record IdentityData(String digitsHash, String contactEmail) {
    }

    /**
     * What sign-in needs of a subscriber.
     *
     * @param initialPasswordExpiresAt end of the initial password's validity for a provisioned subscriber, else
     *        {@code null}
     */
    record StoredCredentials(long id, String e164, String passwordHash, SubscriberStatus status, ZoneId timeZone,
            Instant initialPasswordExpiresAt) {

        StoredCredentials(long id, String e164, String passwordHash, SubscriberStatus status, ZoneId timeZone) {
            this(id, e164, passwordHash, status, timeZone, null);
        }

        @Override
        public String toString() {
            return "StoredCredentials[id=" + id + ", e164=" + e164 + ", passwordHash=[PROTECTED], status=" + status
                    + "]";
        }
    }
}
