package org.selfcare.conformance.profile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProfileSectionsTests {

    private static final String THREE_ACCOUNTS = """
            type: selfcare
            accounts:
              - {username: a, password: Pass-a-1}
              - {username: b, password: Pass-b-1}
              - {username: c, password: Pass-c-1, role: step-up-lockout}
            """;

    @TempDir
    Path folder;

    @Test
    void smsSectionReadsEverySetting() throws Exception {
        Files.writeString(folder.resolve("smsc-password.txt"), "s3cret\n");
        TargetProfile profile = load("""
                type: selfcare
                sms:
                  port: 2775
                  system-id: portal
                  password-file: smsc-password.txt
                  wait: PT10S
                  code-pattern: 'code ([0-9]+)'
                mail: {port: 2525}
                """);

        TargetProfile.Sms sms = profile.sms().orElseThrow();
        assertThat(sms.port()).isEqualTo(2775);
        assertThat(sms.systemId()).isEqualTo("portal");
        assertThat(sms.password()).isEqualTo("s3cret");
        assertThat(sms.waitTime()).isEqualTo(Duration.ofSeconds(10));
        assertThat(sms.codePattern().pattern()).isEqualTo("code ([0-9]+)");
        assertThat(profile.mail().orElseThrow().port()).isEqualTo(2525);
        assertThat(sms.toString()).doesNotContain("s3cret");
    }

    @Test
    void purchaseAndPaymentSectionsRead() throws Exception {
        Files.writeString(folder.resolve("provider-key.txt"), "sk_test_0123456789abcdef\n");
        TargetProfile profile = load("""
                type: selfcare
                purchase: {item: recharge-5}
                payment:
                  port: 8443
                  secret-key-file: provider-key.txt
                  webhook-secret: whsec_0123456789abcdef
                  webhook-url: https://127.0.0.1:9443/payments/webhook
                """);

        assertThat(profile.purchase().orElseThrow().item()).isEqualTo("recharge-5");
        TargetProfile.Payment payment = profile.payment().orElseThrow();
        assertThat(payment.port()).isEqualTo(8443);
        assertThat(payment.secretKey()).isEqualTo("sk_test_0123456789abcdef");
        assertThat(payment.webhookSecret()).isEqualTo("whsec_0123456789abcdef");
        assertThat(payment.webhookUrl().orElseThrow()).hasToString("https://127.0.0.1:9443/payments/webhook");
        assertThat(payment.toString()).doesNotContain("sk_test").doesNotContain("whsec_");
    }

    @Test
    void purchaseItemMustBeAnItemId() {
        assertThatThrownBy(() -> load("type: selfcare\npurchase: {item: \"Recharge 5\"}\n"))
                .hasMessageContaining("purchase.item must be a catalogue item id");
    }

    @Test
    void paymentSecretsMustBeLongEnough() {
        assertThatThrownBy(() -> load("type: selfcare\npayment: {secret-key: short, webhook-secret: short}\n"))
                .hasMessageContaining("at least 16 characters");
    }

    @Test
    void smsSectionDefaults() throws Exception {
        TargetProfile.Sms sms = load("type: selfcare\nsms: {password: s3cret}\n").sms().orElseThrow();

        assertThat(sms.port()).isZero();
        assertThat(sms.systemId()).isEqualTo("selfcare");
        assertThat(sms.waitTime()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void defaultPatternsReadCodeAndPassword() throws Exception {
        TargetProfile.Sms sms = load("type: selfcare\nsms: {password: s3cret}\n").sms().orElseThrow();

        var code = sms.codePattern().matcher("Your Selfcare code is 042917. It expires in 5 minutes.");
        assertThat(code.find()).isTrue();
        assertThat(code.group(1)).isEqualTo("042917");
        var password = sms.initialPasswordPattern().matcher("Your password for Selfcare is Xk3#pq9Lm2. Change it.");
        assertThat(password.find()).isTrue();
        assertThat(password.group(1)).isEqualTo("Xk3#pq9Lm2");
        var colon = sms.initialPasswordPattern().matcher("Initial password: Q2w.e3r4t5");
        assertThat(colon.find()).isTrue();
        assertThat(colon.group(1)).isEqualTo("Q2w.e3r4t5");
    }

    @Test
    void defaultPatternsReadBothProvisioningPasswords() throws Exception {
        TargetProfile.Sms sms = load("type: selfcare\nsms: {password: s3cret}\n").sms().orElseThrow();
        String text = "Selfcare: your initial password is Kp7x-Rm3q-Zt9w and your service password is 40718253. "
                + "Sign in before 2026-12-18 10:00 and choose a new password.";

        var initial = sms.initialPasswordPattern().matcher(text);
        assertThat(initial.find()).isTrue();
        assertThat(initial.group(1)).isEqualTo("Kp7x-Rm3q-Zt9w");
        var service = sms.servicePasswordPattern().matcher(text);
        assertThat(service.find()).isTrue();
        assertThat(service.group(1)).isEqualTo("40718253");
    }

    @Test
    void subscriptionAndMonitoringSectionsRead() throws Exception {
        TargetProfile profile = load("""
                type: selfcare
                subscription: {service: news-daily}
                monitoring: {wait: PT45S, service-volume-subscribers: 15}
                """);

        assertThat(profile.subscription().orElseThrow().service()).contains("news-daily");
        assertThat(profile.monitoring().waitTime()).isEqualTo(Duration.ofSeconds(45));
        assertThat(profile.monitoring().serviceVolumeSubscribers()).isEqualTo(15);
    }

    @Test
    void monitoringDefaults() throws Exception {
        TargetProfile profile = load("type: selfcare\n");

        assertThat(profile.subscription()).isEmpty();
        assertThat(profile.monitoring().waitTime()).isEqualTo(Duration.ofSeconds(20));
        assertThat(profile.monitoring().serviceVolumeSubscribers()).isEqualTo(12);
    }

    @Test
    void subscriptionAndMonitoringErrorsNameTheSetting() {
        assertRejected("type: selfcare\nsubscription: {service: News Daily}\n",
                "subscription.service must be a service code of 1 to 40 lower-case letters, digits and hyphens, "
                        + "such as news-daily, not 'News Daily'");
        assertRejected("type: selfcare\nsubscription: {code: news-daily}\n", "unknown setting subscription.code");
        assertRejected("type: selfcare\nmonitoring: {service-volume-subscribers: 500}\n",
                "monitoring.service-volume-subscribers must be between 2 and 50, not 500");
        assertRejected("type: selfcare\nmonitoring: {wait: soon}\n",
                "monitoring.wait must be an ISO 8601 duration such as PT5M, not 'soon'");
        assertRejected("type: selfcare\nsms: {password: s3cret, service-password-pattern: 'service [0-9]+'}\n",
                "sms.service-password-pattern needs a group in parentheses");
    }

    @Test
    void provisioningSectionReadsEverySetting() throws Exception {
        TargetProfile profile = load("""
                type: selfcare
                provisioning:
                  url: https://127.0.0.1:9443
                  token: operator-token
                  region: GB
                  first-number: "07700 900500"
                  last-number: "07700 900999"
                  time-zone: Europe/London
                """);

        TargetProfile.Provisioning provisioning = profile.provisioning().orElseThrow();
        assertThat(provisioning.url().getPort()).isEqualTo(9443);
        assertThat(provisioning.region()).isEqualTo("GB");
        assertThat(provisioning.timeZone()).isEqualTo("Europe/London");
        assertThat(provisioning.contactEmail()).endsWith("@example.org");
        assertThat(provisioning.toString()).doesNotContain("operator-token");
    }

    @Test
    void roleMarksAccount() throws Exception {
        TargetProfile profile = load(THREE_ACCOUNTS);

        assertThat(profile.accountWithRole(TargetProfile.STEP_UP_LOCKOUT_ROLE).orElseThrow().username())
                .isEqualTo("c");
    }

    @Test
    void errorsNameTheSetting() {
        assertRejected("type: selfcare\nsms: {password: s3cret, port: 70000}\n", "sms.port must be a TCP port");
        assertRejected("type: selfcare\nsms: {}\n", "sms.password: give exactly one of password");
        assertRejected("type: selfcare\nsms: {password: much-too-long}\n", "sms.password must have at most 8");
        assertRejected("type: selfcare\nsms: {password: s3cret, system-id: a-very-long-system-id}\n",
                "sms.system-id must have at most 15");
        assertRejected("type: selfcare\nsms: {password: s3cret, wait: soon}\n", "sms.wait must be an ISO 8601");
        assertRejected("type: selfcare\nsms: {password: s3cret, code-pattern: 'code [0-9'}\n",
                "sms.code-pattern is not a valid regular expression");
        assertRejected("type: selfcare\nsms: {password: s3cret, code-pattern: 'code [0-9]+'}\n",
                "sms.code-pattern needs a group");
        assertRejected("type: selfcare\nsms: {password: s3cret, pin: 1}\n", "unknown setting sms.pin");
        assertRejected("type: selfcare\nmail: {port: -1}\n", "mail.port must be a TCP port");
        assertRejected(provisioning("url: ftp://host", "region: GB"), "provisioning.url must be an http or https URL");
        assertRejected(provisioning("url: https://127.0.0.1:9443", "region: Britain"),
                "provisioning.region must be a two-letter region code");
        assertRejected("type: selfcare\nprovisioning: {url: 'https://127.0.0.1:9443', token: t, region: GB}\n",
                "provisioning.first-number is missing");
        assertRejected("type: selfcare\nprovisioning: {url: 'https://127.0.0.1:9443', region: GB, "
                + "first-number: '07700 900500', last-number: '07700 900999'}\n",
                "provisioning.token: give exactly one of token, token-file or token-env");
        assertRejected("type: selfcare\nprovisioning: {url: 'https://127.0.0.1:9443', token: t, region: GB, "
                + "first-number: '07700 900500', last-number: '0770 900999'}\n", "the same number of digits");
        assertRejected("type: selfcare\nprovisioning: {url: 'https://127.0.0.1:9443', token: t, region: GB, "
                + "first-number: '07700 900999', last-number: '07700 900500'}\n",
                "provisioning.first-number must not be greater than provisioning.last-number");
        assertRejected(provisioning("url: https://127.0.0.1:9443", "region: GB", "time-zone: Mars/Olympus"),
                "provisioning.time-zone must be a time zone id");
    }

    @Test
    void roleErrorsNameTheAccount() {
        assertRejected("type: selfcare\naccounts:\n  - {username: a, password: p, role: step-up-lockout}\n",
                "accounts[0].role: step-up-lockout marks an account T-2-3 locks");
        assertRejected("type: selfcare\naccounts:\n  - {username: a, password: p}\n"
                + "  - {username: b, password: p, role: step-up-lockout}\n", "T-5-2 locks accounts[1]");
        assertRejected(THREE_ACCOUNTS + "  - {username: d, password: p, role: step-up-lockout}\n",
                "accounts[3].role: step-up-lockout is already given to another account");
        assertRejected("type: selfcare\naccounts:\n  - {username: a, password: p, role: admin}\n",
                "accounts[0].role must be one of step-up-lockout, not 'admin'");
    }

    @Test
    void databaseSectionDefaultsToCallRecords() throws Exception {
        Files.writeString(folder.resolve("db-password.txt"), "db-s3cret\n");
        TargetProfile profile = load("""
                type: selfcare
                database:
                  url: jdbc:postgresql://127.0.0.1:5432/selfcare
                  user: selfcare
                  password-file: db-password.txt
                """);

        TargetProfile.Database database = profile.database().orElseThrow();
        assertThat(database.password()).isEqualTo("db-s3cret");
        assertThat(database.table()).isEqualTo("call_record");
        assertThat(database.column()).isEqualTo("charge_minor");
        assertThat(database.listPath()).isEqualTo("/api/v1/calls");
        assertThat(database.toString()).doesNotContain("db-s3cret");
        assertThat(profile.integrity().browserCheckDone()).isFalse();
    }

    @Test
    void databaseSectionKnowsPayments() throws Exception {
        TargetProfile profile = load(database("table: payment") + "integrity: {browser-check-done: true}\n");

        assertThat(profile.database().orElseThrow().column()).isEqualTo("amount_minor");
        assertThat(profile.database().orElseThrow().listPath()).isEqualTo("/api/v1/payments");
        assertThat(profile.integrity().browserCheckDone()).isTrue();
    }

    @Test
    void databaseErrorsNameTheSetting() {
        assertRejected(database("table: call_record; DROP TABLE payment"), "database.table must be a table or "
                + "column name of letters, digits and underscores");
        assertRejected(database("table: ledger_entry"), "database.column and database.list-path are required for "
                + "table ledger_entry");
        assertRejected(database("column: \"charge_minor = 0 --\""), "database.column must be a table or column name");
        assertRejected("type: selfcare\ndatabase: {url: 'postgresql://h/db', user: u, password: p}\n",
                "database.url must be a JDBC URL");
        assertRejected("type: selfcare\ndatabase: {url: 'jdbc:postgresql://h/db', password: p}\n",
                "database.user is missing");
        assertRejected("type: selfcare\nintegrity: {browser-check-done: yes-ish}\n",
                "integrity.browser-check-done must be true or false");
    }

    private static String database(String... settings) {
        StringBuilder yaml = new StringBuilder("type: selfcare\ndatabase:\n"
                + "  url: jdbc:postgresql://127.0.0.1:5432/selfcare\n  user: selfcare\n  password: p\n");
        for (String setting : settings) {
            yaml.append("  ").append(setting).append('\n');
        }
        return yaml.toString();
    }

    private static String provisioning(String... settings) {
        StringBuilder yaml = new StringBuilder("type: selfcare\nprovisioning:\n  token: t\n"
                + "  first-number: \"07700 900500\"\n  last-number: \"07700 900999\"\n");
        for (String setting : settings) {
            yaml.append("  ").append(setting).append('\n');
        }
        return yaml.toString();
    }

    private void assertRejected(String yaml, String message) {
        assertThatThrownBy(() -> load(yaml)).as(yaml)
                .isInstanceOf(InvalidProfileException.class)
                .hasMessageContaining(message);
    }

    private TargetProfile load(String yaml) throws Exception {
        Path file = Files.createTempFile(folder, "profile", ".yaml");
        Files.writeString(file, yaml);
        return new ProfileLoader(Map.<String, String>of()::get).load(file);
    }
}
