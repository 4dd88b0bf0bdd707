package org.selfcare.subscription;

import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.selfcare.account.Money;
import org.selfcare.subscription.ValueAddedService.BillingPeriod;
import org.selfcare.subscription.ValueAddedService.Cancellation;
import org.selfcare.usage.TariffProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The catalogue of value-added services in the {@code value_added_service} table.
 */
@Service
class JdbcServiceCatalogue implements ServiceCatalogue {

    /** Codes as URLs, the API and the command use them. */
    static final Pattern CODE = Pattern.compile("[a-z0-9-]{1,40}");

    static final int MAX_NAME = 100;

    static final int MAX_CONTENT = 300;

    /** Highest fee in minor units; it keeps the pro-rata arithmetic within a long. */
    static final long MAX_FEE = 100_000_000;

    private static final Logger logger = LoggerFactory.getLogger(JdbcServiceCatalogue.class);

    private static final String COLUMNS = """
            code, name, content, fee_minor, currency, billing_period, auto_renew, cancellation, active""";

    private static final RowMapper<ValueAddedService> ROW = (row, rowNumber) -> new ValueAddedService(
            row.getString("code"), row.getString("name"), row.getString("content"),
            Money.of(row.getLong("fee_minor"), row.getString("currency")),
            BillingPeriod.valueOf(row.getString("billing_period")), row.getBoolean("auto_renew"),
            Cancellation.valueOf(row.getString("cancellation")), row.getBoolean("active"));

    private final JdbcClient jdbc;

    private final Currency currency;

    JdbcServiceCatalogue(JdbcClient jdbc, TariffProperties tariff) {
        this.jdbc = jdbc;
        this.currency = Currency.getInstance(tariff.currency());
    }

    @Override
    public List<ValueAddedService> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM value_added_service ORDER BY name, code").query(ROW).list();
    }

    @Override
    public Optional<ValueAddedService> find(String code) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM value_added_service WHERE code = ?")
                .param(code)
                .query(ROW)
                .optional();
    }

    @Override
    @Transactional
    public ValueAddedService save(ValueAddedService service) {
        check(service);
        jdbc.sql("""
                INSERT INTO value_added_service (code, name, content, fee_minor, currency, billing_period, auto_renew,
                                                 cancellation, active)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (code) DO UPDATE SET name = excluded.name, content = excluded.content,
                    fee_minor = excluded.fee_minor, currency = excluded.currency,
                    billing_period = excluded.billing_period, auto_renew = excluded.auto_renew,
                    cancellation = excluded.cancellation, active = excluded.active, updated_at = now()""")
                .params(service.code(), service.name().strip(), service.content().strip(),
                        service.fee().minorUnits(), service.fee().currency().getCurrencyCode(),
                        service.period().name(), service.autoRenew(), service.cancellation().name(),
                        service.active())
                .update();
        logger.info("Saved value-added service code={} feeMinor={} currency={} period={} active={}", service.code(),
                service.fee().minorUnits(), service.fee().currency(), service.period(), service.active());
        return find(service.code()).orElseThrow();
    }

    /**
     * Rejects a service with an invalid field, naming the field in plain words for the command and the console.
     */
    private void check(ValueAddedService service) {
        if (!CODE.matcher(service.code()).matches()) {
            throw new IllegalArgumentException("The code must be 1 to 40 lower-case letters, digits or hyphens, "
                    + "such as news-daily.");
        }
        if (service.name().isBlank() || service.name().strip().length() > MAX_NAME) {
            throw new IllegalArgumentException("The name must be 1 to " + MAX_NAME + " characters.");
        }
        if (service.content().isBlank() || service.content().strip().length() > MAX_CONTENT) {
            throw new IllegalArgumentException("The content must be 1 to " + MAX_CONTENT + " characters.");
        }
        if (hasControlCharacters(service.name()) || hasControlCharacters(service.content())) {
            throw new IllegalArgumentException("The name and the content must be one line of text each.");
        }
        long fee = service.fee().minorUnits();
        if (fee <= 0 || fee > MAX_FEE) {
            throw new IllegalArgumentException("The fee must be more than zero and at most " + MAX_FEE
                    + " minor units.");
        }
        if (!service.fee().currency().equals(currency)) {
            throw new IllegalArgumentException("The fee must be in " + currency.getCurrencyCode()
                    + ", the currency of every account.");
        }
    }

    private static boolean hasControlCharacters(String text) {
        return text.chars().anyMatch(Character::isISOControl);
    }
}
