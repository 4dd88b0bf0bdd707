package org.selfcare.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.selfcare.account.Accounts;
import org.selfcare.account.Money;
import org.selfcare.account.PaymentChannel;
import org.selfcare.identity.SubscriberDirectory;
import org.selfcare.subscription.ServiceCatalogue;
import org.selfcare.subscription.ValueAddedService;
import org.selfcare.subscription.ValueAddedService.BillingPeriod;
import org.selfcare.subscription.ValueAddedService.Cancellation;
import org.selfcare.support.DemoMonitoring;
import org.selfcare.support.DemoPortalTest;
import org.selfcare.support.TestInbox;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Subscribing in Debian's headless Chromium: the services page asks for the second authentication in its
 * confirmation form, and the new subscription is listed with its paid period.
 */
@DemoPortalTest
class BrowserSubscriptionTests {

    private static final String DEMO_NUMBER = "+447700900000";

    @LocalServerPort
    int port;

    @Autowired
    ServiceCatalogue catalogue;

    @Autowired
    SubscriberDirectory directory;

    @Autowired
    Accounts accounts;

    @Autowired
    TestInbox inbox;

    @Value("${selfcare.data-dir}")
    Path dataDir;

    @Autowired
    JdbcTemplate jdbc;

    DemoBrowser demo;

    WebDriver browser;

    @BeforeEach
    void startBrowser() throws Exception {
        DemoMonitoring.forget(jdbc, demoSubscriberId());
        demo = DemoBrowser.start(port);
        browser = demo.driver();
    }

    private long demoSubscriberId() {
        return directory.findByE164(DEMO_NUMBER).orElseThrow().id();
    }

    @AfterEach
    void stopBrowser() {
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void subscribeWithServicePassword() throws Exception {
        // A service of its own, because the demo data folder, and its subscriptions, outlive a test run.
        String code = "browser-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        ValueAddedService service = catalogue.save(new ValueAddedService(code, "Weather " + code,
                "A forecast for your area every morning.", Money.of(120, "GBP"), BillingPeriod.WEEK, true,
                Cancellation.END_OF_PERIOD, true));
        long subscriberId = directory.findByE164(DEMO_NUMBER).orElseThrow().id();
        accounts.recordPayment(subscriberId, Money.of(500, "GBP"), PaymentChannel.CARD, "browser-" + code,
                Instant.now());
        String servicePassword = Files.readString(dataDir.resolve("demo-service-password.txt")).strip();
        Instant start = Instant.now();
        demo.signIn(dataDir);

        browser.get(demo.url("/subscriptions"));
        demo.waitFor().until(ExpectedConditions.elementToBeClickable(By.id("subscribe-" + code))).click();
        WebElement byPassword = demo.waitFor().until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("form.confirm input[name='confirm-method'][value='service-password']")));
        assertThat(browser.findElement(By.cssSelector("form.confirm .operation")).getText())
                .isEqualTo("subscribe to " + service.name() + " for 1.20 GBP a week");
        byPassword.click();
        browser.findElement(By.cssSelector("form.confirm input[type='password']")).sendKeys(servicePassword);
        browser.findElement(By.cssSelector("form.confirm button[type='submit']")).click();

        By listed = By.cssSelector("#subscriptions tr[data-service='" + code + "']");
        WebElement row = demo.waitFor().until(ExpectedConditions.visibilityOfElementLocated(listed));
        assertThat(row.getText()).contains(service.name(), "1.20 GBP", "Active");
        assertThat(row.getText()).containsPattern("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} (GMT|BST)");
        assertThat(browser.findElement(By.id("action-status")).getText()).contains(service.name());
        assertThat(browser.findElements(By.cssSelector("form.confirm"))).isEmpty();
        assertThat(inbox.awaitSms(DEMO_NUMBER, start)).contains(service.name(), service.content(), "1.20 GBP");
    }
}
