package org.certdesk.bot.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal blocking HTTP/1.1 client on one keep-alive loopback connection, for the load generator:
 * one write per request, TCP_NODELAY, reads status, headers and a Content-Length or chunked body.
 * Reconnects when the server closes (Tomcat does after {@code max-keep-alive-requests}, 100 by
 * default). Far cheaper per request than {@code java.net.http.HttpClient}, so the generator takes
 * little of the CPU it shares with the bot. Not thread-safe: one per generator thread.
 */
final class Http11Connection implements Closeable {
    private final int port;
    private final byte[] hostHeader;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private int connects;

    Http11Connection(int port) {
        this.port = port;
        this.hostHeader = ("Host: 127.0.0.1:" + port + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Connections opened so far (1 + reconnects). */
    int connects() {
        return connects;
    }

    /**
     * Posts {@code body} as JSON and reads the whole response.
     *
     * @param bearer the token for an Authorization header, or null for none
     * @return the status code
     */
    int post(String path, String bearer, byte[] body) throws IOException {
        if (socket == null) {
            connect();
        }
        ByteArrayOutputStream request = new ByteArrayOutputStream(1024 + body.length);
        request.writeBytes(("POST " + path + " HTTP/1.1\r\n").getBytes(StandardCharsets.ISO_8859_1));
        request.writeBytes(hostHeader);
        if (bearer != null) {
            request.writeBytes(("Authorization: Bearer " + bearer + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        request.writeBytes(("Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        request.writeBytes(body);
        try {
            out.write(request.toByteArray());
            out.flush();
            return readResponse();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private int readResponse() throws IOException {
        String statusLine = line();
        if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
            throw new IOException("bad status line: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean closeAfter = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim();
            String value = header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
                chunked = true;
            } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
                closeAfter = true;
            }
        }
        if (chunked) {
            for (long size = Long.parseLong(chunkSize(line()), 16); size > 0; size = Long.parseLong(chunkSize(line()), 16)) {
                skip(size);
                line();
            }
            for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
                // trailers ignored
            }
        } else if (length > 0) {
            skip(length);
        } else if (length < 0 && status != 204 && status != 304) {
            closeAfter = true; // body until EOF: not expected from Tomcat; read and drop
            in.readAllBytes();
        }
        if (closeAfter) {
            close();
        }
        return status;
    }

    private static String chunkSize(String line) {
        int semicolon = line.indexOf(';');
        return (semicolon < 0 ? line : line.substring(0, semicolon)).trim();
    }

    private void skip(long count) throws IOException {
        for (long left = count; left > 0; left--) {
            if (in.read() < 0) {
                throw new EOFException("body cut short");
            }
        }
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed by the server");
            }
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            line.append((char) b);
        }
    }

    private void connect() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
        s.setSoTimeout(30_000);
        socket = s;
        in = new BufferedInputStream(s.getInputStream(), 8192);
        out = s.getOutputStream();
        connects++;
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
            socket = null;
        }
    }
}
