package org.certdesk.analyzer.aia;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 GET over a connected socket: just enough of the protocol for caIssuers URLs, which serve a
 * few kilobytes of static content. The body is read only for a 200 answer, and never past the size cap,
 * whether the server declares a length, sends chunks or closes the connection at the end.
 */
final class HttpExchange {
    static final String USER_AGENT = "certdesk-cert-analyzer/0.1";
    private static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final int MAX_CHUNK_LINE = 1024;

    /** The status, the Location header (or null) and, for 200 only, the body. */
    record Response(int status, String location, byte[] body) {}

    private final InputStream in;
    private final String url;
    private final int maxBytes;
    private int headerBytes;

    private HttpExchange(InputStream in, String url, int maxBytes) {
        this.in = in;
        this.url = url;
        this.maxBytes = maxBytes;
    }

    /**
     * Sends the request for {@code uri} and reads the answer.
     *
     * @param url the URL as shown in messages
     * @throws FetchException for an answer that breaks the rules (not HTTP, too large, truncated)
     * @throws IOException for socket errors, including the socket closed by a deadline
     */
    static Response get(Socket socket, URI uri, String url, int maxBytes) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(request(uri).getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return new HttpExchange(new BufferedInputStream(socket.getInputStream()), url, maxBytes).read();
    }

    static String request(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        int defaultPort = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        String host = uri.getPort() == -1 || uri.getPort() == defaultPort ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        return "GET " + path + query + " HTTP/1.1\r\n"
                + "Host: " + host + "\r\n"
                + "Accept: application/pkix-cert, application/pkcs7-mime, */*\r\n"
                + "User-Agent: " + USER_AGENT + "\r\n"
                + "Connection: close\r\n"
                + "\r\n";
    }

    private Response read() throws IOException {
        int status;
        Map<String, String> headers;
        do { // 1xx answers (103 Early Hints, a stray 100) come before the real one
            status = statusOf(readLine());
            headers = readHeaders();
        } while (status < 200);
        if (status != 200) {
            return new Response(status, headers.get("location"), null);
        }
        return new Response(status, headers.get("location"), readBody(headers));
    }

    private int statusOf(String line) throws FetchException {
        if (line == null) {
            throw new FetchException(url + " closed the connection without an answer");
        }
        // "HTTP/1.1 200 OK": the reason phrase is optional and ignored.
        if (line.startsWith("HTTP/1.") && line.length() >= 12 && line.charAt(8) == ' ') {
            try {
                return Integer.parseInt(line.substring(9, 12));
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
        }
        throw new FetchException("not an HTTP answer from " + url);
    }

    private Map<String, String> readHeaders() throws IOException {
        Map<String, String> headers = new HashMap<>();
        for (String line = readLine(); line != null && !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                // Repeated headers are joined with commas, as HTTP defines; Content-Length checks the result.
                headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(),
                        (a, b) -> a + ", " + b);
            }
        }
        return headers;
    }

    private byte[] readBody(Map<String, String> headers) throws IOException {
        String transferEncoding = headers.get("transfer-encoding");
        if (transferEncoding != null) {
            if (!transferEncoding.toLowerCase(Locale.ROOT).endsWith("chunked")) {
                throw new FetchException("unsupported Transfer-Encoding '" + transferEncoding + "' from " + url);
            }
            return readChunked();
        }
        String contentLength = headers.get("content-length");
        if (contentLength != null) {
            long length = contentLength(contentLength);
            if (length > maxBytes) {
                throw oversized();
            }
            byte[] body = in.readNBytes((int) length);
            if (body.length < length) {
                throw new FetchException("answer from " + url + " ended early: " + body.length + " of " + length + " bytes");
            }
            return body;
        }
        byte[] body = in.readNBytes(maxBytes + 1); // no length: the body ends when the server closes
        if (body.length > maxBytes) {
            throw oversized();
        }
        return body;
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String line = readLine(MAX_CHUNK_LINE, "bad chunked body from " + url);
            if (line == null) {
                throw new FetchException("answer from " + url + " ended inside a chunked body");
            }
            int extension = line.indexOf(';');
            String hex = (extension >= 0 ? line.substring(0, extension) : line).trim();
            long size;
            try {
                size = hex.length() > 8 ? Long.MAX_VALUE : Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw new FetchException("bad chunk size '" + hex + "' from " + url);
            }
            if (size == 0) {
                while (line != null && !line.isEmpty()) { // trailers, unused
                    line = readLine();
                }
                return body.toByteArray();
            }
            if (body.size() + size > maxBytes) {
                throw oversized();
            }
            byte[] chunk = in.readNBytes((int) size);
            if (chunk.length < size) {
                throw new FetchException("answer from " + url + " ended inside a chunk");
            }
            body.write(chunk);
            if (!"".equals(readLine(MAX_CHUNK_LINE, "bad chunked body from " + url))) { // the CRLF ending the chunk
                throw new FetchException("bad chunked body from " + url);
            }
        }
    }

    private long contentLength(String value) throws FetchException {
        long length = -1;
        for (String part : value.split(",")) {
            try {
                long parsed = Long.parseLong(part.trim());
                if (parsed < 0 || (length >= 0 && parsed != length)) {
                    throw new NumberFormatException();
                }
                length = parsed;
            } catch (NumberFormatException e) {
                throw new FetchException("bad Content-Length '" + value + "' from " + url);
            }
        }
        return length;
    }

    /** A status, header or trailer line: these share one cap, so endless headers cannot pile up. */
    private String readLine() throws IOException {
        String line = readLine(MAX_HEADER_BYTES - headerBytes,
                "headers from " + url + " exceed " + MAX_HEADER_BYTES / 1024 + " KiB");
        headerBytes += line == null ? 0 : line.length() + 2;
        return line;
    }

    /** A line without its CR LF, or null at the end of the stream. */
    private String readLine(int limit, String tooLong) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (line.size() >= limit) {
                throw new FetchException(tooLong);
            }
            line.write(b);
        }
        if (b == -1 && line.size() == 0) {
            return null;
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private FetchException oversized() {
        return new FetchException("response from " + url + " exceeds " + AiaFetcher.size(maxBytes));
    }
}
