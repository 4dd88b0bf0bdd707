package org.selfcare.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.selfcare.operator.staff.TotpCodes;
import org.selfcare.support.DemoPortalTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signs the demo's support user in to the operator console in Chromium, with a TOTP code computed here as an
 * authenticator app would, and sees the dashboard's chart drawn by ECharts under the console's strict
 * Content-Security-Policy.
 */
@DemoPortalTest
class ConsoleBrowserTests {

    private static final Pattern FIELD = Pattern.compile("(?m)^(password|TOTP secret): (\\S+)$");

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

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
