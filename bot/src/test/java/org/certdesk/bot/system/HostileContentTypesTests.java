package org.certdesk.bot.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.certdesk.bot.testing.BotTest;
import org.certdesk.bot.testing.TestAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bodies of a kind no endpoint takes, sent to every endpoint that takes a body (and to a download,
 * which takes none) over a real connection: multipart with and without a boundary, and on the APIs
 * forms, one of them undecodable. Each answers 415 as problem JSON, and nothing is stored.
 */
@BotTest
class HostileContentTypesTests {
    private static final String BOUNDARY = "----certdesk-test-boundary";
    private static final String MULTIPART_BODY = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n"
            + "hello\r\n--" + BOUNDARY + "--\r\n";
    private static final List<String> TABLES = List.of("conversations", "inbox", "processed_activities", "outbox",
            "handoffs", "webchat_conversations", "webchat_activities", "webhook_mailbox", "transcript_lines",
            "scripts", "script_versions", "script_audit");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();

    record Endpoint(String method, String path, String authorization) {}

    private static List<Endpoint> endpoints() {
        String agent = TestAccounts.basic(TestAccounts.AGENT);
        String admin = TestAccounts.basic(TestAccounts.ADMIN);
        return List.of(
                new Endpoint("POST", "/api/messages", null),
                new Endpoint("POST", "/v3/directline/tokens/generate", null),
                new Endpoint("POST", "/v3/directline/tokens/refresh", "Bearer x"),
                new Endpoint("POST", "/v3/directline/conversations", "Bearer x"),
                new Endpoint("POST", "/v3/directline/conversations/c-1/activities", "Bearer x"),
                new Endpoint("POST", "/api/agent/cases/1/take", agent),
                new Endpoint("POST", "/api/agent/cases/1/messages", agent),
                new Endpoint("POST", "/api/agent/cases/1/resolve", agent),
                new Endpoint("POST", "/api/agent/cases/1/return", agent),
                new Endpoint("PUT", "/api/admin/scripts/android-missing-certificate", admin),
                new Endpoint("POST", "/api/admin/scripts/android-missing-certificate/rollback/1", admin),
                new Endpoint("POST", "/api/admin/lint", admin),
                new Endpoint("POST", "/api/admin/preview", admin),
                new Endpoint("POST", "/api/teams-webhook", null),
                new Endpoint("GET", "/certificates/" + "ab".repeat(32) + ".crt", null));
    }

    private static Map<String, String> bodies() {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("multipart/form-data; boundary=" + BOUNDARY, MULTIPART_BODY);
        bodies.put("multipart/form-data", MULTIPART_BODY);
        bodies.put("multipart/mixed; boundary=" + BOUNDARY, MULTIPART_BODY);
        bodies.put("multipart/mixed", MULTIPART_BODY);
        bodies.put("multipart/form-data; boundary=" + BOUNDARY + " ", "");
        return bodies;
    }

    @Test
    void multipartBodiesAre415ProblemsEverywhereAndStoreNothing() throws Exception {
        Map<String, Long> before = rows();
        List<String> wrong = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            for (Map.Entry<String, String> body : bodies().entrySet()) {
                check(endpoint, body.getKey(), body.getValue(), wrong);
            }
        }
        assertThat(wrong).as("answers other than a 415 problem").isEmpty();
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void formsAre415ProblemsOnTheApisUndecodableOrNot() throws Exception {
        Map<String, Long> before = rows();
        List<String> wrong = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            if (endpoint.path().startsWith("/certificates/")) {
                continue; // a download, not an API: a GET's body is ignored
            }
            check(endpoint, "application/x-www-form-urlencoded", "text=%ZZ&state=%E0%A4%A", wrong);
            check(endpoint, "application/x-www-form-urlencoded; charset=UTF-8", "text=hello", wrong);
        }
        assertThat(wrong).as("answers other than a 415 problem").isEmpty();
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void theScriptEditorsPutWithABadlyEncodedFormIs415() throws Exception {
        HttpResponse<String> response = send(new Endpoint("PUT", "/api/admin/scripts/android-missing-certificate",
                TestAccounts.basic(TestAccounts.ADMIN)), "application/x-www-form-urlencoded", "id=%ZZ&version=%");
        assertThat(response.statusCode()).isEqualTo(415);
        JsonNode problem = JsonMapper.shared().readTree(response.body());
        assertThat(problem.path("detail").asString()).isEqualTo("This endpoint takes JSON (YAML for scripts), not a form.");
        assertThat(problem.path("instance").asString()).isEqualTo("/api/admin/scripts/android-missing-certificate");
    }

    @Test
    void theSignInFormIsStillAForm() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=alice&password=wrong")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("refused for its CSRF token or its password, not its content type")
                .isNotEqualTo(415).isLessThan(500);
    }

    private void check(Endpoint endpoint, String contentType, String body, List<String> wrong)
            throws IOException, InterruptedException {
        HttpResponse<String> response = send(endpoint, contentType, body);
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (response.statusCode() != 415 || !type.startsWith("application/problem+json")
                || JsonMapper.shared().readTree(response.body()).path("status").asInt() != 415) {
            wrong.add(endpoint.method() + " " + endpoint.path() + " [" + contentType + "]: " + response.statusCode()
                    + " " + type + " " + response.body());
        }
    }

    private HttpResponse<String> send(Endpoint endpoint, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + endpoint.path()))
                .header("Content-Type", contentType)
                .method(endpoint.method(), HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (endpoint.authorization() != null) {
            request.header("Authorization", endpoint.authorization());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Map<String, Long> rows() {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : TABLES) {
            rows.put(table, jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single());
        }
        return rows;
    }
}
