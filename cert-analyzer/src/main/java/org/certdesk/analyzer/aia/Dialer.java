package org.certdesk.analyzer.aia;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Opens the TCP connection to an address the policy has already allowed. A seam for tests, which route
 * a public-looking address to a loopback server to check that the policy still refuses redirect hops.
 */
@FunctionalInterface
interface Dialer {
    Dialer DIRECT = (address, timeoutMillis) -> {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true); // small request, small answer: no reason to wait for Nagle's algorithm
        try {
            socket.connect(address, timeoutMillis);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    };

    /** A connected socket; the caller closes it. */
    Socket connect(InetSocketAddress address, int timeoutMillis) throws IOException;
}
