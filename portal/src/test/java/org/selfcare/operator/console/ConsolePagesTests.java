package org.selfcare.operator.console;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.selfcare.account.Accounts;
import org.selfcare.identity.Subscriber;
import org.selfcare.identity.SubscriberDirectory;
import org.selfcare.operator.staff.StaffCredentials;
import org.selfcare.operator.staff.StaffDirectory;
import org.selfcare.operator.staff.StaffRole;
import org.selfcare.support.PortalClient;
import org.selfcare.support.TestSubscribers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each role does in the console: support unlocks a locked subscriber and resolves alerts, the catalogue
 * manager changes stock and services, the auditor verifies the chain, the administrator adds staff (whose
 * secrets are shown once) and provisions. Each change is recorded with the staff user.
 */
@ConsoleTest
class ConsolePagesTests {

    @LocalServerPort
    int customerPort;

    @Autowired
    Environment environment;

    @Autowired
    StaffDirectory staffDirectory;

    @Autowired
    SubscriberDirectory subscribers;

    @Autowired
    Accounts accounts;

    @Autowired
    ConsoleTestBeans.TestAlerts alerts;

    @Autowired
    JdbcClient jdbc;

    int operatorPort;

    @BeforeEach
    void operatorPort() {
        operatorPort = environment.getRequiredProperty("local.operator.port", Integer.class);
    }

    @Test
    void supportUnlocksALockedSubscriberWhoThenSignsIn() {
        Subscriber subscriber = TestSubscribers.create(subscribers, accounts);
        PortalClient customer = new PortalClient(customerPort);
        for (int i = 0; i < 3; i++) {
            customer.signIn(subscriber.msisdn(), "wrong-password-" + i);
        }
        assertThat(signInLocation(customer, subscriber)).as("locked").doesNotEndWith("/");
        StaffCredentials support = newStaff(StaffRole.SUPPORT);
        StaffClient staff = signedIn(support);
        String page = "/console/subscribers?number=" + subscriber.msisdnE164().replace("+", "%2B");
        assertThat(staff.get(page).body()).contains("Locked until");

        HttpResponse<String> unlock = staff.post(page, "/console/subscribers/" + subscriber.id() + "/unlock", Map.of());

        assertThat(unlock.statusCode()).isEqualTo(302);
        assertThat(staff.get(page).body()).contains("Not locked");
        assertThat(signInLocation(customer, subscriber)).endsWith("/");
        assertThat(events("STAFF_ACTION", support.username(), "unlocked subscriber " + subscriber.msisdnE164()))
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM security_event WHERE type = 'IDENTIFIER_UNLOCKED' AND "
                + "subscriber_id = ? AND reason LIKE ?").params(subscriber.id(), "%" + support.username() + "%")
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void supportResolvesAnAlert() {
        Subscriber subscriber = TestSubscribers.create(subscribers, accounts);
        long id = alerts.raise("order-surge", subscriber.id(), "9 orders in 1 hour, usually 0.2").id();
        StaffCredentials support = newStaff(StaffRole.SUPPORT);
        StaffClient staff = signedIn(support);
        assertThat(staff.get("/console/alerts").body()).contains("9 orders in 1 hour");

        staff.post("/console/alerts", "/console/alerts/" + id + "/resolve",
                Map.of("resolution", "the subscriber confirmed the orders", "clearRisk", "true"));

        assertThat(alerts.find(id)).get().satisfies((alert) -> {
            assertThat(alert.open()).isFalse();
            assertThat(alert.resolvedBy()).isEqualTo(support.username());
        });
        assertThat(events("STAFF_ACTION", support.username(), "resolved alert " + id)).isEqualTo(1);
    }

    @Test
    void catalogueManagerSetsStockAndSavesAService() {
        StaffCredentials manager = newStaff(StaffRole.CATALOGUE_MANAGER);
        StaffClient staff = signedIn(manager);
        String id = "console-" + suffix();
        staff.post("/console/catalogue", "/console/catalogue/items", Map.of("id", id, "kind", "DEVICE", "name",
                "Test handset", "price", "12.50", "stock", "3", "active", "true"));

        staff.post("/console/catalogue", "/console/catalogue/items/" + id + "/stock", Map.of("stock", "7"));
        HttpResponse<String> refused = staff.post("/console/catalogue", "/console/catalogue/items/" + id,
                Map.of("name", "Test handset", "price", "12.505"));
        staff.post("/console/catalogue", "/console/catalogue/services", Map.of("code", "news-" + id, "name", "News",
                "content", "A daily news digest.", "fee", "0.50", "period", "DAY", "cancellation", "END_OF_PERIOD",
                "autoRenew", "true", "active", "true"));

        assertThat(refused.statusCode()).isEqualTo(302);
        String page = staff.get("/console/catalogue").body();
        assertThat(page).contains(id).contains("value=\"7\"").contains("news-" + id).contains("value=\"12.50\"");
        assertThat(events("STAFF_ACTION", manager.username(), "set the stock of catalogue item " + id + " to 7"))
                .isEqualTo(1);
        assertThat(events("STAFF_ACTION", manager.username(), "saved service news-" + id)).isEqualTo(1);
    }

    @Test
    void auditorVerifiesTheChain() {
        StaffCredentials auditor = newStaff(StaffRole.AUDITOR);
        StaffClient staff = signedIn(auditor);

        HttpResponse<String> verified = staff.post("/console/audit", "/console/audit/verify", Map.of());

        assertThat(verified.statusCode()).isEqualTo(200);
        assertThat(verified.body()).contains("Security event log intact");
        assertThat(events("STAFF_ACTION", auditor.username(), "verified the security event chain")).isEqualTo(1);
    }

    @Test
    void administratorAddsStaffAndProvisions() {
        StaffCredentials admin = newStaff(StaffRole.ADMINISTRATOR);
        StaffClient staff = signedIn(admin);
        String username = "new" + suffix();

        HttpResponse<String> added = staff.post("/console/staff", "/console/staff",
                Map.of("username", username, "role", "auditor"));
        String number = TestSubscribers.freshNumber(subscribers);
        HttpResponse<String> provisioned = staff.post("/console/provisioning", "/console/provisioning", Map.of(
                "msisdn", number, "region", "GB", "displayName", "Grace Hopper", "timeZone", "Europe/London",
                "contactEmail", "grace@example.org", "identityDocumentDigits", "AB12"));

        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(added.headers().firstValue("Cache-Control")).hasValueSatisfying(
                (value) -> assertThat(value).contains("no-store"));
        assertThat(added.body()).contains("src=\"data:image/png;base64,").contains("id=\"credential-totp\"");
        assertThat(staff.get("/console/staff").body()).contains(username).doesNotContain("credential-totp");
        assertThat(staffDirectory.find(username)).get()
                .satisfies((account) -> assertThat(account.role()).isEqualTo(StaffRole.AUDITOR));
        assertThat(provisioned.body()).contains("id=\"provisioned\"");
        assertThat(events("STAFF_ACTION", admin.username(), "added staff " + username + " with role auditor"))
                .isEqualTo(1);
        assertThat(events("STAFF_ACTION", admin.username(), "provisioned subscriber ")).isEqualTo(1);
    }

    @Test
    void disablingAnAccountEndsItsSession() {
        StaffCredentials support = newStaff(StaffRole.SUPPORT);
        StaffClient supportClient = signedIn(support);
        StaffClient admin = signedIn(newStaff(StaffRole.ADMINISTRATOR));

        admin.post("/console/staff", "/console/staff/" + support.username() + "/disable", Map.of());

        assertThat(supportClient.get("/console").statusCode()).isEqualTo(302);
        HttpResponse<String> again = new StaffClient(operatorPort).signIn(support.username(), support.password(),
                StaffClient.code(support, 1));
        assertThat(again.headers().firstValue("Location")).hasValueSatisfying(
                (to) -> assertThat(to).endsWith("?failed"));
    }

    private String signInLocation(PortalClient customer, Subscriber subscriber) {
        // A refused sign-in answers with the page itself, a successful one redirects to the overview.
        return customer.signIn(subscriber.msisdn(), TestSubscribers.PASSWORD).headers().firstValue("Location")
                .orElse("no redirect");
    }

    private StaffCredentials newStaff(StaffRole role) {
        return staffDirectory.add(role.code().replace("-", "") + suffix(), role, "test");
    }

    private StaffClient signedIn(StaffCredentials credentials) {
        StaffClient staff = new StaffClient(operatorPort);
        assertThat(staff.signIn(credentials.username(), credentials.password(), StaffClient.code(credentials, 0))
                .headers().firstValue("Location")).hasValueSatisfying((to) -> assertThat(to).endsWith("/console"));
        return staff;
    }

    private static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private long events(String type, String identifier, String reasonStart) {
        return jdbc.sql("SELECT count(*) FROM security_event WHERE type = ? AND identifier = ? AND reason LIKE ?")
                .params(type, identifier, reasonStart + "%")
                .query(Long.class)
                .single();
    }
}
