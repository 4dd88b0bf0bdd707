package org.selfcare.conformance.host;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfcare.conformance.host.facts.ListeningSocket;
import org.selfcare.conformance.host.facts.RunningProcess;
import org.selfcare.conformance.host.facts.SsListeningSockets;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.Verdict;

import static org.assertj.core.api.Assertions.assertThat;

class ServicesCheckTests {

    @TempDir
    Path root;

    @Test
    void declaredHostPasses() {
        CaseResult result = TestHost.portal(root).run(new ServicesCheck());

        assertThat(result.verdict()).as(result.findings().toString()).isEqualTo(Verdict.PASS);
    }

    @Test
    void extraListeningPortFails() throws Exception {
        TestHost host = TestHost.portal(root);
        try (ServerSocket extra = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            host.sockets.add(liveSocket(new SsListeningSockets().list(), extra.getLocalPort()));

            CaseResult result = host.run(new ServicesCheck());

            assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(result.reason()).isEqualTo("undeclared listening socket tcp 127.0.0.1:" + extra.getLocalPort()
                    + " java");
        }
    }

    @Test
    void portalOnEveryAddressFails() {
        TestHost host = TestHost.portal(root);
        host.sockets.set(0, TestHost.socket("tcp", "0.0.0.0", 8443, "java", TestHost.PORTAL_PID));

        CaseResult result = host.run(new ServicesCheck());

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).contains("tcp 0.0.0.0:8443 java").contains("declares portal as java on 10.70.2.10");
    }

    @Test
    void sshdOnEveryAddressFails() {
        TestHost host = TestHost.portal(root);
        host.sockets.set(2, TestHost.socket("tcp", "0.0.0.0", 22, "sshd", 812));

        CaseResult result = host.run(new ServicesCheck());

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).startsWith("tcp 0.0.0.0:22 sshd listens on every address")
                .contains("declared only from management");
    }

    @Test
    void sshdWhereUndeclaredFails() {
        TestHost host = TestHost.portal(root).edit(
                "    remote-administration: [{service: ssh, process: sshd, port: 22, from: management}]\n  - name: database",
                "  - name: database");

        CaseResult result = host.run(new ServicesCheck());

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).isEqualTo("undeclared listening socket tcp 10.70.2.10:22 sshd");
    }

    @Test
    void undeclaredUnitFails() {
        TestHost host = TestHost.portal(root);
        host.units.add("telnet.service");

        CaseResult result = host.run(new ServicesCheck());

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).isEqualTo("undeclared units running: telnet.service");
    }

    @Test
    void withoutSystemdDeclaredProcessesPass() {
        TestHost host = TestHost.portal(root).withoutSystemd();

        CaseResult result = host.run(new ServicesCheck());

        assertThat(result.verdict()).as(result.findings().toString()).isEqualTo(Verdict.PASS);
        assertThat(result.findings()).contains("PASS: every process in this network namespace is declared for "
                + "portal (2 running: java, clamd)");
    }

    @Test
    void withoutSystemdUndeclaredProcessFails() {
        TestHost host = TestHost.portal(root).withoutSystemd();
        host.processes.add(new RunningProcess(4300, "in.telnetd"));

        CaseResult result = host.run(new ServicesCheck());

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reason()).isEqualTo("undeclared processes running: in.telnetd (pid 4300)");
    }

    @Test
    void withoutSystemdOrProcessesIsInconclusive() {
        TestHost host = TestHost.portal(root).withoutSystemd();
        host.processes = null;

        CaseResult result = host.run(new ServicesCheck());

        assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(result.reason()).startsWith("neither units nor processes compared: cannot read /proc/self/ns/net");
    }

    @Test
    void truncatedProcessNameMatchesDeclared() {
        assertThat(ServicesCheck.sameProcess("postgres-exporter", "postgres-export")).isTrue();
        assertThat(ServicesCheck.sameProcess("postgres", "postgres-export")).isFalse();
        assertThat(ServicesCheck.sameProcess("java", "javax")).isFalse();
    }

    private static ListeningSocket liveSocket(List<ListeningSocket> sockets, int port) {
        return sockets.stream().filter((socket) -> socket.port() == port && socket.loopback()).findFirst()
                .orElseThrow(() -> new AssertionError("the live listing lacks port " + port + ": " + sockets));
    }
}
