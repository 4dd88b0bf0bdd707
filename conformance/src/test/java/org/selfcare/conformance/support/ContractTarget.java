package org.selfcare.conformance.support;

import java.io.IOException;
import java.nio.file.Path;

import org.selfcare.conformance.inbox.KitInboxes;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.TestCase;
import org.selfcare.conformance.profile.TargetProfile;
import org.selfcare.conformance.support.ContractPortal.Flaw;

/**
 * A {@link ContractPortal} with the kit's SMSC running and a profile that names its accounts, the SMSC and the
 * operator API, so a test can run one case the way {@code x1470 run} would.
 */
public final class ContractTarget implements AutoCloseable {

    /** Profile sections every run shares; the SMSC waits briefly, because the stand-in sends at once. */
    static final String SMS_SECTION = """
            sms:
              port: 0
              system-id: %s
              password: %s
              wait: PT5S
            """.formatted(ContractPortal.SMSC_SYSTEM_ID, ContractPortal.SMSC_PASSWORD);

    static final String ACCOUNTS = """
            type: selfcare
            accounts:
              - {username: "%1$s", password: "%4$s"}
              - {username: "%2$s", password: "%4$s"}
              - {username: "%3$s", password: "%4$s", role: step-up-lockout}
            """.formatted(ContractPortal.NUMBER, ContractPortal.SECOND_NUMBER, ContractPortal.LOCK_NUMBER,
            ContractPortal.PASSWORD);

    /** What the purchase cases buy from the stand-in. */
    static final String PURCHASE_SECTION = "purchase: {item: " + ContractShop.ITEM + "}\n";

    /**
     * The stand-in detects within a second, and flags an abnormal volume for a service at
     * {@link ContractMonitoring#SERVICE_VOLUME} subscriptions.
     */
    static final String MONITORING_SECTION = "monitoring: {wait: PT2S, service-volume-subscribers: "
            + ContractMonitoring.SERVICE_VOLUME + "}\n";

    private final KitInboxes started;

    private final KitInboxes forRun;

    private final ContractPortal portal;

    private final TargetProfile profile;

    private ContractTarget(KitInboxes started, KitInboxes forRun, ContractPortal portal, TargetProfile profile) {
        this.started = started;
        this.forRun = forRun;
        this.portal = portal;
        this.profile = profile;
    }

    /**
     * Starts the kit's SMSC and a stand-in portal with the given flaws, and loads a profile with accounts, the
     * {@code sms:} section and the {@code provisioning:} section.
     */
    public static ContractTarget start(Path folder, Flaw... flaws) throws IOException {
        return start(folder, true, true, flaws);
    }

    /**
     * Starts as {@link #start(Path, Flaw...)} does, leaving out the {@code sms:} or {@code provisioning:}
     * section of the profile when asked. The SMSC runs in any case, because the stand-in sends its SMS there.
     */
    public static ContractTarget start(Path folder, boolean withSms, boolean withProvisioning, Flaw... flaws)
            throws IOException {
        return start(folder, withSms, withProvisioning, null, "", flaws);
    }

    /**
     * Starts as {@link #start(Path, Flaw...)} does, with the stand-in's sealed records in {@code database} and
     * a {@code database:} section that lets T-2-4 change a call record there.
     *
     * @param moreProfile further profile lines, such as an {@code integrity:} section
     */
    public static ContractTarget startWithDatabase(Path folder, TestPostgres database, String moreProfile,
            Flaw... flaws) throws IOException {
        String section = """
                database:
                  url: %s
                  user: %s
                  password: %s
                """.formatted(database.jdbcUrl(), TestPostgres.USER, database.password());
        return start(folder, true, true, database, section + moreProfile, flaws);
    }

    /** The secrets the stand-in shares with the kit's payment sandbox. */
    static final String PROVIDER_SECRET_KEY = "sk_test_x1470_contract_portal";

    static final String PROVIDER_WEBHOOK_SECRET = "whsec_x1470_contract_portal";

    static final String PAYMENT_SECTION = """
            payment:
              port: 0
              secret-key: %s
              webhook-secret: %s
            """.formatted(PROVIDER_SECRET_KEY, PROVIDER_WEBHOOK_SECRET);

    /**
     * Starts as {@link #start(Path, Flaw...)} does, with the kit's payment sandbox running, a {@code payment:}
     * section in the profile, and the stand-in taking provider payments there.
     */
    public static ContractTarget startWithProvider(Path folder, Flaw... flaws) throws IOException {
        return start(folder, true, true, null, PAYMENT_SECTION, flaws);
    }

    private static ContractTarget start(Path folder, boolean withSms, boolean withProvisioning,
            TestPostgres database, String moreProfile, Flaw... flaws) throws IOException {
        boolean withPayment = moreProfile.contains("payment:");
        KitInboxes inboxes = KitInboxes.start(ProfileFiles.load(folder, ACCOUNTS + SMS_SECTION
                + (withPayment ? PAYMENT_SECTION : "")));
        ContractPortal portal = new ContractPortal(inboxes.smppPort().orElseThrow(), flaws);
        inboxes.payments().ifPresent((sandbox) -> portal.useProvider(java.net.URI.create(sandbox.apiBase()),
                PROVIDER_SECRET_KEY, PROVIDER_WEBHOOK_SECRET));
        if (database != null) {
            portal.storeRecordsIn(database);
        }
        String provisioning = """
                provisioning:
                  url: %s
                  token: %s
                  region: GB
                  first-number: "07700 900500"
                  last-number: "07700 900999"
                """.formatted(portal.operatorUri(), ContractPortal.OPERATOR_TOKEN);
        String captcha = "captcha: {test-key: " + ContractPortal.CAPTCHA_TEST_KEY + "}\n";
        TargetProfile profile = ProfileFiles.load(folder, ACCOUNTS + captcha + PURCHASE_SECTION + MONITORING_SECTION
                + (withSms ? SMS_SECTION : "")
                + (withProvisioning ? provisioning : "") + moreProfile);
        return new ContractTarget(inboxes, withSms ? inboxes : KitInboxes.none(), portal, profile);
    }

    public CaseResult run(TestCase testCase) {
        return CaseRunner.run(testCase, portal.uri(), profile, forRun);
    }

    /** Returns the kit's payment sandbox, when the target was started with one. */
    public java.util.Optional<org.selfcare.sandbox.payments.PaymentSandbox> payments() {
        return started.payments();
    }

    public ContractPortal portal() {
        return portal;
    }

    @Override
    public void close() {
        portal.close();
        started.close();
    }
}
