package org.selfcare.conformance.host;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfcare.conformance.host.TestHost.FakeDatabase;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.Verdict;

import static org.assertj.core.api.Assertions.assertThat;

class LeastPrivilegeCheckTests {

    @TempDir
    Path root;

    @Test
    void unprivilegedPortalPasses() {
        CaseResult result = TestHost.portal(root).run(new LeastPrivilegeCheck());

        assertThat(result.verdict()).as(result.findings().toString()).isEqualTo(Verdict.PASS);
    }

    @Test
    void portalAsRootFails() {
        TestHost host = TestHost.portal(root);
        host.file("proc/" + TestHost.PORTAL_PID + "/status", TestHost.status(0, 0));

        CaseResult result = host.run(new LeastPrivilegeCheck());

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).startsWith("the portal's process (pid 4100) runs as root");
    }

    @Test
    void portalWithCapabilityFails() {
        TestHost host = TestHost.portal(root);
        host.file("proc/" + TestHost.PORTAL_PID + "/status", TestHost.status(998, 1L << 10));

        CaseResult result = host.run(new LeastPrivilegeCheck());

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).isEqualTo("the portal's process (pid 4100) has the capabilities "
                + "cap_net_bind_service (CapEff 400)");
    }

    @Test
    void portalUserWithLoginShellFails() {
        TestHost host = TestHost.portal(root);
        host.file("etc/passwd", "selfcare:x:998:998::/var/lib/selfcare:/bin/bash\n");

        CaseResult result = host.run(new LeastPrivilegeCheck());

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).isEqualTo("user selfcare has the login shell /bin/bash");
    }

    @Test
    void portalUserInSudoFails() {
        TestHost host = TestHost.portal(root);
        host.file("etc/group", "sudo:x:27:selfcare\nselfcare:x:998:\n");

        CaseResult result = host.run(new LeastPrivilegeCheck());

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).isEqualTo("user selfcare is in the administrators' groups sudo");
    }

    @Test
    void superuserRoleFails() {
        TestHost host = TestHost.portal(root);
        ((FakeDatabase) host.database).roles.put("selfcare_app", FakeDatabase.role("selfcare_app", true, List.of(),
                Map.of()));

        CaseResult result = host.run(new LeastPrivilegeCheck());

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).isEqualTo("database role selfcare_app is a superuser");
    }

    @Test
    void excessTablePrivilegeFails() {
        TestHost host = TestHost.portal(root);
        ((FakeDatabase) host.database).roles.put("selfcare_auditor", FakeDatabase.role("selfcare_auditor", false,
                List.of(), Map.of("app.orders", Set.of("SELECT", "DELETE"))));

        CaseResult result = host.run(new LeastPrivilegeCheck());

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).isEqualTo("database role selfcare_auditor has DELETE on app.orders; the "
                + "document allows only SELECT");
    }

    @Test
    void otherHostsSkipTheProcess() {
        TestHost host = TestHost.portal(root);

        CaseResult result = host.run(new LeastPrivilegeCheck(), "database");

        assertThat(result.findings()).anyMatch((line) -> line.startsWith("NOTE: the portal does not run on database"));
    }

    @Test
    void databaseRolesBelongToDatabaseHost() {
        TestHost host = TestHost.portal(root);
        host.database = null;

        CaseResult result = host.run(new LeastPrivilegeCheck());

        assertThat(result.verdict()).as(result.findings().toString()).isEqualTo(Verdict.PASS);
        assertThat(result.findings()).contains("NOTE: the database does not run on portal (no service named "
                + "'postgresql'), so its roles are checked on its own host");
    }

    @Test
    void databaseHostWithoutRoleOptionsIsInconclusive() {
        TestHost host = TestHost.portal(root);
        host.database = null;

        CaseResult result = host.run(new LeastPrivilegeCheck(), "database");

        assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(result.findings()).anyMatch((finding) -> finding.contains("--database-url"));
    }
}
