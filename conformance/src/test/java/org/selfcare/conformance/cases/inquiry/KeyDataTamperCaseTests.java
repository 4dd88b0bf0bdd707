package org.selfcare.conformance.cases.inquiry;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.Verdict;
import org.selfcare.conformance.support.CaseRunner;
import org.selfcare.conformance.support.ContractPortal.Flaw;
import org.selfcare.conformance.support.ContractTarget;
import org.selfcare.conformance.support.ProfileFiles;
import org.selfcare.conformance.support.TestPostgres;
import org.selfcare.conformance.support.TestSite;

import static org.assertj.core.api.Assertions.assertThat;

class KeyDataTamperCaseTests {

    private static final String BROWSER_CHECKED = "integrity: {browser-check-done: true}\n";

    /** One server for the class, because starting one takes seconds; each test creates the tables afresh. */
    private static TestPostgres database;

    @TempDir
    Path folder;

    @BeforeAll
    static void startDatabase(@TempDir Path databaseFolder) {
        database = TestPostgres.start(databaseFolder.resolve("postgres"));
    }

    @AfterAll
    static void stopDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void conformingPortalWithBrowserCheckPasses() throws Exception {
        try (ContractTarget target = ContractTarget.startWithDatabase(folder, database, BROWSER_CHECKED)) {
            CaseResult result = target.run(new KeyDataTamperCase());

            assertThat(result.verdict()).as(result.findings().toString()).isEqualTo(Verdict.PASS);
            assertThat(result.findings())
                    .contains("PASS: the key data response to GET /api/v1/me carried a valid signature")
                    .contains("PASS: the key data response to GET /api/v1/payments carried a valid signature")
                    .contains("PASS: the key data response to GET /api/v1/calls carried a valid signature")
                    .contains("PASS: the target rejected the unchanged GET /api/v1/me sent a second time with the "
                            + "same signature with 401")
                    .contains("PASS: the target rejected POST /api/v1/stepup/code with the body changed with 401")
                    .contains("PASS: after the change in the database GET /api/v1/calls showed record 1 of "
                            + "call_record as unavailable, without its data")
                    .contains("NOTE: restored call_record.charge_minor of id 1 to its original value")
                    .contains("PASS: the page / loads the integrity module integrity.js");
            assertThat(chargeOfCallRecord()).isEqualTo(12);
            for (String key : target.portal().issuedKeys()) {
                assertThat(result.evidence().toString()).doesNotContain(key);
            }
            assertThat(result.evidence().toString()).doesNotContain(database.password());
            assertThat(result.findings().toString()).doesNotContain(database.password());
        }
    }

    @Test
    void conformingPortalWithoutBrowserCheckNeedsReview() throws Exception {
        try (ContractTarget target = ContractTarget.startWithDatabase(folder, database, "")) {
            CaseResult result = target.run(new KeyDataTamperCase());

            assertThat(result.verdict()).as(result.findings().toString()).isEqualTo(Verdict.REVIEW);
            assertThat(result.reason()).contains("security configuration document")
                    .contains("integrity.browser-check-done: true");
        }
    }

    @Test
    void withoutDatabaseSectionNeedsReview() throws Exception {
        try (ContractTarget target = ContractTarget.start(folder)) {
            CaseResult result = target.run(new KeyDataTamperCase());

            assertThat(result.verdict()).as(result.findings().toString()).isEqualTo(Verdict.REVIEW);
            assertThat(result.reason()).contains("add a database: section");
        }
    }

    @Test
    void withoutSmsSectionIsInconclusive() throws Exception {
        try (ContractTarget target = ContractTarget.start(folder, false, true)) {
            CaseResult result = target.run(new KeyDataTamperCase());

            assertThat(result.verdict()).as(result.findings().toString()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(result.reason()).startsWith("the profile has no sms: section")
                    .contains("so it cannot open the call records and check their signature");
            assertThat(result.findings()).contains("PASS: the key data response to GET /api/v1/balance carried a "
                    + "valid signature");
        }
    }

    @Test
    void paymentTableCanBeChosen() throws Exception {
        try (ContractTarget target = ContractTarget.startWithDatabase(folder, database,
                "  table: payment\n" + BROWSER_CHECKED)) {
            CaseResult result = target.run(new KeyDataTamperCase());

            assertThat(result.verdict()).as(result.findings().toString()).isEqualTo(Verdict.PASS);
            assertThat(result.findings()).contains("PASS: after the change in the database GET /api/v1/payments "
                    + "showed record 7 of payment as unavailable, without its data");
        }
    }

    @Test
    void tamperedRecordShownFails() throws Exception {
        try (ContractTarget target = ContractTarget.startWithDatabase(folder, database, BROWSER_CHECKED,
                Flaw.SHOWS_TAMPERED_RECORDS)) {
            CaseResult result = target.run(new KeyDataTamperCase());

            assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(result.reason()).isEqualTo("the record 1 of call_record changed in the database was shown by "
                    + "GET /api/v1/calls with direction, otherParty, durationSeconds, chargeMinor instead of as "
                    + "unavailable");
            assertThat(chargeOfCallRecord()).isEqualTo(12);
        }
    }

    @Test
    void unsignedResponsesFail() throws Exception {
        try (ContractTarget target = ContractTarget.startWithDatabase(folder, database, BROWSER_CHECKED,
                Flaw.UNSIGNED_RESPONSES)) {
            CaseResult result = target.run(new KeyDataTamperCase());

            assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(result.reason()).startsWith("the response to GET /api/v1/me (status 200) carried no valid "
                    + "signature: missing");
        }
    }

    @Test
    void wrongResponseSignatureFails() throws Exception {
        try (ContractTarget target = ContractTarget.startWithDatabase(folder, database, BROWSER_CHECKED,
                Flaw.WRONG_BALANCE_SIGNATURE)) {
            CaseResult result = target.run(new KeyDataTamperCase());

            assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(result.reason()).isEqualTo("the response to GET /api/v1/balance (status 200) carried no "
                    + "valid signature: wrong MAC");
        }
    }

    @Test
    void portalWithoutSigningFails() throws Exception {
        try (ContractTarget target = ContractTarget.startWithDatabase(folder, database, BROWSER_CHECKED,
                Flaw.NO_SIGNING)) {
            CaseResult result = target.run(new KeyDataTamperCase());

            assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(result.reason()).isEqualTo("the target issued no session key (POST /api/v1/session-key: "
                    + "NOT_OFFERED), so its responses carry no signature a client could verify");
            assertThat(result.findings()).contains("PASS: after the change in the database GET /api/v1/calls showed "
                    + "record 1 of call_record as unavailable, without its data");
            assertThat(chargeOfCallRecord()).isEqualTo(12);
        }
    }

    @Test
    void missingIntegrityModuleFails() throws Exception {
        try (ContractTarget target = ContractTarget.startWithDatabase(folder, database, BROWSER_CHECKED,
                Flaw.NO_INTEGRITY_MODULE)) {
            CaseResult result = target.run(new KeyDataTamperCase());

            assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(result.reason()).startsWith("the page / does not load the integrity module integrity.js");
        }
    }

    @Test
    void moduleImportedTwoLevelsDeepPasses() throws Exception {
        try (ContractTarget target = ContractTarget.startWithDatabase(folder, database, BROWSER_CHECKED,
                Flaw.NESTED_INTEGRITY_MODULE)) {
            CaseResult result = target.run(new KeyDataTamperCase());

            assertThat(result.verdict()).isEqualTo(Verdict.PASS);
            assertThat(result.findings()).contains("PASS: the page / loads the integrity module integrity.js");
        }
    }

    @Test
    void replayAcceptedFails() throws Exception {
        try (ContractTarget target = ContractTarget.startWithDatabase(folder, database, BROWSER_CHECKED,
                Flaw.ACCEPTS_REPLAY)) {
            CaseResult result = target.run(new KeyDataTamperCase());

            assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(result.reason()).startsWith("the target accepted the unchanged GET /api/v1/me sent a second "
                    + "time with the same signature");
        }
    }

    @Test
    void formLoginProfileIsInconclusive() throws Exception {
        try (TestSite site = TestSite.http()) {
            CaseResult result = CaseRunner.run(new KeyDataTamperCase(), site.uri(), ProfileFiles.load(folder, """
                    type: form-login
                    sign-in: {page: /login, username-field: u, password-field: p,
                              success: {status: 302}, failure: {status: 200}}
                    protected-path: /home
                    """));

            assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(result.reason()).contains("needs a description of the target's API");
        }
    }

    private long chargeOfCallRecord() throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT charge_minor FROM call_record WHERE id = 1")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
