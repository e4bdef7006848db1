package org.certdesk.bot.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.certdesk.bot.testing.BotTest;
import org.certdesk.bot.testing.TestAccounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Requests whose query string or form body cannot be percent-decoded (a script, a scanner, a typo),
 * sent over a real connection to pages, APIs, sign-in, a download and a path that does not exist.
 * Each answers 400 (415 for a form sent to a JSON API, which takes no form at all), never a 500,
 * and nothing is logged at ERROR: a bad request is the client's mistake, not an incident.
 */
@BotTest
@ExtendWith(OutputCaptureExtension.class)
class UndecodableRequestsTests {
    private static final List<String> PATHS = List.of("/", "/login", "/agent/", "/admin/", "/admin/insights",
            "/api/messages", "/api/teams-webhook", "/v3/directline/tokens/generate", "/api/agent/cases",
            "/api/admin/scripts", "/actuator/health", "/certificates/" + "ab".repeat(32) + ".crt", "/no-such-page");
    private static final List<String> BAD_QUERIES = List.of("q=%ZZ", "%ZZ", "a=1&b=%", "text=%E0%A4%A");

    @LocalServerPort
    int port;

    @Test
    void anUndecodableQueryStringIs400OnEveryPathWithoutAnError(CapturedOutput output) throws Exception {
        List<String> wrong = new ArrayList<>();
        for (String path : PATHS) {
            for (String query : BAD_QUERIES) {
                for (String method : List.of("GET", "POST")) {
                    Answer response = send(method, path + "?" + query, null, null);
                    if (response.statusCode() != 400) {
                        wrong.add(method + " " + path + "?" + query + ": " + response.statusCode());
                    }
                }
            }
        }
        assertThat(wrong).as("answers other than 400").isEmpty();
        assertThat(errorLines(output)).isEmpty();
    }

    @Test
    void anUndecodableFormBodyIs400OnEveryPageAndNever500(CapturedOutput output) throws Exception {
        List<String> wrong = new ArrayList<>();
        for (String path : PATHS) {
            boolean api = path.startsWith("/api/") || path.startsWith("/v3/");
            for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
                for (String body : List.of("text=%ZZ", "a=1&b=%", "%ZZ=x")) {
                    Answer response = send(method, path, "application/x-www-form-urlencoded", body);
                    int expected = api ? 415 : 400;
                    if (response.statusCode() != expected) {
                        wrong.add(method + " " + path + " [" + body + "]: " + response.statusCode() + " instead of "
                                + expected);
                    }
                }
            }
        }
        assertThat(wrong).as("unexpected answers").isEmpty();
        assertThat(errorLines(output)).isEmpty();
    }

    @Test
    void theRefusalSaysWhatIsWrongAsAProblem() throws Exception {
        Answer response = send("PUT", "/agent/", "application/x-www-form-urlencoded", "text=%ZZ");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().get("content-type")).startsWith("application/problem+json");
        assertThat(response.body()).contains("\"status\":400").contains("percent-encoding").doesNotContain("%ZZ");
    }

    @Test
    void wellEncodedRequestsStillPass() throws Exception {
        assertThat(send("GET", "/actuator/health?q=%C3%A9t%C3%A9+ok&x=a%2Bb", null, null).statusCode()).isEqualTo(200);
        Answer signIn = send("POST", "/login", "application/x-www-form-urlencoded",
                "username=" + TestAccounts.AGENT[0] + "&password=wrong%20one");
        assertThat(signIn.statusCode()).as("refused for its CSRF token or its password, not its encoding")
                .isNotEqualTo(400).isLessThan(500);
    }

    /** What came back: the status, the headers (lower-case names) and the body as sent. */
    record Answer(int statusCode, Map<String, String> headers, String body) {}

    /**
     * Over a plain socket: Java's HTTP client refuses to send a URI with a bad escape, and a client
     * that does is exactly what this guards against.
     */
    private Answer send(String method, String pathAndQuery, String contentType, String body) throws IOException {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder(method + " " + pathAndQuery + " HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\nConnection: close\r\n")
                .append("Content-Length: ").append(content.length).append("\r\n");
        if (contentType != null) {
            request.append("Content-Type: ").append(contentType).append("\r\n");
        }
        request.append("\r\n");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int headersEnd = answer.indexOf("\r\n\r\n");
            String[] head = answer.substring(0, headersEnd).split("\r\n");
            Map<String, String> headers = new HashMap<>();
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                headers.put(head[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), head[i].substring(colon + 1).trim());
            }
            return new Answer(Integer.parseInt(head[0].split(" ")[1]), headers, answer.substring(headersEnd + 4));
        }
    }

    private static List<String> errorLines(CapturedOutput output) {
        return output.getAll().lines().filter(line -> line.contains(" ERROR ") || line.contains("Exception"))
                .toList();
    }
}
