package org.certdesk.bot.channel.teams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.certdesk.analyzer.CertificateFacts;
import org.certdesk.bot.helpdesk.Handoffs;
import org.certdesk.bot.shared.ConversationKey;
import org.certdesk.bot.system.CertdeskApplication;
import org.certdesk.bot.testing.LoopbackPki;
import org.certdesk.dialogs.engine.ConversationState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * Whole conversations as Teams holds them, on the whole application: activities posted over HTTP to
 * {@code /api/messages} with tokens signed by a test key that the stubbed Bot Framework publishes
 * (authentication on), the real inbox, turns, store and outbox, the real analyzer probing a sign-in
 * server on loopback ({@link LoopbackPki}), and replies read where Teams reads them: at the stubbed
 * Bot Connector, which the bot reaches with a client-credentials token from the stubbed token service.
 */
@SpringBootTest(classes = CertdeskApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = TeamsConversationTests.Settings.class)
@DirtiesContext // the stubs stop with this class; no other test can use its context
class TeamsConversationTests {
    @RegisterExtension
    static final BotFrameworkStub teams = new BotFrameworkStub();

    private static final String PIXEL_7 = "Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36"
            + " (KHTML, like Gecko) Chrome/116.0.0.0 Mobile Safari/537.36";
    private static final HttpClient PHONE = HttpClient.newHttpClient();
    private static final String HELPDESK_CHANNEL = "19:helpdesk-channel@thread.tacv2";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Handoffs handoffs;
    @Autowired
    MeterRegistry meters;

    private final LoopbackPki pki = LoopbackPki.get();

    /** The usual test settings on a fresh in-memory H2, plus the Bot Framework on WireMock. */
    static final class Settings implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            Map<String, Object> properties = new HashMap<>(org.certdesk.bot.testing.TestProperties.with(
                    org.certdesk.bot.testing.TestProperties.h2(org.certdesk.bot.testing.TestProperties.h2Memory())));
            properties.putAll(teams.settings());
            properties.put("certdesk.helpdesk.teams-conversation", HELPDESK_CHANNEL);
            properties.put("certdesk.helpdesk.teams-service-url", teams.serviceUrl());
            org.certdesk.bot.testing.TestProperties.apply(context, properties);
        }
    }

    /** What the employee reads, per language. */
    private record Texts(String hello, String question, List<String> versions, String checking, String found,
            List<String> facts, List<String> download, String button, String downloaded, String install,
            String installed, String signIn, List<String> answers, String typed, String resolved) {

        static Texts of(String locale, String sha256) {
            String fingerprint = TeamsMarkup.fingerprint(sha256);
            return locale.startsWith("fr")
                    ? new Texts("Bonjour ! Je vais vous aider", "Quelle version d’Android a votre téléphone ?",
                            List.of("Android 11 ou plus récent", "Android 7 à 10", "Je ne sais pas"),
                            "Je vérifie les certificats des serveurs de connexion de votre entreprise…",
                            "J’ai trouvé ! Il manque à votre téléphone le certificat « Contoso Issuing CA 1 ».",
                            List.of("Certificat: Contoso Issuing CA 1", "Empreinte SHA-256: " + sha256),
                            List.of("Fichier: Contoso-Issuing-CA-1.crt", "Empreinte (SHA-256): " + fingerprint),
                            "Télécharger", "C’est téléchargé", "Depuis Android 11, un certificat d’autorité s’installe",
                            "C’est installé", "La connexion fonctionne-t-elle maintenant ?",
                            List.of("Oui, ça marche", "Toujours « certificat manquant »"), "oui ça marche",
                            "Parfait ! Votre téléphone a maintenant le certificat qu’il lui fallait. Bonne journée !")
                    : new Texts("Hello! I’ll help you fix", "Which Android version is your phone running?",
                            List.of("Android 11 or newer", "Android 7 to 10", "I don’t know"),
                            "I’m checking the certificates of your company’s sign-in servers…",
                            "Found it! Your phone is missing the certificate “Contoso Issuing CA 1”.",
                            List.of("Certificate: Contoso Issuing CA 1", "SHA-256 fingerprint: " + sha256),
                            List.of("File: Contoso-Issuing-CA-1.crt", "Fingerprint (SHA-256): " + fingerprint),
                            "Download", "Downloaded", "Since Android 11, authority certificates are installed",
                            "Installed", "Can you sign in now?", List.of("Yes, it works", "Still “missing certificate”"),
                            "yes it works", "Great! Your phone now has the certificate it needed. Have a good day!");
        }
    }

    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"fr-FR", "en-US"})
    void fromGreetingToResolved(String locale) throws Exception {
        pki.oneMissing();
        String sha256 = CertificateFacts.sha256(pki.issuing1());
        Texts says = Texts.of(locale, sha256);
        String language = locale.substring(0, 2);
        TeamsUser alice = new TeamsUser(teams, bot(), locale);

        assertThat(alice.addBot().statusCode()).isEqualTo(200);
        assertThat(alice.install().statusCode()).as("Teams sends both when the app is installed").isEqualTo(200);
        List<JsonNode> welcome = alice.untilButtons();
        assertThat(welcome).as("the greeting and the question with its buttons: one card, one bubble").hasSize(1);
        JsonNode versions = TeamsUser.cards(welcome).get(0);
        assertThat(TeamsUser.cardTexts(versions)).hasSize(2).last().isEqualTo(says.question());
        assertThat(TeamsUser.cardTexts(versions).get(0)).startsWith(says.hello());
        assertThat(versions.path("version").stringValue()).isEqualTo("1.5");
        assertThat(versions.path("lang").stringValue()).isEqualTo(language);
        assertThat(TeamsUser.submitButtons(welcome.get(0))).containsExactlyElementsOf(says.versions());
        assertThat(versions.at("/actions/0/data").toString()).isEqualTo("{\"choice\":\"android_11_plus\"}");
        assertThat(welcome).allSatisfy(reply -> {
            assertThat(reply.at("/conversation/id").stringValue()).isEqualTo(alice.conversationId());
            assertThat(reply.at("/from/id").stringValue()).isEqualTo("28:" + TestKeys.APP_ID);
            assertThat(reply.at("/recipient/name").stringValue()).isEqualTo("Alice Martin");
        });

        assertThat(alice.click("android_11_plus").statusCode()).isEqualTo(200);
        List<JsonNode> found = alice.untilButtons();
        assertThat(found).extracting(reply -> reply.path("type").stringValue())
                .containsExactly("message", "typing", "message", "message", "message", "message");
        assertThat(TeamsUser.texts(found)).containsExactly(says.checking(), TeamsMarkup.messageText(
                says.found() + (language.equals("fr") ? " Téléchargez-le avec le bouton ci-dessous."
                        : " Download it with the button below.")));
        assertThat(TeamsUser.facts(TeamsUser.cards(found).get(0))).containsExactlyElementsOf(says.facts());
        JsonNode download = TeamsUser.downloadCard(found);
        assertThat(download.path("lang").stringValue()).isEqualTo(language);
        assertThat(TeamsUser.facts(download)).containsExactlyElementsOf(says.download());
        assertThat(download.at("/actions/0/title").stringValue()).isEqualTo(says.button());
        String url = download.at("/actions/0/url").stringValue();
        assertThat(url).startsWith("https://certdesk.test/certificates/" + sha256 + ".crt?c=");
        assertThat(TeamsUser.submitButtons(found.get(5))).containsExactly(says.downloaded());

        // The button works: the phone gets that very certificate, and says which Android it runs.
        HttpResponse<byte[]> certificate = download(url);
        assertThat(certificate.statusCode()).isEqualTo(200);
        assertThat(certificate.headers().firstValue("Content-Type")).hasValue("application/x-x509-ca-cert");
        assertThat(certificate.body()).isEqualTo(pki.issuing1().getEncoded());

        alice.click("downloaded");
        List<JsonNode> install = alice.untilButtons();
        assertThat(install).as("the steps and their button: one card").hasSize(1);
        assertThat(TeamsUser.cardTexts(TeamsUser.cards(install).get(0))).singleElement().asString()
                .startsWith(says.install());
        assertThat(TeamsUser.submitButtons(install.get(0))).containsExactly(says.installed());

        alice.click("installed");
        List<JsonNode> check = alice.untilButtons();
        assertThat(TeamsUser.cardTexts(TeamsUser.cards(check).get(0))).as("the last step, then its question")
                .hasSize(2).last().isEqualTo(says.signIn());
        assertThat(TeamsUser.submitButtons(check.get(check.size() - 1))).containsExactlyElementsOf(says.answers());

        assertThat(alice.type(says.typed()).statusCode()).isEqualTo(200);
        assertThat(TeamsUser.texts(alice.untilText(says.resolved()))).containsExactly(says.resolved());

        ConversationKey key = new ConversationKey("msteams", alice.conversationId());
        assertThat(column("status", alice)).isEqualTo("RESOLVED");
        assertThat(column("service_url", alice)).as("replies go where the authenticated activity said").isEqualTo(teams.serviceUrl());
        assertThat(column("android_api_level", alice)).as("from the phone that downloaded").isEqualTo("33");
        assertThat(handoffs.count(key)).isZero();
        assertThat(count("inbox", alice)).isZero();
        // A reply is marked SENT just after Teams acknowledged it, so possibly after the stub showed it.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox"
                + " WHERE conversation_ref IN (SELECT id FROM conversations WHERE channel = 'msteams'"
                + " AND conversation_id = :id) AND status <> 'SENT'")
                .param("id", alice.conversationId()).query(Integer.class).single()).isZero());

        List<BotFrameworkStub.Attempt> attempts = teams.attempts(alice.conversationId());
        assertThat(attempts).as("each reply once, none refused").allMatch(BotFrameworkStub.Attempt::accepted)
                .hasSize(1 + 6 + 1 + 1 + 1);
        assertThat(TeamsUser.said(teams.shown(alice.conversationId())))
                .as("one welcome, though Teams announced the chat twice").filteredOn(t -> t.startsWith(says.hello()))
                .hasSize(1);
        assertThat(attempts).extracting(BotFrameworkStub.Attempt::authorization).containsOnly("Bearer " + BotFrameworkStub.CONNECTOR_TOKEN);
        assertThat(teams.tokenRequests()).as("one client-credentials token, cached").singleElement().asString()
                .contains("grant_type=client_credentials", "client_id=" + TestKeys.APP_ID,
                        "client_secret=s3cret%26%3D", "scope=https%3A%2F%2Fapi.botframework.com%2F.default");
    }

    /**
     * The app was installed long ago: the employee's first message comes without any welcome. It is
     * understood: the pasted error text (which says "support") does not open a case, and the Android
     * version in it answers the version question, which is never asked.
     */
    @ParameterizedTest(name = "in {0}")
    @ValueSource(strings = {"fr-FR", "en-US"})
    void aFirstMessageWithoutAWelcomeIsUnderstood(String locale) {
        pki.oneMissing();
        boolean french = locale.startsWith("fr");
        TeamsUser carol = new TeamsUser(teams, bot(), locale);

        assertThat(carol.type(french
                ? "Bonjour, sur mon Pixel sous Android 13 j’ai « Un certificat exigé par le support technique de votre"
                        + " entreprise est manquant »"
                : "Hi, on my Pixel with Android 13 I get \"A certificate required by your company support is missing\"")
                .statusCode()).isEqualTo(200);
        List<JsonNode> replies = carol.untilButtons();
        assertThat(TeamsUser.said(replies).get(0)).startsWith(french ? "Bonjour ! Je vais vous aider" : "Hello! I’ll help you fix");
        assertThat(TeamsUser.said(replies)).anyMatch(text -> text.endsWith(french
                ? "Je vérifie les certificats des serveurs de connexion de votre entreprise…"
                : "I’m checking the certificates of your company’s sign-in servers…"));
        assertThat(replies.toString()).doesNotContain(french ? "Quelle version" : "Which Android version");
        assertThat(TeamsUser.submitButtons(replies.get(replies.size() - 1)))
                .containsExactly(french ? "C’est téléchargé" : "Downloaded");

        ConversationKey key = new ConversationKey("msteams", carol.conversationId());
        assertThat(handoffs.count(key)).as("the pasted error text opens no case").isZero();
        assertThat(ConversationState.fromJson(column("state_json", carol)).variables())
                .containsEntry("android_version", "11_plus");
    }

    @Test
    void twoMissingCertificatesEscalateToTheHelpdesk() {
        pki.twoMissing();
        TeamsUser bob = new TeamsUser(teams, bot(), "en-GB");

        assertThat(bob.install().statusCode()).isEqualTo(200);
        List<JsonNode> welcome = bob.untilButtons();
        assertThat(TeamsUser.said(welcome).get(0)).startsWith("Hello! I’ll help you fix");
        assertThat(TeamsUser.cards(welcome).get(0).path("lang").stringValue()).isEqualTo("en");

        bob.click("android_11_plus");
        List<JsonNode> replies = bob.untilText("case number");
        assertThat(replies).extracting(reply -> reply.path("type").stringValue())
                .containsExactly("message", "typing", "message");
        assertThat(TeamsUser.texts(replies).get(1)).as("what the analysis found, then the case number: one bubble")
                .startsWith(TeamsMarkup.messageText("Your phone is missing 2 certificates, including “Contoso Issuing CA 2”."
                        + " This one is for the helpdesk: I’m passing them the analysis report, and a person will answer"
                        + " you here.") + "\n\nYour request is case number ");
        assertThat(TeamsUser.cards(replies)).as("no certificate is handed out").isEmpty();

        ConversationKey key = new ConversationKey("msteams", bob.conversationId());
        assertThat(column("status", bob)).isEqualTo("ESCALATED");
        assertThat(handoffs.count(key)).isEqualTo(1);
        Map<String, Object> handoff = jdbc.sql("SELECT reason, locale, variables_json FROM handoffs"
                + " WHERE channel = 'msteams' AND conversation_id = :id").param("id", bob.conversationId()).query().singleRow();
        assertThat(handoff.get("reason")).isEqualTo("several_missing");
        assertThat(handoff.get("locale")).isEqualTo("en");
        assertThat((String) handoff.get("variables_json")).contains("Contoso Issuing CA 2");
        assertThat(teams.attempts(bob.conversationId())).allMatch(BotFrameworkStub.Attempt::accepted).hasSize(1 + 3);

        long caseId = jdbc.sql("SELECT id FROM handoffs WHERE channel = 'msteams' AND conversation_id = :id")
                .param("id", bob.conversationId()).query(Long.class).single();
        JsonNode notice = teams.awaitAttempts(HELPDESK_CHANNEL, attempts -> attempts.stream().anyMatch(a ->
                a.body().contains("#case-" + caseId + "\""))).stream().filter(a -> a.body().contains("#case-" + caseId + "\""))
                .findFirst().orElseThrow().activity();
        JsonNode card = notice.path("attachments").get(0).path("content");
        assertThat(card.path("body").get(0).path("text").stringValue())
                .as("in the helpdesk's language (French by default)")
                .isEqualTo("Nouveau dossier n° " + caseId + " : plusieurs certificats manquent");
        assertThat(card.path("body").toString()).contains("Employé", "Contoso Issuing CA 1", "Contoso Issuing CA 2",
                "11+");
        assertThat(card.path("actions").get(0).path("type").stringValue()).isEqualTo("Action.OpenUrl");
        assertThat(card.path("actions").get(0).path("title").stringValue()).isEqualTo("Prendre le dossier");
        assertThat(card.path("actions").get(0).path("url").stringValue())
                .isEqualTo("https://certdesk.test/agent/#case-" + caseId);

        // The agent answers through the API: bob reads it in Teams, through the Bot Connector.
        assertThat(agent("/api/agent/cases/" + caseId + "/take", "").statusCode()).isEqualTo(200);
        assertThat(TeamsUser.texts(bob.untilText("is handling"))).contains(TeamsMarkup.messageText(
                "Alice from the helpdesk is handling your request " + caseId + "."));
        assertThat(agent("/api/agent/cases/" + caseId + "/messages", "{\"text\":\"Open Settings, then Security.\"}")
                .statusCode()).isEqualTo(202);
        assertThat(TeamsUser.texts(bob.untilText("Open Settings"))).containsExactly(TeamsMarkup.messageText(
                "Alice (helpdesk): Open Settings, then Security."));
    }

    private HttpResponse<String> agent(String path, String json) {
        try {
            return PHONE.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Authorization", org.certdesk.bot.testing.TestAccounts.basic(
                            org.certdesk.bot.testing.TestAccounts.AGENT))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aForgedRequestChangesNothing() {
        TeamsUser mallory = new TeamsUser(teams, bot(), "en-US");
        String diverted = teams.attackerUrl();
        Map<String, Forgery> forgeries = new LinkedHashMap<>();
        forgeries.put("missing bearer token", new Forgery(null, null));
        forgeries.put("bad signature", new Forgery(TestKeys.tamper(teams.token(c -> { })), null));
        forgeries.put("unknown signing key", new Forgery(TestKeys.sign(TestKeys.stranger(), teams.claims(c -> { })), null));
        forgeries.put("wrong issuer", new Forgery(teams.token(c -> c.issuer("https://sts.windows.net/"
                + "d6d49420-f39b-4df7-a1dc-d59a935871db/")), null));
        forgeries.put("wrong audience", new Forgery(teams.token(c -> c.audience("22222222-3333-4444-5555-666666666666")), null));
        forgeries.put("token expired", new Forgery(teams.token(c -> c
                .issueTime(Date.from(Instant.now().minus(Duration.ofMinutes(70))))
                .notBeforeTime(Date.from(Instant.now().minus(Duration.ofMinutes(70))))
                .expirationTime(Date.from(Instant.now().minus(Duration.ofMinutes(10))))), null));
        forgeries.put("signing algorithm not allowed", new Forgery(TestKeys.unsigned(teams.claims(c -> { })), null));
        forgeries.put("serviceUrl does not match the token", new Forgery(
                teams.token(c -> c.claim("serviceurl", TestKeys.SERVICE_URL)), null));
        forgeries.put("serviceUrl does not match the token (replies diverted)", new Forgery(teams.token(c -> { }), diverted));

        forgeries.forEach((reason, forgery) -> {
            ObjectNode activity = mallory.message("hello", a -> {
                if (forgery.serviceUrl() != null) {
                    a.put("serviceUrl", forgery.serviceUrl());
                }
            });
            HttpResponse<String> response = mallory.post(activity, forgery.token());
            assertThat(response.statusCode()).as(reason).isEqualTo(401);
            assertThat(JsonMapper.shared().readTree(response.body()).path("detail").stringValue()).as(reason)
                    .isEqualTo(reason.replace(" (replies diverted)", ""));
        });

        for (String table : List.of("conversations", "inbox", "processed_activities", "outbox", "handoffs")) {
            assertThat(count(table, mallory)).as(table).isZero();
        }
        assertThat(teams.attempts(mallory.conversationId())).isEmpty();
        assertThat(teams.requestedUrls()).noneMatch(url -> url.startsWith("/attacker/"));

        // The same conversation with a genuine token: served, and only the welcome, not the forged "hello"s.
        assertThat(mallory.addBot().statusCode()).isEqualTo(200);
        mallory.untilButtons();
        assertThat(TeamsUser.said(teams.shown(mallory.conversationId()))).containsExactly(
                TeamsMarkup.cardText("Hello! I’ll help you fix the “missing certificate” message in Company Portal."
                        + " It takes a few minutes."), "Which Android version is your phone running?");
        assertThat(count("processed_activities", mallory)).as("the welcome only").isEqualTo(1);

        // Nor does one on a conversation that exists: its stored reply address stays, nothing is sent there.
        String version = column("version", mallory);
        assertThat(mallory.post(mallory.message("send replies elsewhere", a -> a.put("serviceUrl", diverted)),
                teams.token(c -> c.claim("serviceurl", diverted).audience("22222222-3333-4444-5555-666666666666")))
                .statusCode()).isEqualTo(401);
        assertThat(column("version", mallory)).isEqualTo(version);
        assertThat(column("service_url", mallory)).isEqualTo(teams.serviceUrl());
        assertThat(count("inbox", mallory)).isZero();
        assertThat(count("processed_activities", mallory)).isEqualTo(1);
        assertThat(teams.attempts(mallory.conversationId())).as("the welcome, one bubble").hasSize(1);
        assertThat(teams.requestedUrls()).noneMatch(url -> url.startsWith("/attacker/"));
    }

    /**
     * Teams' activities are counted as turns ({@code certdesk.turns}) and their refusals as
     * {@code certdesk.teams.refused}, not as HTTP requests (their observation is left out). Other
     * requests are observed.
     */
    @Test
    void activitiesAreCountedAsTurnsNotAsHttpRequests() throws Exception {
        TeamsUser dave = new TeamsUser(teams, bot(), "en-US");
        double turnsBefore = turns();
        long requestsBefore = httpRequests();

        assertThat(dave.addBot().statusCode()).isEqualTo(200);
        dave.untilButtons();

        double forgedBefore = refused(401);
        assertThat(dave.post(dave.message("hello", a -> { }), null).statusCode()).isEqualTo(401);

        assertThat(turns() - turnsBefore).isEqualTo(1);
        assertThat(refused(401) - forgedBefore).as("the forged request, counted where operators look").isEqualTo(1);
        assertThat(httpRequests()).isEqualTo(requestsBefore);
        HttpResponse<String> health = PHONE.send(HttpRequest.newBuilder(URI.create(bot() + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> httpRequests() == requestsBefore + 1);
    }

    /** A body without a declared length (chunked) is read up to the size limit, and served. */
    @Test
    void anActivitySentInChunksIsServed() {
        TeamsUser erin = new TeamsUser(teams, bot(), "fr-FR");
        assertThat(erin.postInChunks(erin.message("Bonjour, il manque un certificat", a -> { })).statusCode())
                .isEqualTo(200);
        assertThat(TeamsUser.said(erin.untilButtons()).get(0)).startsWith("Bonjour ! Je vais vous aider");

        String tooLarge = "x".repeat(300 * 1024);
        HttpResponse<String> refused = erin.postInChunks(erin.message(tooLarge, a -> { }));
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.body()).contains("The request body is larger than the limit of 262144 bytes.");
    }

    private double turns() {
        return meters.find("certdesk.turns").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private double refused(int status) {
        return meters.get("certdesk.teams.refused").tag("status", Integer.toString(status)).counter().count();
    }

    private long httpRequests() {
        return meters.find("http.server.requests").timers().stream().mapToLong(t -> t.count()).sum();
    }

    /** A request made to look like Teams': its token (null: none), and the serviceUrl its activity names (null: the real one). */
    private record Forgery(String token, String serviceUrl) {}

    private String bot() {
        return "http://localhost:" + port;
    }

    /** GETs a download link of the chat from this bot, as a Pixel 7 on Android 13 would. */
    private HttpResponse<byte[]> download(String url) throws Exception {
        URI link = URI.create(url);
        HttpRequest request = HttpRequest.newBuilder(URI.create(bot() + link.getRawPath() + "?" + link.getRawQuery()))
                .header("User-Agent", PIXEL_7).timeout(Duration.ofSeconds(10)).GET().build();
        return PHONE.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private String column(String column, TeamsUser user) {
        // The conversation's row and its state's (V21), as one.
        return jdbc.sql("SELECT CAST(" + column + " AS VARCHAR(1024)) FROM conversations c JOIN conversation_states s ON s.conversation_ref = c.id"
                + " WHERE c.channel = 'msteams' AND c.conversation_id = :id").param("id", user.conversationId())
                .query(String.class).single();
    }

    private int count(String table, TeamsUser user) {
        // The tables a turn writes keep the conversation's number; the conversation and its cases, its id.
        String where = List.of("conversations", "handoffs").contains(table) ? "conversation_id = :id"
                : "conversation_ref IN (SELECT id FROM conversations WHERE conversation_id = :id)";
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE " + where)
                .param("id", user.conversationId()).query(Integer.class).single();
    }
}
