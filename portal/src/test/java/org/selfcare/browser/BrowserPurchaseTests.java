package org.selfcare.browser;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.selfcare.integrity.TransactionDecryption;
import org.selfcare.support.DemoPortalTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Purchases in Debian's headless Chromium: the page encrypts the order with WebCrypto to the key the portal
 * publishes, and the portal opens what the browser made.
 */
@DemoPortalTest
class BrowserPurchaseTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    TransactionDecryption decryption;

    WebDriver browser;

    @BeforeEach
    void startBrowser() throws Exception {
        browser = HeadlessChromium.start();
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void portalOpensWhatTheBrowserEncrypts() throws Exception {
        // The key is public, so the sign-in page is enough to load the module and fetch it.
        browser.get(url("/signin"));

        Object jwe = script("""
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
    void eachTransactionHasItsOwnContentKey() {
        browser.get(url("/signin"));

        Object same = script("""
                const { encryptTransaction } = await import('/js/transaction.js');
                const one = (await encryptTransaction({ a: 1 })).split('.');
                const two = (await encryptTransaction({ a: 1 })).split('.');
                return one[1] === two[1] || one[2] === two[2] || one[3] === two[3];
                """);

        assertThat(same).isEqualTo(false);
    }

    /**
     * Runs an async function body in the page and returns its result.
     */
    private Object script(String body) {
        return ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                (async () => { %s })().then(done, (error) => done({ scriptError: String(error) }));
                """.formatted(body));
    }

    private String url(String path) {
        return "https://localhost:" + port + path;
    }
}
