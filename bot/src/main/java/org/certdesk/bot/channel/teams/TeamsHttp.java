package org.certdesk.bot.channel.teams;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.certdesk.bot.shared.DurableWrites;
import org.certdesk.bot.system.JdkHttpDefaults;
import org.springframework.stereotype.Component;

/**
 * The one HTTP client this channel uses for Microsoft's endpoints (OpenID metadata and keys, the token
 * service, the Bot Connector), with the configured timeouts. Redirects are not followed: a bearer
 * token must never travel to a host it was not meant for.
 *
 * <p>An exchange runs on the calling thread ({@link HttpURLConnection}: blocking, connections kept
 * alive and reused per host, the JVM's proxy settings). The JDK's {@code java.net.http.HttpClient}
 * hands every exchange to its selector thread and its executor and back to the caller; posting a
 * reply to the bench's stub connector cost 190 to 200 µs of CPU from one sender and 91 to 99 µs each
 * from 16 at once with it, against 45 and 59 µs here ({@code bot/tools/ReplyClientBench.java},
 * docs/performance.md), and it needed threads of its own.
 *
 * <p>A request body is written in one piece with its headers (buffered). Streamed, the JDK first
 * checks a kept connection with a read of a millisecond before each POST, which cost about 1.2 ms a
 * request from one sender. When reading the answer fails (other than by a timeout), the JDK sends a
 * buffered POST once more on a new connection (unless {@code sun.net.http.retryPost=false}); a
 * connection the connector closed while idle therefore costs the reply nothing, and a reply the
 * connector may have taken before the failure can arrive twice, as it can when the outbox retries an
 * I/O error (replies are delivered at least once, see {@link ConnectorClient}).
 *
 * <p>The timeouts bound each wait for the far end's bytes, not the whole exchange: in practice the wait
 * for its answer. A connection kept idle is closed by the JDK after 5 s unless the far end asks for
 * longer ({@code Keep-Alive: timeout=…}).
 */
@Component
class TeamsHttp {
    /** More than any answer of these endpoints (a key set is a few KB); a longer one is an error. */
    private static final int MAX_ANSWER = 4 * 1024 * 1024;

    /** What the endpoint answered: its status, its body as UTF-8 text, and its {@code Retry-After}, if any. */
    record Answer(int status, String body, String retryAfter) {
    }

    /**
     * The request went out and no answer came within the timeout: the far end may still act on it.
     * (A connection that could not be made in time is a plain {@link IOException}: nothing was sent.)
     */
    static final class NoAnswer extends IOException {
        NoAnswer(Duration timeout) {
            super("no answer within " + timeout);
        }
    }

    /** The turn of a reply was not on disk within {@link DurableWrites#LIMIT}: nothing was sent. */
    static final class NotWritten extends IOException {
        NotWritten() {
            super("its turn was not on disk within " + DurableWrites.LIMIT + ": not sent");
        }
    }

    private final int connectTimeout;
    private final Duration requestTimeout;
    private final Duration replyTimeout;

    TeamsHttp(TeamsProperties properties) {
        JdkHttpDefaults.apply();
        this.connectTimeout = millis(properties.connectTimeout());
        this.requestTimeout = properties.requestTimeout();
        this.replyTimeout = properties.replyTimeout();
    }

    Duration replyTimeout() {
        return replyTimeout;
    }

    /** GETs a JSON document within the request timeout; a status other than 200 is an {@link IOException} naming it. */
    String getJson(URI uri) throws IOException {
        Answer answer = exchange(uri, null, null, null, requestTimeout, DurableWrites.Signal.OPEN);
        if (answer.status() != 200) {
            throw new IOException("GET " + uri + " answered HTTP " + answer.status());
        }
        return answer.body();
    }

    /** POSTs a form within the request timeout (the token service). */
    Answer postForm(URI uri, String form) throws IOException {
        return exchange(uri, "application/x-www-form-urlencoded", form, null, requestTimeout, DurableWrites.Signal.OPEN);
    }

    /**
     * POSTs a reply within the reply timeout, with {@code bearer} as its token unless null, once
     * {@code written} opens: the connection is taken and the request made ready before.
     *
     * @throws NotWritten when {@code written} did not open in time (nothing was sent)
     */
    Answer postReply(URI uri, String json, String bearer, DurableWrites.Signal written) throws IOException {
        return exchange(uri, "application/json; charset=utf-8", json, bearer, replyTimeout, written);
    }

    /** A GET when {@code body} is null, else a POST of it; nothing leaves before {@code sendable} opens. */
    private Answer exchange(URI uri, String contentType, String body, String bearer, Duration timeout,
            DurableWrites.Signal sendable) throws IOException {
        String scheme = uri.getScheme();
        if ((!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme)) || uri.getHost() == null) {
            // e.g. a key set's address taken from the metadata document: file: or jar: would read local files
            throw new IOException("not an http(s) URL: " + uri);
        }
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        connection.setConnectTimeout(connectTimeout);
        connection.setReadTimeout(millis(timeout));
        connection.setRequestProperty("User-Agent", "certdesk-bot");
        connection.setRequestProperty("Accept", "application/json");
        if (bearer != null) {
            connection.setRequestProperty("Authorization", "Bearer " + bearer);
        }
        if (body != null) {
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", contentType);
        }
        connection.connect(); // a timeout here sent nothing: a plain IOException
        int status;
        try {
            if (body != null) {
                try (OutputStream out = connection.getOutputStream()) { // a buffer: sent with the headers, below
                    out.write(body.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!sendable.await(DurableWrites.LIMIT)) {
                connection.disconnect();
                throw new NotWritten();
            }
            status = connection.getResponseCode(); // sends the request, then reads the answer's head
        } catch (SocketTimeoutException e) {
            connection.disconnect();
            throw new NoAnswer(timeout);
        }
        String retryAfter = connection.getHeaderField("Retry-After");
        try {
            return new Answer(status, read(status >= 400 ? connection.getErrorStream() : connection.getInputStream(),
                    connection.getContentLengthLong()), retryAfter);
        } catch (SocketTimeoutException e) {
            // The status says what happened (a reply answered 201 was posted): the body is only detail.
            connection.disconnect();
            return new Answer(status, "", retryAfter);
        }
    }

    /**
     * Reads the whole answer, which puts the connection back for the next exchange. An answer that
     * declares its length is read into an array of that size (a reply's is a few dozen bytes) rather
     * than through a buffer of 8 KB.
     */
    private static String read(InputStream stream, long declared) throws IOException {
        if (stream == null) {
            return "";
        }
        try (InputStream in = stream) {
            if (declared > MAX_ANSWER) {
                throw new IOException("answer longer than " + MAX_ANSWER + " bytes");
            }
            if (declared >= 0) {
                return new String(in.readNBytes((int) declared), StandardCharsets.UTF_8);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) != -1; ) {
                if (bytes.size() + n > MAX_ANSWER) {
                    throw new IOException("answer longer than " + MAX_ANSWER + " bytes");
                }
                bytes.write(buffer, 0, n);
            }
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, duration.toMillis()));
    }
}
