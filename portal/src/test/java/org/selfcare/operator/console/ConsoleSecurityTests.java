package org.selfcare.operator.console;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

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
 * The console as a security domain. It exists only on the operator port, and its sign-in rejects every wrong
 * factor with one message and then locks. Each role reaches only its own pages, CSRF is enforced, and neither
 * side's session cookie opens the other side.
 */
@ConsoleTest
class ConsoleSecurityTests {

    static final String FAILED_MESSAGE = "The username, password or code is not correct, or the account cannot sign "
            + "in right now.";

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
    JdbcClient jdbc;

    int operatorPort;

    @BeforeEach
    void operatorPort() {
        operatorPort = environment.getRequiredProperty("local.operator.port", Integer.class);
    }

    @Test
    void portsServeOnlyTheirOwnPaths() {
        PortalClient customer = new PortalClient(customerPort);
        StaffClient staff = new StaffClient(operatorPort);

        assertThat(customer.getPage("/console/signin").statusCode()).isEqualTo(404);
        assertThat(customer.getPage("/console").statusCode()).isEqualTo(404);
        assertThat(customer.getPage("/console/staff").statusCode()).isEqualTo(404);
        assertThat(staff.get("/signin").statusCode()).isEqualTo(404);
        assertThat(staff.get("/").statusCode()).isEqualTo(404);
        assertThat(staff.get("/css/portal.css").statusCode()).isEqualTo(404);
        assertThat(staff.get("/console/signin").statusCode()).isEqualTo(200);
    }

    @Test
    void dashboardUsesStaffCookieAndHeaders() {
        StaffCredentials support = newStaff(StaffRole.SUPPORT);
        StaffClient staff = new StaffClient(operatorPort);

        HttpResponse<String> signIn = staff.signIn(support.username(), support.password(), StaffClient.code(support, 0));
        HttpResponse<String> dashboard = staff.get("/console");

        assertThat(signIn.statusCode()).isEqualTo(302);
        assertThat(signIn.headers().firstValue("Location")).hasValueSatisfying((to) -> assertThat(to).endsWith("/console"));
        assertThat(signIn.headers().allValues("Set-Cookie")).anySatisfy((cookie) -> assertThat(cookie)
                .startsWith(StaffClient.STAFF_COOKIE + "=").contains("Secure").contains("HttpOnly")
                .contains("SameSite=Strict"));
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.body()).contains("id=\"chart\"");
        assertThat(dashboard.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                (csp) -> assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline"));
        assertThat(dashboard.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(events("STAFF_SIGN_IN_SUCCEEDED", support.username())).isEqualTo(1);
    }

    @Test
    void wrongFactorsGetOneMessage() {
        StaffCredentials support = newStaff(StaffRole.SUPPORT);
        StaffClient first = new StaffClient(operatorPort);
        String code = StaffClient.code(support, 0);
        assertThat(first.signIn(support.username(), support.password(), code).statusCode()).isEqualTo(302);

        StaffClient attacker = new StaffClient(operatorPort);
        HttpResponse<String> replayed = attacker.signIn(support.username(), support.password(), code);
        HttpResponse<String> wrongCode = attacker.signIn(support.username(), support.password(),
                StaffClient.wrongCode(StaffClient.code(support, 1)));

        assertRefused(attacker, replayed);
        assertRefused(attacker, wrongCode);
        assertThat(events("STAFF_SIGN_IN_FAILED", support.username(), "%TOTP code used before%")).isEqualTo(1);
        assertThat(events("STAFF_SIGN_IN_FAILED", support.username(), "%wrong TOTP code%")).isEqualTo(1);

        StaffCredentials other = newStaff(StaffRole.SUPPORT);
        HttpResponse<String> wrongPassword = attacker.signIn(other.username(), "not-the-password",
                StaffClient.code(other, 0));
        assertRefused(attacker, wrongPassword);
        assertThat(events("STAFF_SIGN_IN_FAILED", other.username(), "%wrong password%")).isEqualTo(1);
    }

    @Test
    void threeFailuresLockStaffAccount() {
        StaffCredentials support = newStaff(StaffRole.SUPPORT);
        StaffClient attacker = new StaffClient(operatorPort);
        for (int i = 0; i < 3; i++) {
            assertRefused(attacker, attacker.signIn(support.username(), "wrong-" + i, StaffClient.code(support, 0)));
        }

        HttpResponse<String> right = attacker.signIn(support.username(), support.password(), StaffClient.code(support, 0));

        assertRefused(attacker, right);
        assertThat(events("STAFF_SIGN_IN_FAILED", support.username(), "%the account is locked until%")).isEqualTo(1);
        assertThat(staffDirectory.find(support.username())).get()
                .satisfies((account) -> assertThat(account.lockedUntil()).isNotNull());
    }

    @Test
    void supportReachesNoAdministratorCatalogueOrAuditorFunction() {
        StaffCredentials support = newStaff(StaffRole.SUPPORT);
        StaffClient staff = signedIn(support);
        String token = staff.csrfToken("/console");

        assertThat(staff.get("/console/staff").statusCode()).isEqualTo(403);
        assertThat(staff.get("/console/provisioning").statusCode()).isEqualTo(403);
        assertThat(staff.get("/console/catalogue").statusCode()).isEqualTo(403);
        assertThat(staff.get("/console/audit").statusCode()).isEqualTo(403);
        assertThat(staff.postForm("/console/staff",
                Map.of("username", "sneaky" + StaffClient.uniqueSuffix(), "role", "administrator"), token)
                .statusCode()).isEqualTo(403);
        assertThat(staff.postForm("/console/provisioning", Map.of("msisdn", "07700 900999"), token).statusCode())
                .isEqualTo(403);
        assertThat(staff.postForm("/console/catalogue/items/recharge-10/stock", Map.of("stock", "0"), token)
                .statusCode()).isEqualTo(403);
        assertThat(staff.postForm("/console/audit/verify", Map.of(), token).statusCode()).isEqualTo(403);

        assertThat(events("STAFF_ACCESS_DENIED", support.username())).isEqualTo(8);
        assertThat(staffDirectory.list()).noneMatch((account) -> account.username().startsWith("sneaky"));
    }

    @Test
    void auditorCannotUnlockAndAdministratorCannotReadSubscribers() {
        Subscriber subscriber = TestSubscribers.create(subscribers, accounts);
        StaffCredentials auditor = newStaff(StaffRole.AUDITOR);
        StaffClient staff = signedIn(auditor);

        HttpResponse<String> unlock = staff.post("/console/audit", "/console/subscribers/" + subscriber.id() + "/unlock",
                Map.of());
        StaffClient admin = signedIn(newStaff(StaffRole.ADMINISTRATOR));

        assertThat(unlock.statusCode()).isEqualTo(403);
        assertThat(events("STAFF_ACCESS_DENIED", auditor.username(), "%/unlock%")).isEqualTo(1);
        assertThat(staff.get("/console/audit").statusCode()).isEqualTo(200);
        assertThat(admin.get("/console/subscribers?number=" + subscriber.msisdnE164()).statusCode()).isEqualTo(403);
    }

    @Test
    void formWithoutCsrfTokenIsRefused() {
        StaffCredentials support = newStaff(StaffRole.SUPPORT);
        StaffClient staff = signedIn(support);
        Subscriber subscriber = TestSubscribers.create(subscribers, accounts);

        HttpResponse<String> response = staff.postForm("/console/subscribers/" + subscriber.id() + "/unlock",
                Map.of(), null);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(events("STAFF_ACCESS_DENIED", support.username(), "%CSRF%")).isEqualTo(1);
        assertThat(events("STAFF_ACTION", support.username(), "%unlocked subscriber " + subscriber.msisdnE164() + "%"))
                .isZero();
    }

    @Test
    void sessionsDoNotCrossPorts() {
        Subscriber subscriber = TestSubscribers.create(subscribers, accounts);
        PortalClient customer = new PortalClient(customerPort);
        HttpResponse<String> subscriberSignIn = customer.signIn(subscriber.msisdn(), TestSubscribers.PASSWORD);
        assertThat(subscriberSignIn.statusCode()).isEqualTo(302);
        assertThat(customer.getPage("/").statusCode()).isEqualTo(200);
        StaffClient staff = signedIn(newStaff(StaffRole.SUPPORT));
        String staffSession = staff.cookie(StaffClient.STAFF_COOKIE);
        String subscriberSession = sessionCookie(subscriberSignIn, "__Host-SELFCARE");

        HttpResponse<String> subscriberOnConsole = sendWithCookie(operatorPort, "/console",
                StaffClient.STAFF_COOKIE + "=" + subscriberSession + "; __Host-SELFCARE=" + subscriberSession);
        HttpResponse<String> staffOnPortal = sendWithCookie(customerPort, "/",
                "__Host-SELFCARE=" + staffSession + "; " + StaffClient.STAFF_COOKIE + "=" + staffSession);

        assertThat(subscriberOnConsole.statusCode()).isEqualTo(302);
        assertThat(subscriberOnConsole.headers().firstValue("Location")).hasValueSatisfying(
                (to) -> assertThat(to).endsWith("/console/signin"));
        assertThat(staffOnPortal.statusCode()).isEqualTo(302);
        assertThat(staffOnPortal.headers().firstValue("Location")).hasValueSatisfying(
                (to) -> assertThat(to).endsWith("/signin"));
    }

    @Test
    void oneBrowserKeepsBothSessionsApart() {
        Subscriber subscriber = TestSubscribers.create(subscribers, accounts);
        StaffCredentials support = newStaff(StaffRole.SUPPORT);
        CookieManager browser = new CookieManager();
        StaffClient staff = new StaffClient(operatorPort, browser);
        assertThat(staff.signIn(support.username(), support.password(), StaffClient.code(support, 0)).statusCode())
                .isEqualTo(302);
        StaffClient customerTab = new StaffClient(customerPort, browser);
        String token = customerTab.csrfToken("/signin");

        HttpResponse<String> subscriberSignIn = customerTab.postForm("/signin", Map.of("msisdn", subscriber.msisdn(),
                "password", TestSubscribers.PASSWORD, "captcha", PortalClient.CAPTCHA_TEST_KEY), token);

        assertThat(subscriberSignIn.statusCode()).isEqualTo(302);
        assertThat(customerTab.get("/").statusCode()).isEqualTo(200);
        assertThat(staff.get("/console").statusCode()).as("the staff session survives").isEqualTo(200);
        assertThat(customerTab.get("/").statusCode()).as("the subscriber session survives").isEqualTo(200);
    }

    private StaffCredentials newStaff(StaffRole role) {
        return staffDirectory.add(role.code().replace("-", "") + StaffClient.uniqueSuffix(), role, "test");
    }

    private StaffClient signedIn(StaffCredentials credentials) {
        StaffClient staff = new StaffClient(operatorPort);
        HttpResponse<String> response = staff.signIn(credentials.username(), credentials.password(),
                StaffClient.code(credentials, 0));
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                (to) -> assertThat(to).endsWith("/console"));
        return staff;
    }

    private void assertRefused(StaffClient client, HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                (to) -> assertThat(to).endsWith("/console/signin?failed"));
        assertThat(client.get("/console/signin?failed").body()).contains(FAILED_MESSAGE);
        assertThat(client.get("/console").statusCode()).as("not signed in").isEqualTo(302);
    }

    private long events(String type, String identifier) {
        return events(type, identifier, "%");
    }

    private long events(String type, String identifier, String reasonPattern) {
        return jdbc.sql("SELECT count(*) FROM security_event WHERE type = ? AND identifier = ? AND reason LIKE ?")
                .params(type, identifier, reasonPattern)
                .query(Long.class)
                .single();
    }

    private static String sessionCookie(HttpResponse<String> response, String name) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter((cookie) -> cookie.startsWith(name + "="))
                .map((cookie) -> cookie.substring(name.length() + 1, cookie.indexOf(';')))
                .reduce((first, last) -> last)
                .orElseThrow();
    }

    private HttpResponse<String> sendWithCookie(int port, String path, String cookie) {
        StaffClient plain = new StaffClient(port);
        return plain.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + path))
                .header("Accept", "text/html")
                .header("Cookie", cookie)
                .GET()
                .build());
    }
}
