package org.selfcare.platform;

import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoopbackPortsTests {

    @Test
    void freePortLiesBelowEphemeralRange() throws Exception {
        int ephemeralStart = LoopbackPorts.ephemeralStart();

        for (int i = 0; i < 20; i++) {
            int port = LoopbackPorts.free();

            assertThat(port).isBetween(LoopbackPorts.LOWEST_PORT, ephemeralStart - 1);
            try (ServerSocket server = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertThat(server.getLocalPort()).as("still free").isEqualTo(port);
            }
        }
    }

    @Test
    void ephemeralRangeIsReadFromKernel() {
        assertThat(LoopbackPorts.ephemeralStart()).as("Linux's range starts far above 1024, and not at 3")
                .isGreaterThan(1024);
    }
}
