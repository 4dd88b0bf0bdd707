package org.selfcare.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.selfcare.operator.staff.StaffCredentials;
import org.selfcare.operator.staff.StaffDirectory;
import org.selfcare.operator.staff.StaffRole;
import org.selfcare.operator.staff.TotpCodes;
import org.selfcare.support.DemoPortalTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signs staff in to the operator console in Chromium, with TOTP codes computed here as an authenticator app
 * would: the demo's support user sees the dashboard's chart drawn by ECharts under the console's strict
 * Content-Security-Policy, and a new member of staff changes their password.
 */
@DemoPortalTest
class ConsoleBrowserTests {

    private static final Pattern FIELD = Pattern.compile("(?m)^(password|TOTP secret): (\\S+)$");

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    StaffDirectory staffDirectory;

    @Value("${selfcare.data-dir}")
    Path dataDir;

    @Test
    void supportSeesChartAfterTotp() throws Exception {
        String text = Files.readString(dataDir.resolve("demo-staff-support.txt"));
        String password = field(text, "password");
        String secret = field(text, "TOTP secret");
        int operatorPort = environment.getRequiredProperty("local.operator.port", Integer.class);

        try (DemoBrowser browser = DemoBrowser.start(port)) {
            WebDriver driver = browser.driver();
            driver.get("https://localhost:" + operatorPort + "/console/signin");
            driver.findElement(By.id("username")).sendKeys("support");
            driver.findElement(By.id("password")).sendKeys(password);
            // The next step's code, so that an earlier test's sign-in in this step does not make it a replay.
            driver.findElement(By.id("code")).sendKeys(TotpCodes.code(secret, TotpCodes.step(Instant.now()) + 1));
            driver.findElement(By.id("signin-submit")).click();

            browser.waitFor().until((page) -> page.getCurrentUrl().endsWith("/console"));
            browser.waitFor().until((page) -> !page.findElements(By.cssSelector("#chart canvas")).isEmpty());
            browser.waitFor().until((page) -> "day".equals(page.findElement(By.id("chart")).getDomAttribute("data-drawn")));

            assertThat(driver.findElement(By.cssSelector("#chart canvas")).getSize().getWidth()).isPositive();
            driver.findElement(By.cssSelector("button[data-range=week]")).click();
            browser.waitFor().until((page) -> "week".equals(page.findElement(By.id("chart")).getDomAttribute("data-drawn")));
        }
    }

    @Test
    void staffChangesOwnPassword() throws Exception {
        // A member of staff of its own, so the demo's users keep the passwords their files give.
        StaffCredentials staff = staffDirectory.add("browser" + UUID.randomUUID().toString().substring(0, 8),
                StaffRole.SUPPORT, "test");
        long step = TotpCodes.step(Instant.now());
        int operatorPort = environment.getRequiredProperty("local.operator.port", Integer.class);

        try (DemoBrowser browser = DemoBrowser.start(port)) {
            WebDriver driver = browser.driver();
            driver.get("https://localhost:" + operatorPort + "/console/signin");
            driver.findElement(By.id("username")).sendKeys(staff.username());
            driver.findElement(By.id("password")).sendKeys(staff.password());
            driver.findElement(By.id("code")).sendKeys(TotpCodes.code(staff.totpSecret(), step));
            driver.findElement(By.id("signin-submit")).click();
            browser.waitFor().until((page) -> page.getCurrentUrl().endsWith("/console"));

            driver.findElement(By.cssSelector("a[href='/console/password']")).click();
            browser.waitFor().until((page) -> !page.findElements(By.id("password-form")).isEmpty());
            driver.findElement(By.id("currentPassword")).sendKeys(staff.password());
            // The next step's code, because the step of the sign-in's code cannot be used again.
            driver.findElement(By.id("code")).sendKeys(TotpCodes.code(staff.totpSecret(), step + 1));
            driver.findElement(By.id("newPassword")).sendKeys("Quiet-Harbour-7-Lantern!");
            driver.findElement(By.id("repeatPassword")).sendKeys("Quiet-Harbour-7-Lantern!");
            driver.findElement(By.id("password-submit")).click();

            browser.waitFor().until((page) -> page.getCurrentUrl().endsWith("/console/password?changed"));
            assertThat(driver.findElement(By.id("password-changed")).getText())
                    .startsWith("Your password has been changed.");
            assertThat(driver.findElements(By.id("password-errors"))).isEmpty();
            driver.get("https://localhost:" + operatorPort + "/console");
            assertThat(driver.getCurrentUrl()).as("this session stays signed in").endsWith("/console");
        }
    }

    private static String field(String text, String name) {
        Matcher matcher = FIELD.matcher(text);
        while (matcher.find()) {
            if (matcher.group(1).equals(name)) {
                return matcher.group(2);
            }
        }
        throw new IllegalStateException("The demo staff file has no " + name);
    }
}
