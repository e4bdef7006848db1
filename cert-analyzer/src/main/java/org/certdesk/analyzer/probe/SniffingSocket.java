package org.certdesk.analyzer.probe;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A plain socket that remembers the first bytes the peer sent. When a handshake fails, they tell a web
 * server speaking plain HTTP, an SSH or mail banner, or random bytes apart from a real TLS server that
 * refused us, which the JDK's one "unrecognized SSL message" cannot. The TLS socket is layered on top.
 */
final class SniffingSocket extends Socket {
    private static final int KEPT = 48;

    private final byte[] first = new byte[KEPT];
    private volatile int kept;
    private InputStream in;

    @Override
    public synchronized InputStream getInputStream() throws IOException {
        if (in == null) {
            // The buffer above the recorder pulls whole segments, so the recorder sees more than the
            // 5-byte record header the TLS layer asks for before it gives up.
            in = new BufferedInputStream(new Recorder(super.getInputStream()));
        }
        return in;
    }

    /** The first bytes received (at most 48); empty if the peer sent nothing. */
    byte[] received() {
        return Arrays.copyOf(first, kept);
    }

    /** Whether the first bytes look like a TLS record (handshake or alert, version 3.x). */
    boolean receivedTls() {
        return kept >= 2 && (first[0] == 0x16 || first[0] == 0x15) && first[1] == 0x03;
    }

    /** The first bytes as quoted text if they are printable, else as hex. */
    String describeReceived() {
        byte[] bytes = received();
        int end = 0;
        while (end < bytes.length && bytes[end] != '\r' && bytes[end] != '\n') {
            end++;
        }
        boolean printable = end > 0;
        for (int i = 0; i < end; i++) {
            printable &= bytes[i] >= 0x20 && bytes[i] < 0x7f;
        }
        if (printable) {
            return "\"" + new String(bytes, 0, end, StandardCharsets.US_ASCII).replace("\"", "'") + "\"";
        }
        return "bytes " + HexFormat.ofDelimiter(" ").formatHex(bytes, 0, Math.min(bytes.length, 8));
    }

    private final class Recorder extends FilterInputStream {
        Recorder(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                keep(new byte[] {(byte) b}, 0, 1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                keep(buffer, offset, n);
            }
            return n;
        }

        private void keep(byte[] buffer, int offset, int n) {
            int room = KEPT - kept;
            if (room > 0) {
                System.arraycopy(buffer, offset, first, kept, Math.min(room, n));
                kept += Math.min(room, n);
            }
        }
    }
}
