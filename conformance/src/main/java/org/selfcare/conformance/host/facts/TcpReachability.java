package org.selfcare.conformance.host.facts;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * Opens a real TCP connection and closes it at once, sending no data.
 */
public final class TcpReachability implements Reachability {

    private final Duration timeout;

    public TcpReachability(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public Outcome connect(InetSocketAddress destination) {
        try (Socket socket = new Socket()) {
            socket.connect(destination, (int) timeout.toMillis());
            return Outcome.CONNECTED;
        }
        catch (SocketTimeoutException ex) {
            return Outcome.TIMED_OUT;
        }
        catch (ConnectException ex) {
            String message = String.valueOf(ex.getMessage());
            return message.contains("refused") ? Outcome.REFUSED
                    : message.contains("timed out") ? Outcome.TIMED_OUT : Outcome.UNREACHABLE;
        }
        catch (IOException ex) {
            return Outcome.UNREACHABLE;
        }
    }
}
