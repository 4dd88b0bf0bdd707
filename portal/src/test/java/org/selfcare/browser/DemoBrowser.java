package org.selfcare.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.selfcare.support.PortalClient;

/**
 * Debian's headless Chromium on the demo portal of a browser test: opens the portal's pages, runs scripts in
 * them, waits for what the page shows, and signs in as the demo's first subscriber.
 */
final class DemoBrowser implements AutoCloseable {

    static final String DEMO_MSISDN = "07700 900000";

    private final WebDriver driver;

    private final int port;

    private DemoBrowser(WebDriver driver, int port) {
        this.driver = driver;
        this.port = port;
    }

    /** Starts Chromium for the portal on {@code port}; skips the test where Chromium is missing outside CI. */
    static DemoBrowser start(int port) throws IOException {
        WebDriver driver = HeadlessChromium.start();
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        return new DemoBrowser(driver, port);
    }

    WebDriver driver() {
        return driver;
    }

    String url(String path) {
        return "https://localhost:" + port + path;
    }

    /**
     * Runs an async function body in the page and returns its result. The script may use await and dynamic
     * imports of the portal's own modules, which the Content-Security-Policy allows.
     */
    Object script(String body) {
        return ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                (async () => { %s })().then(done, (error) => done({ scriptError: String(error) }));
                """.formatted(body));
    }

    WebDriverWait waitFor() {
        return waitFor(Duration.ofSeconds(20));
    }

    WebDriverWait waitFor(Duration timeout) {
        return (WebDriverWait) new WebDriverWait(driver, timeout).ignoring(StaleElementReferenceException.class);
    }

    /**
     * Signs in with the demo password and waits until the overview shows the balance. The overview fetches the
     * session's one signing key, and a page left before the key is stored would lose it.
     */
    void signIn(Path dataDir) throws IOException {
        String password = Files.readString(dataDir.resolve("demo-password.txt")).strip();
        driver.get(url("/signin"));
        driver.findElement(By.id("msisdn")).sendKeys(DEMO_MSISDN);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("captcha")).sendKeys(PortalClient.CAPTCHA_TEST_KEY);
        driver.findElement(By.id("signin-submit")).click();
        waitFor().until((page) -> !page.getCurrentUrl().endsWith("/signin"));
        waitFor().until((page) -> page.findElement(By.id("balance")).getText().matches("-?[0-9.]+ [A-Z]{3}"));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
