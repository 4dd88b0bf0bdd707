package org.selfcare.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.selfcare.support.DemoPortalTest;
import org.selfcare.support.PortalClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signs in to the demo in Debian's headless Chromium, driven by its ChromeDriver: Selenium is given both paths,
 * so it downloads nothing.
 */
@DemoPortalTest
class BrowserSignInTests {

    @LocalServerPort
    int port;

    @Value("${selfcare.data-dir}")
    Path dataDir;

    @Autowired
    JdbcClient jdbc;

    WebDriver browser;

    @BeforeEach
    void startBrowser() throws Exception {
        browser = HeadlessChromium.start();
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void subscriberSignsInAndSeesCallRecords() throws Exception {
        String password = Files.readString(dataDir.resolve("demo-password.txt")).strip();

        signIn("07700 900000", password);
        browser.get(url("/calls"));
        stepUpWithServicePassword();

        List<WebElement> rows = waitFor().until(
                ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#calls tbody tr.call"), 0));
        assertThat(rows).hasSize(50);
        assertThat(rows.get(0).getText()).contains("2011-01");
        assertThat(browser.findElement(By.id("more")).isDisplayed()).isTrue();
    }

    @Test
    void olderPageAndMonthFilterLoadInPlace() throws Exception {
        String password = Files.readString(dataDir.resolve("demo-password.txt")).strip();
        signIn("07700 900000", password);
        browser.get(url("/calls"));
        stepUpWithServicePassword();
        waitFor().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#calls tbody tr.call"), 50));

        browser.findElement(By.id("more")).click();
        waitFor().until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#calls tbody tr.call"), 50));

        ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("document.getElementById('month').value = '2010-10'");
        browser.findElement(By.cssSelector("#month-filter button[type=submit]")).click();
        waitFor().until((driver) -> driver.findElements(By.cssSelector("#calls tbody tr.call"))
                .stream()
                .allMatch((row) -> row.getText().startsWith("2010-10")));
        assertThat(browser.findElements(By.cssSelector("#calls tbody tr.call"))).isNotEmpty();
    }

    @Test
    void editedPaymentShowsUnavailableRow() throws Exception {
        String password = Files.readString(dataDir.resolve("demo-password.txt")).strip();
        long edited = jdbc.sql("""
                SELECT p.id FROM payment p JOIN subscriber s ON s.id = p.subscriber_id
                WHERE s.msisdn_e164 = '+447700900000' ORDER BY p.paid_at DESC, p.id DESC LIMIT 1""")
                .query(Long.class).single();
        signIn("07700 900000", password);

        List<WebElement> unavailable;
        List<WebElement> shown;
        try {
            jdbc.sql("UPDATE payment SET amount_minor = amount_minor + 100000 WHERE id = ?").param(edited).update();
            browser.get(url("/payments"));
            unavailable = waitFor().until(ExpectedConditions.numberOfElementsToBeMoreThan(
                    By.cssSelector("#payments tbody tr.unavailable"), 0));
            shown = browser.findElements(By.cssSelector("#payments tbody tr.payment"));
        }
        finally {
            jdbc.sql("UPDATE payment SET amount_minor = amount_minor - 100000 WHERE id = ?").param(edited).update();
        }

        assertThat(unavailable).hasSize(1);
        assertThat(unavailable.get(0).getText()).isEqualTo("This record is unavailable.");
        assertThat(unavailable.get(0).getDomAttribute("data-id")).isEqualTo(Long.toString(edited));
        assertThat(shown).as("the subscriber's other payments").isNotEmpty();
    }

    @Test
    void wrongPasswordShowsOneGenericMessage() {
        signIn("07700 900000", "wrong-password");

        String alert = waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[role=alert]")))
                .getText();
        assertThat(alert).isEqualTo(
                "The phone number, password or code in the picture is not correct, or the account cannot sign in "
                        + "right now.");
    }

    @Test
    void captchaPictureLoads() {
        browser.get(url("/signin"));

        Long width = waitFor().until((driver) -> pictureWidth());
        assertThat(width).isEqualTo(200L);
    }

    @Test
    void newCodeButtonLoadsAnotherPicture() {
        browser.get(url("/signin"));
        waitFor().until((driver) -> pictureWidth() > 0);
        browser.findElement(By.id("captcha")).sendKeys("ABCDE");

        browser.findElement(By.id("captcha-refresh")).click();

        waitFor().until((driver) -> driver.findElement(By.id("captcha-image"))
                .getDomAttribute("src")
                .contains("refresh="));
        Long width = waitFor().until((driver) -> pictureWidth());
        assertThat(width).isEqualTo(200L);
        assertThat(browser.findElement(By.id("captcha")).getDomProperty("value")).isEmpty();
        assertThat(browser.findElement(By.id("captcha-status")).getText()).isEqualTo("A new picture is shown.");
    }

    /** Returns the loaded picture's width in pixels, or null while it is loading. */
    private Long pictureWidth() {
        Object width = ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "const image = document.getElementById('captcha-image');"
                        + "return image.complete && image.naturalWidth > 0 ? image.naturalWidth : null;");
        return (width == null) ? null : ((Number) width).longValue();
    }

    private void signIn(String msisdn, String password) {
        browser.get(url("/signin"));
        browser.findElement(By.id("msisdn")).sendKeys(msisdn);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("captcha")).sendKeys(PortalClient.CAPTCHA_TEST_KEY);
        browser.findElement(By.id("signin-submit")).click();

        // Navigating on before the form post completes would cancel the sign-in.
        waitFor().until((driver) -> !driver.getCurrentUrl().endsWith("/signin"));
        // The overview fetches the session key, which is issued once per session. Leaving the page before the
        // browser has stored it would leave the session without a key the browser holds.
        if (browser.getCurrentUrl().equals(url("/"))) {
            waitFor().until((driver) -> driver.findElement(By.id("balance")).getText().matches("-?[0-9.]+ [A-Z]{3}"));
        }
    }

    /**
     * Confirms the identity on the step-up page that call records redirect to, with the demo's service password, and
     * waits for the return to the call records.
     */
    private void stepUpWithServicePassword() throws Exception {
        String servicePassword = Files.readString(dataDir.resolve("demo-service-password.txt")).strip();
        waitFor().until(ExpectedConditions.urlContains("/stepup?purpose=call-records"));
        browser.findElement(By.id("service-password")).sendKeys(servicePassword);
        browser.findElement(By.id("confirm-password")).click();
        waitFor().until((driver) -> driver.getCurrentUrl().endsWith("/calls"));
    }

    private WebDriverWait waitFor() {
        // The list replaces its rows when it reloads, so a row found a moment ago may be gone when it is read.
        return (WebDriverWait) new WebDriverWait(browser, Duration.ofSeconds(20))
                .ignoring(StaleElementReferenceException.class);
    }

    private String url(String path) {
        return "https://localhost:" + port + path;
    }
}
