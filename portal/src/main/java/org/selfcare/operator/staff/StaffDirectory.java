package org.selfcare.operator.staff;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.samstevens.totp.qr.QrData;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The staff accounts: adds them with a generated password and TOTP secret, lists them, and changes their role,
 * their enabled flag and their TOTP secret. The caller records who made a change, because it has the channel.
 */
@Service
public class StaffDirectory {

    /** Usernames: a lower-case letter, then 2 to 31 lower-case letters, digits, dots, underscores or hyphens. */
    public static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{2,31}");

    /** 18 random bytes: 24 Base64 characters, 144 bits. */
    private static final int PASSWORD_BYTES = 18;

    private static final RowMapper<StaffAccount> ROW = (row, rowNumber) -> new StaffAccount(row.getLong("id"),
            row.getString("username"), StaffRole.valueOf(row.getString("role")), row.getBoolean("enabled"),
            Optional.ofNullable(row.getTimestamp("locked_until")).map(Timestamp::toInstant).orElse(null),
            row.getTimestamp("created_at").toInstant(), row.getString("created_by"));

    private static final String COLUMNS = "id, username, role, enabled, locked_until, created_at, created_by";

    private final SecureRandom random = new SecureRandom();

    private final JdbcClient jdbc;

    private final PasswordEncoder passwordEncoder;

    private final TotpSecretCipher cipher;

    private final Clock clock;

    StaffDirectory(JdbcClient jdbc, PasswordEncoder passwordEncoder, TotpSecretCipher cipher, Clock clock) {
        this.jdbc = jdbc;
        this.passwordEncoder = passwordEncoder;
        this.cipher = cipher;
        this.clock = clock;
    }

    /**
     * Adds an enabled account with a generated password and TOTP secret, returned once.
     *
     * @param createdBy the staff username or command that adds it
     * @throws StaffChangeException when the username is invalid or taken
     */
    @Transactional
    public StaffCredentials add(String username, StaffRole role, String createdBy) {
        String name = checkedUsername(username);
        String password = newPassword();
        String secret = TotpCodes.newSecret();
        try {
            jdbc.sql("""
                    INSERT INTO staff_account (username, password_hash, role, totp_secret, totp_key_id, created_at,
                                               created_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""")
                    .params(name, passwordEncoder.encode(password), role.name(), cipher.encrypt(secret, name),
                            cipher.currentKeyId(), Timestamp.from(clock.instant()), createdBy)
                    .update();
        }
        catch (DuplicateKeyException ex) {
            throw new StaffChangeException("A staff account named " + name + " exists already.");
        }
        return credentials(name, password, secret);
    }

    /** Returns every account, by username. */
    public List<StaffAccount> list() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM staff_account ORDER BY username").query(ROW).list();
    }

    public Optional<StaffAccount> find(String username) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM staff_account WHERE username = ?")
                .param(normalise(username))
                .query(ROW)
                .optional();
    }

    /** Returns whether any account has {@code role}. */
    public boolean anyWithRole(StaffRole role) {
        return jdbc.sql("SELECT count(*) FROM staff_account WHERE role = ?").param(role.name()).query(Long.class)
                .single() > 0;
    }

    /**
     * Disables or enables an account. A disabled account cannot sign in; the caller ends its sessions.
     *
     * @throws StaffChangeException when there is no such account
     */
    @Transactional
    public void setEnabled(String username, boolean enabled) {
        require(jdbc.sql("UPDATE staff_account SET enabled = ? WHERE username = ?")
                .params(enabled, normalise(username))
                .update(), username);
    }

    /**
     * Changes an account's role.
     *
     * @throws StaffChangeException when there is no such account
     */
    @Transactional
    public void changeRole(String username, StaffRole role) {
        require(jdbc.sql("UPDATE staff_account SET role = ? WHERE username = ?")
                .params(role.name(), normalise(username))
                .update(), username);
    }

    /**
     * Gives an account a new TOTP secret, returned once; the old one stops working at once.
     *
     * @throws StaffChangeException when there is no such account
     */
    @Transactional
    public StaffCredentials resetTotp(String username) {
        String name = normalise(username);
        String secret = TotpCodes.newSecret();
        require(jdbc.sql("""
                UPDATE staff_account SET totp_secret = ?, totp_key_id = ?, totp_last_step = 0 WHERE username = ?""")
                .params(cipher.encrypt(secret, name), cipher.currentKeyId(), name)
                .update(), username);
        return credentials(name, null, secret);
    }

    static String normalise(String username) {
        return (username == null) ? "" : username.strip().toLowerCase(Locale.ROOT);
    }

    private static String checkedUsername(String username) {
        String name = normalise(username);
        if (!USERNAME.matcher(name).matches()) {
            throw new StaffChangeException("The username must be 3 to 32 characters: a letter, then letters, digits, "
                    + "dots, underscores or hyphens.");
        }
        return name;
    }

    private static void require(int updated, String username) {
        if (updated == 0) {
            throw new StaffChangeException("There is no staff account named " + normalise(username) + ".");
        }
    }

    private String newPassword() {
        byte[] bytes = new byte[PASSWORD_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static StaffCredentials credentials(String username, String password, String secret) {
        QrData data = TotpCodes.enrolment(username, secret);
        return new StaffCredentials(username, password, secret, data.getUri(), TotpCodes.qrCodeDataUri(data));
    }
}
