package org.selfcare.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * Finds free ports on 127.0.0.1 for servers that the portal starts beside itself and must name before they bind:
 * the embedded PostgreSQL and the demo sandbox. Such a port is chosen at random below the kernel's range of
 * ephemeral ports. A port from that range, as binding port 0 gives, may become the local end of a connection the
 * portal opens before the server binds it, and the server then fails with "Address already in use".
 */
public final class LoopbackPorts {

    /** The lowest port chosen, above the ports that services usually register. */
    static final int LOWEST_PORT = 20_000;

    /** The start of Linux's default ephemeral port range. */
    static final int DEFAULT_EPHEMERAL_START = 32_768;

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    private static final SecureRandom random = new SecureRandom();

    private LoopbackPorts() {
    }

    /**
     * Returns a port on 127.0.0.1 that nothing listens on now, below the ephemeral range where one is free, else
     * one that binding port 0 gives.
     *
     * @throws UncheckedIOException when not even port 0 can be bound
     */
    public static int free() {
        int below = ephemeralStart();
        for (int attempt = 0; attempt < 100 && below > LOWEST_PORT; attempt++) {
            int port = LOWEST_PORT + random.nextInt(below - LOWEST_PORT);
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            }
            catch (IOException ex) {
                // Taken; tries another.
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot find a free port on 127.0.0.1", ex);
        }
    }

    /** Returns the first ephemeral port of Linux, or of its default range where the kernel file cannot be read. */
    public static int ephemeralStart() {
        try {
            // Read by lines: the file reports a size of 0, and Files.readString read only its first byte on JDK 17.
            String range = Files.readAllLines(EPHEMERAL_RANGE).get(0).trim();
            return Integer.parseInt(range.split("\\s+")[0]);
        }
        catch (IOException | RuntimeException ex) {
            return DEFAULT_EPHEMERAL_START;
        }
    }
}
