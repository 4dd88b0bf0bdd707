package org.selfcare.conformance.run;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.net.ssl.SSLContext;

import org.selfcare.conformance.evidence.Redactor;
import org.selfcare.conformance.http.ProbeClient;
import org.selfcare.conformance.http.TlsTrust;
import org.selfcare.conformance.inbox.KitInboxes;
import org.selfcare.conformance.model.CaseContext;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.TestCase;
import org.selfcare.conformance.model.Verdict;
import org.selfcare.conformance.profile.InvalidProfileException;
import org.selfcare.conformance.profile.TargetProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs cases against one target, one after another, each with its own context and evidence.
 */
public final class KitRunner {

    public static final String VERSION = "0.1.0";

    /** Where Selfcare receives its payment provider's notifications. */
    public static final String WEBHOOK_PATH = "/payments/webhook";

    private static final Logger logger = LoggerFactory.getLogger(KitRunner.class);

    private final Clock clock;

    public KitRunner(Clock clock) {
        this.clock = clock;
    }

    /**
     * Checks that the target accepts TCP connections, so that an unreachable target stops the run before any
     * case reports a misleading verdict.
     *
     * @throws TargetUnreachableException when no connection can be made
     */
    public static void checkReachable(URI target, Duration timeout) {
        int port = (target.getPort() > 0) ? target.getPort() : ("https".equals(target.getScheme()) ? 443 : 80);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(target.getHost(), port), (int) timeout.toMillis());
        }
        catch (IOException ex) {
            throw new TargetUnreachableException("cannot connect to " + target.getHost() + ":" + port + " ("
                    + ex.getMessage() + "); check --target and that the deployment is running");
        }
    }

    /**
     * Runs the cases with the SMSC and mail sink the profile configures, started for this run only.
     *
     * @throws KitInboxes.InboxStartException when the SMSC or mail sink cannot start
     */
    public RunReport run(URI target, TargetProfile profile, List<TestCase> cases) {
        try (KitInboxes inboxes = KitInboxes.start(profile)) {
            return run(target, profile, cases, inboxes);
        }
    }

    /**
     * Runs the cases with inboxes the caller started and stops, such as a test that must know the SMSC's port
     * before it starts its target.
     */
    public RunReport run(URI target, TargetProfile profile, List<TestCase> cases, KitInboxes inboxes) {
        profile.payment().ifPresent((payment) -> inboxes.sendPaymentNotifications(
                payment.webhookUrl().orElse(target.resolve(WEBHOOK_PATH)), payment.webhookSecret(),
                TargetCertificates.webhookTrust(target, profile)));
        ProbeClient client = new ProbeClient(target, trust(profile), profile.timeout(), redactor(profile));
        Instant started = clock.instant();
        List<CaseResult> results = new ArrayList<>();
        for (TestCase testCase : cases) {
            logger.info("Running {} {}", testCase.id(), testCase.description().title());
            CaseContext context = new CaseContext(client, profile, clock, inboxes);
            CaseResult result;
            try {
                result = testCase.run(context);
            }
            catch (RuntimeException ex) {
                // A fault of the kit must not look like a verdict about the target.
                logger.debug("Case {} failed inside the kit", testCase.id(), ex);
                result = context.result(testCase.description(), Verdict.INCONCLUSIVE,
                        "the kit could not complete this case: " + ex);
            }
            logger.info("{}: {} ({})", result.id(), result.verdict(), result.reason());
            results.add(result);
        }
        return new RunReport(VERSION, target.toString(), profile.name(), profile.type().label(), started,
                clock.instant(), results);
    }

    private static SSLContext trust(TargetProfile profile) {
        if (profile.tls().insecure()) {
            // The JDK's HTTP client also checks the host name unless this is set before its first use.
            System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true");
            return TlsTrust.anyCertificate();
        }
        if (profile.tls().caFile().isPresent()) {
            try {
                return TlsTrust.fromPem(profile.tls().caFile().get());
            }
            catch (IOException ex) {
                throw new InvalidProfileException("tls.ca-file: " + ex.getMessage());
            }
        }
        return TlsTrust.system();
    }

    private static Redactor redactor(TargetProfile profile) {
        Set<String> secrets = new HashSet<>();
        profile.accounts().forEach((account) -> secrets.add(account.password()));
        profile.captcha().ifPresent((captcha) -> secrets.add(captcha.testKey()));
        profile.sms().ifPresent((sms) -> secrets.add(sms.password()));
        profile.provisioning().ifPresent((provisioning) -> secrets.add(provisioning.token()));
        profile.database().ifPresent((database) -> secrets.add(database.password()));
        profile.payment().ifPresent((payment) -> {
            secrets.add(payment.secretKey());
            secrets.add(payment.webhookSecret());
        });
        return new Redactor(secrets);
    }

    /**
     * Thrown when the target cannot be reached at all.
     */
    public static final class TargetUnreachableException extends RuntimeException {

        public TargetUnreachableException(String message) {
            super(message);
        }
    }
}
