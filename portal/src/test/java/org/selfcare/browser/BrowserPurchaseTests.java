package org.selfcare.browser;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.selfcare.identity.SubscriberDirectory;
import org.selfcare.integrity.TransactionDecryption;
import org.selfcare.support.DemoMonitoring;
import org.selfcare.support.DemoPortalTest;
import org.selfcare.support.TestInbox;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Purchases in Debian's headless Chromium: the page encrypts the order with WebCrypto to the key the portal
 * publishes, the portal opens what the browser made, and a subscriber buys through the pages from the basket to
 * the payment SMS.
 */
@DemoPortalTest
class BrowserPurchaseTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String DEMO_NUMBER = "+447700900000";

    @LocalServerPort
    int port;

    @Autowired
    TransactionDecryption decryption;

    @Autowired
    TestInbox inbox;

    @Value("${selfcare.data-dir}")
    Path dataDir;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    SubscriberDirectory directory;

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
    void portalOpensBrowserJwe() throws Exception {
        // The key is public, so the sign-in page is enough to load the module and fetch it.
        browser.get(demo.url("/signin"));

        Object jwe = demo.script("""
                const { encryptTransaction } = await import('/js/transaction.js');
                return encryptTransaction({ items: [{ itemId: 'recharge-10', quantity: 2 }], note: 'é €' });
                """);

        assertThat(jwe).isInstanceOf(String.class);
        String compact = (String) jwe;
        String[] parts = compact.split("\\.", -1);
        assertThat(parts).hasSize(5);
        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
        assertThat(header.path("alg").asText()).isEqualTo("RSA-OAEP-256");
        assertThat(header.path("enc").asText()).isEqualTo("A256GCM");
        assertThat(header.path("kid").asText()).isEqualTo("enc-1");
        assertThat(compact).doesNotContain("recharge");

        String plaintext = new String(decryption.decrypt(compact), StandardCharsets.UTF_8);
        assertThat(JSON.readTree(plaintext)).isEqualTo(JSON.readTree(
                "{\"items\":[{\"itemId\":\"recharge-10\",\"quantity\":2}],\"note\":\"é €\"}"));
    }

    @Test
    void freshContentKeyPerTransaction() {
        browser.get(demo.url("/signin"));

        Object same = demo.script("""
                const { encryptTransaction } = await import('/js/transaction.js');
                const one = (await encryptTransaction({ a: 1 })).split('.');
                const two = (await encryptTransaction({ a: 1 })).split('.');
                return one[1] === two[1] || one[2] === two[2] || one[3] === two[3];
                """);

        assertThat(same).isEqualTo(false);
    }

    @Test
    void storeCreditPurchaseSendsOrderEncrypted() throws Exception {
        Instant start = Instant.now();
        demo.signIn(dataDir);
        browser.get(demo.url("/shop"));
        WebElement quantity = demo.waitFor().until(ExpectedConditions.elementToBeClickable(By.id("quantity-recharge-5")));
        captureOrderRequests();

        quantity.clear();
        quantity.sendKeys("1");
        demo.waitFor().until((driver) -> driver.findElement(By.id("total")).getText().equals("5.00 GBP"));
        browser.findElement(By.id("place-order")).click();

        demo.waitFor().until((driver) -> driver.getCurrentUrl().matches(".*/orders/SC-[A-Z0-9-]+$"));
        String number = browser.findElement(By.id("order-number")).getText();
        demo.waitFor().until((driver) -> driver.findElement(By.id("order-total")).getText().equals("5.00 GBP"));
        browser.findElement(By.id("pay-credit")).click();
        demo.waitFor().until((driver) -> driver.findElement(By.id("order-status")).getText().equals("Completed"));

        assertThat(browser.findElement(By.id("pay-actions")).isDisplayed()).isFalse();
        assertThat(inbox.awaitSms(DEMO_NUMBER, start)).contains(number).contains("5.00");

        JsonNode captured = JSON.readTree((String) demo.script(
                "return sessionStorage.getItem('capturedOrders');"));
        assertThat(captured).hasSize(1);
        assertThat(captured.get(0).path("type").asText()).isEqualTo("application/jose");
        String body = captured.get(0).path("body").asText();
        assertThat(body.split("\\.", -1)).hasSize(5);
        assertThat(body).doesNotContain("recharge", "itemId", "quantity", "7700900000", "GBP");
    }

    @Test
    void cardPaymentOnProviderPage() throws Exception {
        Instant start = Instant.now();
        demo.signIn(dataDir);
        browser.get(demo.url("/shop"));
        WebElement quantity = demo.waitFor().until(ExpectedConditions.elementToBeClickable(By.id("quantity-recharge-10")));
        quantity.clear();
        quantity.sendKeys("1");
        browser.findElement(By.id("place-order")).click();
        demo.waitFor().until((driver) -> driver.getCurrentUrl().matches(".*/orders/SC-[A-Z0-9-]+$"));
        String number = browser.findElement(By.id("order-number")).getText();

        demo.waitFor().until(ExpectedConditions.elementToBeClickable(By.id("pay-provider"))).click();
        demo.waitFor().until((driver) -> driver.getCurrentUrl().contains("/pay/pi_"));
        browser.findElement(By.cssSelector("button[value='pay']")).click();

        // Back on the order page, still signed in although the provider's site started the navigation, and the
        // page waits until the portal has confirmed the payment with the provider.
        demo.waitFor().until((driver) -> driver.getCurrentUrl().endsWith("/orders/" + number));
        demo.waitFor(Duration.ofSeconds(60)).until((driver) -> driver.findElement(By.id("order-status")).getText().equals("Completed"));
        assertThat(inbox.awaitSms(DEMO_NUMBER, start)).contains(number).contains("10.00");
    }

    @Test
    void simCardNeedsIdentityDocument(@TempDir Path folder) throws Exception {
        Path scan = folder.resolve("passport.png");
        BufferedImage picture = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        picture.setRGB(10, 10, 0xff8800);
        ImageIO.write(picture, "png", scan.toFile());
        demo.signIn(dataDir);
        browser.get(demo.url("/shop"));
        WebElement quantity = demo.waitFor().until(ExpectedConditions.elementToBeClickable(By.id("quantity-sim-card")));

        quantity.clear();
        quantity.sendKeys("1");
        demo.waitFor().until((driver) -> driver.findElement(By.id("document-section")).isDisplayed());
        browser.findElement(By.id("place-order")).click();
        demo.waitFor().until((driver) -> driver.findElement(By.id("order-error")).getText()
                .equals("Upload your identity document before you order a SIM card."));

        browser.findElement(By.id("document")).sendKeys(scan.toString());
        browser.findElement(By.id("document-upload")).click();
        demo.waitFor().until((driver) -> driver.findElement(By.id("document-status")).getText()
                .equals("Your document has been received."));
        browser.findElement(By.id("place-order")).click();

        demo.waitFor().until((driver) -> driver.getCurrentUrl().matches(".*/orders/SC-[A-Z0-9-]+$"));
        demo.waitFor().until((driver) -> driver.findElement(By.id("order-total")).getText().equals("5.00 GBP"));
        browser.findElement(By.id("pay-credit")).click();
        // A SIM card is sent by post, so the paid order waits there for the operator.
        demo.waitFor().until((driver) -> driver.findElement(By.id("order-status")).getText().equals("Paid"));
    }

    /**
     * Records the body of every order the page sends in the tab's session storage, which outlives the move to
     * the order page, as a proxy between browser and portal would see it.
     */
    private void captureOrderRequests() {
        demo.script("""
                sessionStorage.setItem('capturedOrders', '[]');
                const realFetch = window.fetch;
                window.fetch = async (input, init) => {
                  if (String(input).endsWith('/api/v1/orders') && init && init.method === 'POST') {
                    const captured = JSON.parse(sessionStorage.getItem('capturedOrders'));
                    captured.push({ type: new Headers(init.headers).get('Content-Type'),
                      body: new TextDecoder().decode(init.body) });
                    sessionStorage.setItem('capturedOrders', JSON.stringify(captured));
                  }
                  return realFetch(input, init);
                };
                return true;
                """);
    }
}
