package org.selfcare.audit;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.FileAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.selfcare.account.Accounts;
import org.selfcare.identity.Subscriber;
import org.selfcare.identity.SubscriberDirectory;
import org.selfcare.support.PortalClient;
import org.selfcare.support.PortalTest;
import org.selfcare.support.TestSubscribers;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signs in over HTTPS with a wrong password and checks that neither the console nor the JSON security log
 * contains it.
 */
@PortalTest
@ExtendWith(OutputCaptureExtension.class)
class SignInLoggingTests {

    private static final String WRONG_PASSWORD = "Canary-Password-5081!";

    @LocalServerPort
    int port;

    @Autowired
    SubscriberDirectory directory;

    @Autowired
    Accounts accounts;

    @Autowired
    SecurityLog securityLog;

    @Test
    void failedSignInLogsNoPassword(CapturedOutput output) throws IOException {
        Subscriber subscriber = TestSubscribers.create(directory, accounts);

        HttpResponse<String> response = new PortalClient(port).signIn(subscriber.msisdn(), WRONG_PASSWORD);

        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                (location) -> assertThat(location).endsWith("/signin?failed"));
        assertThat(output.getAll()).doesNotContain(WRONG_PASSWORD);
        assertThat(securityJson()).doesNotContain(WRONG_PASSWORD);
    }

    @Test
    void recordedEventWrittenAsJsonLine() throws IOException {
        securityLog.record(SecurityEventChainTests.event("written as JSON"));

        String lastLine = securityJson().strip().lines().reduce((first, second) -> second).orElse("");

        assertThat(lastLine).startsWith("{").endsWith("}");
        assertThat(lastLine).contains("\"reason\":\"written as JSON\"");
        assertThat(lastLine).contains("\"logger\":\"security\"");
    }

    /**
     * Reads the file the {@code security} logger writes to, wherever the last logging configuration put it.
     */
    private static String securityJson() throws IOException {
        Logger logger = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(ChainedSecurityLog.LOGGER_NAME);
        FileAppender<?> appender = (FileAppender<?>) logger.getAppender("SECURITY_JSON");
        Path file = Path.of(appender.getFile());
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
