package org.selfcare.platform.web;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.selfcare.support.PortalClient;
import org.selfcare.support.PortalTest;
import org.selfcare.support.TestSubscribers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settings docs/security-configuration.md gives for a portal behind nginx: the client's address comes from
 * {@code X-Forwarded-For} only when the request arrives from the configured proxy. The tests connect from
 * 127.0.0.1 and read the address the security event of a failed sign-in recorded.
 */
class ForwardedClientAddressTests {

    private static final String CLIENT = "203.0.113.7";

    @Nested
    @PortalTest
    @TestPropertySource(properties = { "server.forward-headers-strategy=native",
            "server.tomcat.remoteip.internal-proxies=127.0.0.1/32" })
    class FromConfiguredProxy {

        @LocalServerPort
        int port;

        @Autowired
        JdbcClient jdbc;

        @Test
        void forwardedAddressIsRecorded() {
            String identifier = failSignIn(port, CLIENT);

            assertThat(recordedAddress(jdbc, identifier)).isEqualTo(CLIENT);
        }
    }

    @Nested
    @PortalTest
    @TestPropertySource(properties = { "server.forward-headers-strategy=native",
            "server.tomcat.remoteip.internal-proxies=192.0.2.1/32" })
    class FromOtherAddress {

        @LocalServerPort
        int port;

        @Autowired
        JdbcClient jdbc;

        @Test
        void forgedHeaderIsIgnored() {
            String identifier = failSignIn(port, CLIENT);

            assertThat(recordedAddress(jdbc, identifier)).isEqualTo("127.0.0.1");
        }
    }

    /** Signs in with a wrong password for an unknown number and returns the number as the event records it. */
    private static String failSignIn(int port, String forwardedFor) {
        PortalClient client = new PortalClient(port);
        String number = TestSubscribers.unknownNumber();
        String body = "msisdn=" + encode(number) + "&password=wrong-password&captcha="
                + encode(PortalClient.CAPTCHA_TEST_KEY) + "&_csrf=" + encode(client.csrfToken());

        client.send(HttpRequest.newBuilder(URI.create(client.base() + "/signin"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Forwarded-For", forwardedFor)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
        return number;
    }

    private static String recordedAddress(JdbcClient jdbc, String number) {
        return jdbc.sql("SELECT client_address FROM security_event WHERE identifier LIKE ? ORDER BY id DESC LIMIT 1")
                .param("%" + number.substring(number.length() - 6))
                .query(String.class)
                .single();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
