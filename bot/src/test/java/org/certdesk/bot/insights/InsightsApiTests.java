package org.certdesk.bot.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.certdesk.bot.testing.BotTest;
import org.certdesk.bot.testing.TestAccounts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /api/admin/insights} and its CSV export over HTTP, on the whole application: the figures
 * of a known set of conversations (written on days no other test uses), for admins only, and a
 * bad period refused with the reason in the admin's language.
 */
@BotTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InsightsApiTests {
    static final String FIRST_DAY = "2020-02-01";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    void aKnownSetOfConversations() {
        new KnownConversations(jdbc, FIRST_DAY).write();
    }

    @Test
    void theFiguresOfThePeriodAsJson() throws Exception {
        HttpResponse<String> response = get("/api/admin/insights?from=2020-02-01&to=2020-02-03", TestAccounts.ADMIN, "en");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode insights = JsonMapper.shared().readTree(response.body());
        assertThat(insights.at("/period/from").stringValue()).isEqualTo("2020-02-01");
        assertThat(insights.at("/conversations/total").intValue()).isEqualTo(5);
        assertThat(insights.at("/conversations/perDay").toString()).isEqualTo("[{\"day\":\"2020-02-01\",\"conversations\":2},"
                + "{\"day\":\"2020-02-02\",\"conversations\":1},{\"day\":\"2020-02-03\",\"conversations\":2}]");
        assertThat(insights.at("/outcomes").toString()).isEqualTo("{\"resolved\":1,\"escalated\":2,\"escalatedByReason\":"
                + "{\"several_missing\":1,\"user_asked\":1},\"abandoned\":2,\"inProgress\":0}");
        assertThat(insights.at("/funnel/0").toString()).isEqualTo("{\"state\":\"ask_version\",\"conversations\":5}");
        assertThat(insights.at("/helpdesk/timeToTake").toString()).isEqualTo("{\"median\":120,\"p90\":600}");
        assertThat(insights.at("/helpdesk/timeToResolve").toString()).isEqualTo("{\"median\":1200,\"p90\":1200}");
        assertThat(insights.at("/verdicts").size()).isEqualTo(2);
    }

    @Test
    void theSameFiguresAsCsv() throws Exception {
        HttpResponse<String> response = get("/api/admin/insights.csv?from=2020-02-01&to=2020-02-03", TestAccounts.ADMIN, "en");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/csv;charset=UTF-8");
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"certdesk-insights-2020-02-01-2020-02-03.csv\"");
        assertThat(response.body()).startsWith("section,key,detail,android,value\r\n")
                .contains("conversations_per_day,2020-02-01,,,2\r\n", "outcome,escalated,several_missing,,1\r\n",
                        "funnel,ask_version,,,5\r\n", "chat_verdict,", ",INCOMPLETE_CHAIN,11,2\r\n",
                        "helpdesk,time_to_take_seconds,p90,,600\r\n");
    }

    @Test
    void forAdminsOnly() throws Exception {
        assertThat(get("/api/admin/insights", TestAccounts.AGENT, "en").statusCode()).isEqualTo(403);
        assertThat(get("/api/admin/insights.csv", null, "en").statusCode()).isEqualTo(401);
    }

    @Test
    void aBadPeriodIsRefusedWithTheReason() throws Exception {
        HttpResponse<String> notADate = get("/api/admin/insights?from=yesterday", TestAccounts.ADMIN, "fr-FR");
        assertThat(notADate.statusCode()).isEqualTo(400);
        assertThat(notADate.body()).contains("from doit être une date comme 2026-11-30.").doesNotContain("yesterday");
        HttpResponse<String> backwards = get("/api/admin/insights?from=2020-02-03&to=2020-02-01", TestAccounts.ADMIN, "en");
        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(backwards.body()).contains("the period ends (to) before it starts (from).");
        assertThat(get("/api/admin/insights?from=2018-01-01&to=2020-01-01", TestAccounts.ADMIN, "en").body())
                .contains("the period is longer than 366 days.");
    }

    private HttpResponse<String> get(String path, String[] account, String language) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept-Language", language);
        if (account != null) {
            request.header("Authorization", TestAccounts.basic(account));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
