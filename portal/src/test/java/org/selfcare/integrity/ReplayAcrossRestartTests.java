package org.selfcare.integrity;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.selfcare.SelfcareApplication;
import org.selfcare.account.Accounts;
import org.selfcare.identity.Subscriber;
import org.selfcare.identity.SubscriberDirectory;
import org.selfcare.support.PortalClient;
import org.selfcare.support.PortalTest;
import org.selfcare.support.RequestSigner;
import org.selfcare.support.TestClamd;
import org.selfcare.support.TestSubscribers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A signed request captured from one portal and replayed to a portal started afterwards on the same database, as
 * after a restart or on another node. The second portal reads the session and its key from the database, and
 * rejects the request because the database also stores its nonce.
 */
@PortalTest
class ReplayAcrossRestartTests {

    @LocalServerPort
    int port;

    @Autowired
    SubscriberDirectory directory;

    @Autowired
    Accounts accounts;

    @Autowired
    Environment environment;

    @Test
    void replayToRestartedPortalIsRejected() {
        Subscriber subscriber = TestSubscribers.create(directory, accounts);
        PortalClient client = new PortalClient(port);
        assertThat(client.signIn(subscriber.msisdn(), TestSubscribers.PASSWORD).statusCode()).isEqualTo(302);
        RequestSigner.Key key = client.sessionKey();
        String header = client.signer().sign(key, "GET", "/api/v1/me", "", new byte[0],
                Instant.now().getEpochSecond(), RequestSigner.newNonce());

        HttpResponse<String> original = client.sendRaw(signedGet(client.base(), header));
        HttpResponse<String> freshPortalAnswer;
        HttpResponse<String> replay;
        try (ConfigurableApplicationContext restarted = startSecondPortal()) {
            String restartedBase = "https://localhost:" + restarted.getEnvironment().getProperty("local.server.port");
            // A request with a new nonce shows that the second portal finds the session and its key.
            String fresh = client.signer().sign(key, "GET", "/api/v1/me", "", new byte[0],
                    Instant.now().getEpochSecond(), RequestSigner.newNonce());
            freshPortalAnswer = client.sendRaw(signedGet(restartedBase, fresh));
            replay = client.sendRaw(signedGet(restartedBase, header));
        }

        assertThat(original.statusCode()).isEqualTo(200);
        assertThat(freshPortalAnswer.statusCode()).as("new nonce on the second portal").isEqualTo(200);
        assertThat(replay.statusCode()).as("replay on the second portal").isEqualTo(401);
        assertThat(replay.body()).contains("\"code\":\"request_signature_invalid\"");
    }

    private static HttpRequest signedGet(String base, String header) {
        return HttpRequest.newBuilder(URI.create(base + "/api/v1/me"))
                .header("Accept", "application/json")
                .header(RequestSigner.REQUEST_HEADER, header)
                .GET()
                .build();
    }

    /**
     * Starts a second portal on free ports with this test's data folder, the way the same deployment would start
     * again. It shares the embedded PostgreSQL that this folder's server runs, or the server that the
     * {@code spring.datasource} system properties name when the tests run against one.
     */
    private ConfigurableApplicationContext startSecondPortal() {
        return new SpringApplicationBuilder(SelfcareApplication.class).run("--server.port=0", "--selfcare.http-port=0",
                "--selfcare.operator.port=0", "--selfcare.data-dir=" + environment.getProperty("selfcare.data-dir"),
                "--selfcare.purchase.document.clamd.host=127.0.0.1",
                "--selfcare.purchase.document.clamd.port=" + TestClamd.port());
    }
}
