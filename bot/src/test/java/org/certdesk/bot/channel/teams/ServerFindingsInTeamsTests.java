package org.certdesk.bot.channel.teams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.certdesk.analyzer.CertificateFacts;
import org.certdesk.bot.findings.SignInServerWatch;
import org.certdesk.bot.system.CertdeskApplication;
import org.certdesk.bot.testing.LoopbackPki;
import org.certdesk.bot.testing.TestAccounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admins' side of a sign-in server that omits its intermediate, on the whole application: the
 * real analyzer checks a real TLS server on loopback ({@link LoopbackPki}) for every Android release,
 * the finding is posted once to the helpdesk's Teams channel (the Bot Connector on WireMock) and
 * listed by {@code /api/admin/findings}; an employee who meets it is told the IT team knows; once the
 * server sends its full chain, the next check closes it, and that is posted once too.
 */
@SpringBootTest(classes = CertdeskApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = ServerFindingsInTeamsTests.Settings.class)
@DirtiesContext // the stubs stop with this class
class ServerFindingsInTeamsTests {
    @RegisterExtension
    static final BotFrameworkStub teams = new BotFrameworkStub();

    private static final String HELPDESK_CHANNEL = "19:it-helpdesk@thread.tacv2";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.shared();

    @LocalServerPort
    int port;
    @Autowired
    SignInServerWatch watch;
    @Autowired
    JdbcClient jdbc;

    private final LoopbackPki pki = LoopbackPki.get();

    static final class Settings implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            Map<String, Object> properties = new HashMap<>(org.certdesk.bot.testing.TestProperties.with(
                    org.certdesk.bot.testing.TestProperties.h2(org.certdesk.bot.testing.TestProperties.h2Memory())));
            properties.putAll(teams.settings());
            properties.put("certdesk.helpdesk.teams-conversation", HELPDESK_CHANNEL);
            properties.put("certdesk.helpdesk.teams-service-url", teams.serviceUrl());
            properties.put("certdesk.helpdesk.locale", "en");
            org.certdesk.bot.testing.TestProperties.apply(context, properties);
        }
    }

    @AfterEach
    void serverAsOtherTestsExpectIt() {
        pki.oneMissing();
    }

    @Test
    void aServerWithoutItsIntermediateOpensOneFindingPostedOnceAndItsFixClosesIt() throws Exception {
        pki.oneMissing();
        String sha256 = CertificateFacts.sha256(pki.issuing1());

        watch.check();
        watch.check(); // seen again: the same finding, no second post

        JsonNode open = admin("/api/admin/findings");
        assertThat(open.size()).as("one finding: %s", open).isEqualTo(1);
        JsonNode finding = open.get(0);
        long id = finding.path("id").longValue();
        assertThat(finding.path("host").stringValue()).isEqualTo("localhost");
        assertThat(finding.path("port").intValue()).isEqualTo(Integer.parseInt(pki.host().split(":")[1]));
        assertThat(finding.path("code").stringValue()).isEqualTo("INCOMPLETE_CHAIN");
        assertThat(finding.at("/certificate/name").stringValue()).isEqualTo("Contoso Issuing CA 1");
        assertThat(finding.at("/certificate/sha256").stringValue()).isEqualTo(sha256);
        assertThat(finding.path("androidLevels").values()).extracting(JsonNode::intValue)
                .as("every release lacks what the server omits").contains(24, 30, 36).hasSize(13);
        assertThat(finding.path("closedAt").isNull()).isTrue();
        assertThat(finding.path("employeesAffected").intValue()).isZero();
        assertThat(finding.at("/fix/en").stringValue()).contains("Local Computer\\Intermediate Certification Authorities",
                "Contoso Issuing CA 1", "openssl s_client", "-showcerts", "certutil -verify", "Restart-Service adfssrv");
        assertThat(finding.at("/fix/fr").stringValue()).contains(
                "Ordinateur local\\Autorités de certification intermédiaires", "certutil -verify");

        List<BotFrameworkStub.Attempt> posted = postsSettled();
        assertThat(posted).as("posted once").hasSize(1);
        JsonNode card = posted.get(0).activity().path("attachments").get(0).path("content");
        assertThat(card.path("body").get(0).path("text").stringValue())
                .isEqualTo("Server finding " + id + ": " + pki.host() + " — intermediate certificate not sent");
        assertThat(card.path("body").toString()).as("the fix, as Teams markdown").contains("Contoso Issuing CA 1",
                sha256, "Intermediate Certification Authorities", "7.0, 7.1, 8.0");
        assertThat(card.at("/actions/0/url").stringValue()).isEqualTo("https://certdesk.test/admin/insights#finding-" + id);

        // An employee meets it: the install steps as usual, and the IT team knows.
        TeamsUser dana = new TeamsUser(teams, "http://localhost:" + port, "en-US");
        dana.install();
        dana.untilButtons();
        dana.click("android_11_plus");
        List<String> said = TeamsUser.texts(dana.untilButtons());
        assertThat(said).anySatisfy(text -> assertThat(text).contains("the IT team already knows", pki.host(),
                "finding " + id));
        assertThat(said).anySatisfy(text -> assertThat(text).contains("Contoso Issuing CA 1"));
        assertThat(admin("/api/admin/findings").get(0).path("employeesAffected").intValue()).isEqualTo(1);

        // The dashboard counts what the turns and the analyses recorded (the other test's conversation
        // may be there too: the class shares one database).
        JsonNode insights = admin("/api/admin/insights");
        assertThat(insights.at("/conversations/total").intValue()).isPositive();
        assertThat(insights.path("funnel").values()).extracting(step -> step.path("state").stringValue())
                .contains("ask_version", "analyze", "show_missing");
        assertThat(insights.path("verdicts").values()).anySatisfy(verdict -> {
            assertThat(verdict.path("host").stringValue()).isEqualTo("localhost");
            assertThat(verdict.path("verdict").stringValue()).isEqualTo("INCOMPLETE_CHAIN");
            assertThat(verdict.path("count").intValue()).isPositive();
        });
        assertThat(insights.path("serverChecks").size()).as("the watch's last verdict per release").isEqualTo(13);
        assertThat(insights.path("openFindings").values()).extracting(f -> f.path("id").longValue()).contains(id);

        // The server is fixed: the next check closes the finding, once.
        pki.complete();
        watch.check();
        watch.check();
        assertThat(admin("/api/admin/findings").size()).as("nothing open").isZero();
        JsonNode closed = admin("/api/admin/findings?status=closed");
        assertThat(closed.size()).isEqualTo(1);
        assertThat(closed.get(0).path("id").longValue()).isEqualTo(id);
        assertThat(closed.get(0).path("closedAt").isNull()).isFalse();
        assertThat(admin("/api/admin/findings?status=all").size()).isEqualTo(1);

        posted = postsSettled();
        assertThat(posted).as("opened once, closed once").hasSize(2);
        assertThat(posted.get(1).activity().path("attachments").get(0).at("/content/body/0/text").stringValue())
                .isEqualTo("Server finding " + id + " closed: " + pki.host() + " — intermediate certificate not sent"
                        + " is no longer seen");

        // Broken again: a new finding, announced as new.
        pki.oneMissing();
        watch.check();
        JsonNode again = admin("/api/admin/findings");
        assertThat(again.size()).isEqualTo(1);
        assertThat(again.get(0).path("id").longValue()).isNotEqualTo(id);
        assertThat(postsSettled()).hasSize(3);
    }

    @Test
    void anEscalationCarriesTheNumbersOfTheFindingsItsEmployeeMet() throws Exception {
        pki.twoMissing();
        watch.check();
        String sha256 = CertificateFacts.sha256(pki.issuing2());
        long id = admin("/api/admin/findings").valueStream()
                .filter(finding -> sha256.equals(finding.at("/certificate/sha256").stringValue()))
                .mapToLong(finding -> finding.path("id").longValue()).findFirst().orElse(0);
        assertThat(id).as("a finding for the omitted Contoso Issuing CA 2").isPositive();

        TeamsUser erin = new TeamsUser(teams, "http://localhost:" + port, "fr-FR");
        erin.install();
        erin.untilButtons();
        erin.click("android_11_plus");
        List<String> said = TeamsUser.texts(erin.untilText("numéro de dossier"));
        assertThat(said).anySatisfy(text -> assertThat(text).contains("l’équipe informatique connaît déjà",
                "constat n° " + id));
        long caseId = jdbc.sql("SELECT id FROM handoffs WHERE channel = 'msteams' AND conversation_id = :id")
                .param("id", erin.conversationId()).query(Long.class).single();
        JsonNode card = teams.awaitAttempts(HELPDESK_CHANNEL, attempts -> attempts.stream()
                        .anyMatch(a -> a.body().contains("#case-" + caseId + "\""))).stream()
                .filter(a -> a.body().contains("#case-" + caseId + "\"")).findFirst().orElseThrow().activity()
                .path("attachments").get(0).path("content");
        assertThat(card.at("/body/1/facts").toString()).contains("{\"title\":\"Server finding\",\"value\":\"")
                .contains("#" + id + " (" + pki.host());
    }

    @Test
    void findingsAreForAdminsOnlyAndABadStatusIsRefused() throws Exception {
        assertThat(get("/api/admin/findings", TestAccounts.AGENT).statusCode()).isEqualTo(403);
        assertThat(get("/api/admin/findings", null).statusCode()).isEqualTo(401);
        HttpResponse<String> bad = get("/api/admin/findings?status=maybe", TestAccounts.ADMIN);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("status must be open, closed or all");
    }

    /** The helpdesk channel's posts once the outbox has nothing left to send there. */
    private List<BotFrameworkStub.Attempt> postsSettled() {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("SELECT COUNT(*) FROM outbox WHERE"
                + " conversation_ref IN (SELECT id FROM conversations WHERE conversation_id = :id)"
                + " AND status <> 'SENT'").param("id", HELPDESK_CHANNEL).query(Integer.class).single() == 0);
        return teams.attempts(HELPDESK_CHANNEL).stream().filter(BotFrameworkStub.Attempt::accepted).toList();
    }

    private JsonNode admin(String path) throws Exception {
        HttpResponse<String> response = get(path, TestAccounts.ADMIN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> get(String path, String[] account) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "application/json");
        if (account != null) {
            request.header("Authorization", TestAccounts.basic(account));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
