package org.selfcare.conformance.host;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfcare.conformance.host.facts.Reachability.Outcome;
import org.selfcare.conformance.host.facts.TcpReachability;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.Verdict;

import static org.assertj.core.api.Assertions.assertThat;

class DomainIsolationCheckTests {

    @TempDir
    Path root;

    @Test
    void declaredFlowsOnlyPass() {
        CaseResult result = TestHost.portal(root).run(new DomainIsolationCheck());

        assertThat(result.verdict()).as(result.findings().toString()).isEqualTo(Verdict.PASS);
        assertThat(result.findings()).contains("PASS: application → database database 10.70.3.10:5432 connects, as "
                + "portal-to-database declares", "PASS: application → dmz front 10.70.1.10:443 is blocked (TIMED_OUT)");
    }

    @Test
    void dmzReachingDatabaseFails() {
        TestHost host = TestHost.portal(root);
        host.reachable.put(new InetSocketAddress("10.70.2.10", 8443), Outcome.CONNECTED);
        host.reachable.put(new InetSocketAddress("10.70.3.10", 5432), Outcome.CONNECTED);

        CaseResult result = host.run(new DomainIsolationCheck(), "front");

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).isEqualTo("dmz → database database 10.70.3.10:5432 connects, but no firewall rule "
                + "lets dmz reach database on tcp 5432; it should be blocked");
    }

    @Test
    void blockedDeclaredFlowFails() {
        TestHost host = TestHost.portal(root);
        host.reachable.put(new InetSocketAddress("10.70.3.10", 5432), Outcome.TIMED_OUT);

        CaseResult result = host.run(new DomainIsolationCheck());

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).isEqualTo("application → database database 10.70.3.10:5432 is declared by "
                + "portal-to-database but did not connect (TIMED_OUT)");
    }

    /**
     * Moves every network of the document to loopback, so the real connections stay on this machine.
     */
    @Test
    void realSocketInForbiddenDomainFails() throws Exception {
        TestHost host = TestHost.portal(root);
        try (ServerSocket database = new ServerSocket(0, 1, InetAddress.getByName("127.0.3.10"))) {
            int port = database.getLocalPort();
            host.edit("10.70.", "127.0.").edit("port: 5432", "port: " + port).edit("ports: [5432]", "ports: [" + port
                    + "]");
            TcpReachability tcp = new TcpReachability(Duration.ofMillis(500));
            host.reachability = (destination) -> {
                assertThat(destination.getAddress().isLoopbackAddress()).as(destination.toString()).isTrue();
                return tcp.connect(destination);
            };

            CaseResult result = host.run(new DomainIsolationCheck(), "front");

            assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(result.findings()).contains("FAIL: dmz → database database 127.0.3.10:" + port + " connects, "
                    + "but no firewall rule lets dmz reach database on tcp " + port + "; it should be blocked");
        }
    }

    @Test
    void overlappingDomainsFail() {
        TestHost host = TestHost.portal(root).edit("networks: [10.70.4.0/24]", "networks: [10.70.0.0/16]");

        CaseResult result = host.run(new DomainIsolationCheck());

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).startsWith("domains dmz and management overlap (10.70.1.0/24 and 10.70.0.0/16)");
    }

    @Test
    void otherMachineTriesNoFlow() throws Exception {
        TestHost host = TestHost.portal(root);
        host.localAddresses = Set.of(InetAddress.getByName("192.0.2.77"));
        host.reachability = (destination) -> {
            throw new AssertionError("no connection may leave a machine that is not the declared host: "
                    + destination);
        };

        CaseResult result = host.run(new DomainIsolationCheck());

        assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(result.reason()).contains("no network interface with portal's address 10.70.2.10");
    }
}
