package org.selfcare.conformance.cases.transport;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import org.bouncycastle.tls.AlertDescription;

/**
 * The first bytes a TLS server sends, kept so that its ServerHello or alert can be read even when the probe
 * cannot complete the handshake. That happens when the server chooses a suite the probe offers but does not
 * implement. The server's choice is the finding, whatever the probe can do next.
 */
final class ServerFlight extends FilterInputStream {

    /** Enough for the first record, which carries the ServerHello or an alert. */
    private static final int KEPT_BYTES = 16 * 1024 + 5;

    private static final int RECORD_ALERT = 21;

    private static final int RECORD_HANDSHAKE = 22;

    private static final int HANDSHAKE_SERVER_HELLO = 2;

    private static final int EXTENSION_SUPPORTED_VERSIONS = 0x002B;

    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

    /**
     * The version and suite chosen by a ServerHello, or by a HelloRetryRequest, which makes the same choice for
     * TLS 1.3.
     *
     * @param version the negotiated version, from the supported_versions extension when present
     * @param suite the chosen cipher suite's code
     */
    record ServerHello(int version, int suite) {
    }

    ServerFlight(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int value = super.read();
        if (value >= 0 && kept.size() < KEPT_BYTES) {
            kept.write(value);
        }
        return value;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int count = super.read(buffer, offset, length);
        if (count > 0 && kept.size() < KEPT_BYTES) {
            kept.write(buffer, offset, Math.min(count, KEPT_BYTES - kept.size()));
        }
        return count;
    }

    boolean receivedAnything() {
        return kept.size() > 0;
    }

    /**
     * Returns what the server's first handshake message chose, if the first record was a ServerHello.
     */
    Optional<ServerHello> serverHello() {
        byte[] bytes = kept.toByteArray();
        if (bytes.length < 5 || bytes[0] != RECORD_HANDSHAKE) {
            return Optional.empty();
        }
        int recordLength = uint16(bytes, 3);
        int end = Math.min(bytes.length, 5 + recordLength);
        int position = 5;
        if (end - position < 4 || bytes[position] != HANDSHAKE_SERVER_HELLO) {
            return Optional.empty();
        }

        // Handshake header (4 bytes), then legacy_version, random (32 bytes) and session_id.
        position += 4;
        if (end - position < 2 + 32 + 1) {
            return Optional.empty();
        }
        int version = uint16(bytes, position);
        position += 2 + 32;
        int sessionIdLength = bytes[position] & 0xFF;
        position += 1 + sessionIdLength;
        if (end - position < 3) {
            return Optional.empty();
        }
        int suite = uint16(bytes, position);
        position += 2 + 1;

        // TLS 1.3 names its version in the supported_versions extension; legacy_version stays 1.2.
        if (end - position >= 2) {
            int extensionsEnd = Math.min(end, position + 2 + uint16(bytes, position));
            position += 2;
            while (extensionsEnd - position >= 4) {
                int type = uint16(bytes, position);
                int length = uint16(bytes, position + 2);
                position += 4;
                if (type == EXTENSION_SUPPORTED_VERSIONS && length == 2 && extensionsEnd - position >= 2) {
                    version = uint16(bytes, position);
                }
                position += length;
            }
        }
        return Optional.of(new ServerHello(version, suite));
    }

    /**
     * Returns the alert the server sent instead of a ServerHello, such as {@code handshake_failure(40)}.
     */
    Optional<String> alert() {
        byte[] bytes = kept.toByteArray();
        if (bytes.length < 7 || bytes[0] != RECORD_ALERT) {
            return Optional.empty();
        }
        return Optional.of(AlertDescription.getText((short) (bytes[6] & 0xFF)));
    }

    /**
     * Returns the JSSE-style name of a protocol version code, such as {@code TLSv1.2} for 0x0303.
     */
    static String versionName(int version) {
        return switch (version) {
            case 0x0300 -> "SSLv3";
            case 0x0301 -> "TLSv1.0";
            case 0x0302 -> "TLSv1.1";
            case 0x0303 -> "TLSv1.2";
            case 0x0304 -> "TLSv1.3";
            default -> String.format("0x%04X", version);
        };
    }

    private static int uint16(byte[] bytes, int position) {
        return ((bytes[position] & 0xFF) << 8) | (bytes[position + 1] & 0xFF);
    }
}
