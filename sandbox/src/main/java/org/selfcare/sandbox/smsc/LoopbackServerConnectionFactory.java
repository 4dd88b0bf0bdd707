package org.selfcare.sandbox.smsc;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.jsmpp.session.connection.ServerConnection;
import org.jsmpp.session.connection.ServerConnectionFactory;
import org.jsmpp.session.connection.socket.ServerSocketConnection;

/**
 * Opens jSMPP's listening socket on 127.0.0.1 only (jSMPP's own factory binds every interface) and remembers the
 * port it got, since the listener reports the requested port, which may be 0.
 */
final class LoopbackServerConnectionFactory implements ServerConnectionFactory {

    private static final int DEFAULT_BACKLOG = 50;

    private volatile int boundPort = -1;

    @Override
    public ServerConnection listen(int port) throws IOException {
        return listen(port, 0, DEFAULT_BACKLOG);
    }

    @Override
    public ServerConnection listen(int port, int timeout) throws IOException {
        return listen(port, timeout, DEFAULT_BACKLOG);
    }

    @Override
    public ServerConnection listen(int port, int timeout, int backlog) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            // Lets a restarted SMSC take its port back while connections of the last run are in TIME_WAIT.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), backlog);
            socket.setSoTimeout(timeout);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        boundPort = socket.getLocalPort();
        return new ServerSocketConnection(socket);
    }

    int boundPort() {
        return boundPort;
    }
}
