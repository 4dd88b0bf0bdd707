package org.selfcare.identity;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.selfcare.account.Accounts;
import org.selfcare.support.PortalClient;
import org.selfcare.support.PortalTest;
import org.selfcare.support.TestSubscribers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verification code on the sign-in form of a portal that has a CAPTCHA test key configured, as for a
 * conformance run.
 */
@PortalTest
class CaptchaSignInTests {

    private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

    @LocalServerPort
    int port;

    @Autowired
    SubscriberDirectory directory;

    @Autowired
    Accounts accounts;

    PortalClient client;

    Subscriber subscriber;

    @BeforeEach
    void subscriber() {
        client = new PortalClient(port);
        subscriber = TestSubscribers.create(directory, accounts);
    }

    @Test
    void signInWithoutCodeIsRejected() {
        HttpResponse<String> response = client.postForm("/signin",
                Map.of("msisdn", subscriber.msisdn(), "password", TestSubscribers.PASSWORD));

        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                (location) -> assertThat(location).endsWith("/signin?failed"));
        assertThat(client.get("/api/v1/me").statusCode()).isEqualTo(401);
    }

    @Test
    void signInWithWrongCodeIsRejected() {
        HttpResponse<String> response = client.postForm("/signin",
                Map.of("msisdn", subscriber.msisdn(), "password", TestSubscribers.PASSWORD, "captcha", "WRONG"));

        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                (location) -> assertThat(location).endsWith("/signin?failed"));
        assertThat(client.get("/api/v1/me").statusCode()).isEqualTo(401);
    }

    @Test
    void signInWithTestKeySucceeds() {
        HttpResponse<String> response = client.signIn(subscriber.msisdn(), TestSubscribers.PASSWORD);

        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                (location) -> assertThat(location).doesNotContain("failed"));
        assertThat(client.get("/api/v1/me").statusCode()).isEqualTo(200);
    }

    @Test
    void testKeyWithWrongPasswordIsRejected() {
        HttpResponse<String> response = client.signIn(subscriber.msisdn(), "Not-The-Password-1!");

        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                (location) -> assertThat(location).endsWith("/signin?failed"));
    }

    @Test
    void imageIsPng() {
        client.getPage("/signin");

        HttpResponse<byte[]> image = client.getBytes("/signin/captcha");

        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(Arrays.copyOf(image.body(), PNG_SIGNATURE.length)).isEqualTo(PNG_SIGNATURE);
    }

    @Test
    void imageIsNotStored() {
        client.getPage("/signin");

        HttpResponse<byte[]> image = client.getBytes("/signin/captcha");

        assertThat(image.headers().allValues("Cache-Control")).anySatisfy(
                (value) -> assertThat(value).contains("no-store"));
    }

    @Test
    void imageNeedsNoSession() {
        HttpResponse<byte[]> image = client.getBytes("/signin/captcha");

        assertThat(image.statusCode()).isEqualTo(200);
    }

    @Test
    void pageLabelsCodeField() {
        String page = client.getPage("/signin").body();

        assertThat(page).contains("<label for=\"captcha\">");
        assertThat(page).contains("name=\"captcha\"");
    }

    @Test
    void pageDescribesImage() {
        String page = client.getPage("/signin").body();

        assertThat(page).containsPattern("<img id=\"captcha-image\" src=\"/signin/captcha\" alt=\"Picture of a "
                + "verification code[^\"]+New code[^\"]+\"");
    }

    @Test
    void pageLoadsRefreshScriptFromFile() {
        String page = client.getPage("/signin").body();

        assertThat(page).contains("<script type=\"module\" src=\"/js/captcha.js\"></script>");
    }
}
