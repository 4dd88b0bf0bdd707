package org.selfcare.browser;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.selfcare.support.DemoPortalTest;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser side of signed API messages in Debian's headless Chromium: the pages still show their data, the
 * session key cannot be read back, a changed response is rejected, and sign-out deletes the key.
 */
@DemoPortalTest
class BrowserIntegrityTests {

    @LocalServerPort
    int port;

    @Value("${selfcare.data-dir}")
    Path dataDir;

    DemoBrowser demo;

    WebDriver browser;

    @BeforeEach
    void startBrowser() throws Exception {
        demo = DemoBrowser.start(port);
        browser = demo.driver();
    }

    @AfterEach
    void stopBrowser() {
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void overviewAndPaymentsShowData() throws Exception {
        demo.signIn(dataDir);

        demo.waitFor().until((driver) -> driver.findElement(By.id("balance")).getText().matches("-?[0-9.]+ [A-Z]{3}"));
        assertThat(browser.findElement(By.id("msisdn")).getText()).isEqualTo("7700900000 (Robin Hale)");
        assertThat(browser.findElement(By.id("load-error")).isDisplayed()).isFalse();

        browser.get(demo.url("/payments"));
        List<WebElement> rows = demo.waitFor().until(
                ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#payments tbody tr.payment"), 0));
        assertThat(rows).isNotEmpty();
        assertThat(browser.findElement(By.id("load-error")).isDisplayed()).isFalse();
    }

    @Test
    void storedKeyCannotBeExported() throws Exception {
        demo.signIn(dataDir);

        Object result = demo.script("""
                const integrity = await import('/js/integrity.js');
                const stored = await integrity.readStored();
                try {
                  await crypto.subtle.exportKey('raw', stored.cryptoKey);
                  return { exported: true };
                } catch (error) {
                  return { exported: false, error: error.name, extractable: stored.cryptoKey.extractable,
                    usages: stored.cryptoKey.usages.join(',') };
                }
                """);

        assertThat(result).isEqualTo(Map.of("exported", false, "error", "InvalidAccessError", "extractable", false,
                "usages", "sign,verify"));
    }

    @Test
    void tamperedResponseIsRejected() throws Exception {
        demo.signIn(dataDir);

        // The page's fetch is replaced by one that changes a digit of the balance after the portal signed it,
        // as a proxy between browser and portal would.
        Object result = demo.script("""
                const integrity = await import('/js/integrity.js');
                const api = await import('/js/api.js');
                const genuine = await api.getJson('/api/v1/balance');
                const realFetch = window.fetch;
                window.fetch = async (input, init) => {
                  const response = await realFetch(input, init);
                  if (!String(input).endsWith('/api/v1/balance')) {
                    return response;
                  }
                  const text = (await response.text()).replace(/[0-9]/, (digit) => String((Number(digit) + 1) % 10));
                  return new Response(text, { status: response.status, headers: response.headers });
                };
                try {
                  await api.getJson('/api/v1/balance');
                  return { genuine: typeof genuine.decimal, tampered: 'accepted' };
                } catch (error) {
                  const main = document.querySelector('main');
                  api.showError(main, error);
                  return { genuine: typeof genuine.decimal, tampered: error.name,
                    integrityError: error instanceof integrity.IntegrityError,
                    shown: document.getElementById('load-error').textContent };
                } finally {
                  window.fetch = realFetch;
                }
                """);

        assertThat(result).isEqualTo(Map.of("genuine", "string", "tampered", "IntegrityError", "integrityError", true,
                "shown", "The portal's answer could not be verified, so it is not shown. Reload the page; if this "
                        + "happens again, sign out and sign in again."));
    }

    @Test
    void verifyRejectsChangedStatusBodyAndNonce() throws Exception {
        demo.signIn(dataDir);

        Object result = demo.script("""
                const integrity = await import('/js/integrity.js');
                const { cryptoKey } = await integrity.readStored();
                const encoder = new TextEncoder();
                const nonce = 'AAAAAAAAAAAAAAAAAAAAAA';
                // A response signature made with the stored key, as the portal makes it.
                const body = encoder.encode('{"decimal":"1.00"}');
                const digest = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', body)),
                  (b) => b.toString(16).padStart(2, '0')).join('');
                const mac = new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey,
                  encoder.encode(['v1', '200', nonce, digest].join('\\n'))));
                const tag = btoa(String.fromCharCode(...mac)).replace(/\\+/g, '-').replace(/\\//g, '_')
                  .replace(/=+$/, '');
                const header = `v1;nonce=${nonce};mac=${tag}`;
                return {
                  genuine: await integrity.verifyResponse(cryptoKey, nonce, 200, body, header),
                  status: await integrity.verifyResponse(cryptoKey, nonce, 201, body, header),
                  body: await integrity.verifyResponse(cryptoKey, nonce, 200, encoder.encode('{"decimal":"9.00"}'),
                    header),
                  nonce: await integrity.verifyResponse(cryptoKey, 'BBBBBBBBBBBBBBBBBBBBBB', 200, body, header),
                  missing: await integrity.verifyResponse(cryptoKey, nonce, 200, body, null),
                };
                """);

        assertThat(result).isEqualTo(Map.of("genuine", true, "status", false, "body", false, "nonce", false,
                "missing", false));
    }

    @Test
    void rejectedKeyIsDeleted() throws Exception {
        demo.signIn(dataDir);

        // A key the portal does not know replaces the stored one. The portal rejects its signature, so the page
        // deletes it and requests a new key, which this session already received: the call fails as an
        // integrity error and no key stays stored.
        Object result = demo.script("""
                const integrity = await import('/js/integrity.js');
                const api = await import('/js/api.js');
                const unknown = await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false,
                  ['sign', 'verify']);
                const database = await new Promise((resolve, reject) => {
                  const opening = indexedDB.open('selfcare-integrity', 1);
                  opening.onsuccess = () => resolve(opening.result);
                  opening.onerror = () => reject(opening.error);
                });
                await new Promise((resolve, reject) => {
                  const put = database.transaction('session-key', 'readwrite').objectStore('session-key')
                    .put({ keyId: 'unknown-key-id-000000', cryptoKey: unknown }, 'current');
                  put.onsuccess = resolve;
                  put.onerror = () => reject(put.error);
                });
                database.close();
                await integrity.clearKeyCache();
                try {
                  await api.getJson('/api/v1/me');
                  return { outcome: 'accepted' };
                } catch (error) {
                  return { outcome: error.name, stored: (await integrity.readStored()) === undefined ? 'none' : 'some' };
                }
                """);

        assertThat(result).isEqualTo(Map.of("outcome", "IntegrityError", "stored", "none"));
    }

    @Test
    void signOutDeletesStoredKey() throws Exception {
        demo.signIn(dataDir);
        assertThat(demo.script("return (await (await import('/js/integrity.js')).readStored()) !== undefined;"))
                .isEqualTo(true);

        browser.findElement(By.cssSelector("form[action$='/signout'] button")).click();
        demo.waitFor().until((driver) -> driver.getCurrentUrl().contains("/signin"));

        assertThat(demo.script("return (await (await import('/js/integrity.js')).readStored()) === undefined;"))
                .isEqualTo(true);
    }
}
