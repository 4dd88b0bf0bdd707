package org.selfcare.conformance.host.facts;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ListeningSocketsTests {

    @Test
    void ssOutputParses() {
        List<ListeningSocket> sockets = SsListeningSockets.parse("""
                tcp LISTEN 0 128 0.0.0.0:22 0.0.0.0:* users:(("sshd",pid=812,fd=3))
                tcp LISTEN 0 128 [::]:22 [::]:* users:(("sshd",pid=812,fd=4))
                udp UNCONN 0 0 127.0.0.53%lo:53 0.0.0.0:* users:(("systemd-resolve",pid=9,fd=13))
                tcp LISTEN 0 50 *:8443 *:*
                """);

        assertThat(sockets).extracting(ListeningSocket::describe).containsExactly("tcp 0.0.0.0:22 sshd",
                "tcp [0:0:0:0:0:0:0:0]:22 sshd", "udp 127.0.0.53:53 systemd-resolve", "tcp 0.0.0.0:8443 ?");
        assertThat(sockets.get(1).wildcard()).isTrue();
        assertThat(sockets.get(0).processes()).containsExactly(new ListeningSocket.OwningProcess("sshd", 812));
    }

    @Test
    void ssAndProcFindTheSameSocket() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ListeningSocket fromSs = find(new SsListeningSockets().list(), server.getLocalPort());
            ListeningSocket fromProc = find(new ProcListeningSockets(HostFiles.live()).list(), server.getLocalPort());

            assertThat(fromSs.describe()).isEqualTo("tcp 127.0.0.1:" + server.getLocalPort() + " java");
            assertThat(fromProc.describe()).isEqualTo(fromSs.describe());
            assertThat(fromProc.processes().get(0).pid()).isEqualTo(ProcessHandle.current().pid());
        }
    }

    @Test
    void procAddressesDecode() {
        assertThat(ProcListeningSockets.address("0100007F").getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(ProcListeningSockets.address("00000000000000000000000001000000").getHostAddress())
                .isEqualTo("0:0:0:0:0:0:0:1");
    }

    private static ListeningSocket find(List<ListeningSocket> sockets, int port) {
        return sockets.stream().filter((socket) -> socket.port() == port && socket.loopback()).findFirst()
                .orElseThrow(() -> new AssertionError("the listing lacks port " + port + ": " + sockets));
    }
}
