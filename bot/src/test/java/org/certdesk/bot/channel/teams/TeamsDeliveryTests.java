package org.certdesk.bot.channel.teams;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.certdesk.bot.outbox.DeliveryResult;
import org.certdesk.bot.outbox.Outbound;
import org.certdesk.bot.outbox.OutboxEntry;
import org.certdesk.bot.shared.ChannelAddress;
import org.certdesk.dialogs.engine.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What {@link TeamsDelivery} posts to the Bot Connector, as JSON. */
class TeamsDeliveryTests {
    private static final String ACTIVITIES = "/emea/v3/conversations/a%3A1conv/activities";
    private static final String SHA256 = "5f1d0c2b6e0a3c9d8e7f60514233241506f7e8d9c0b1a2f3e4d5c6b7a8091a2b";

    private static WireMockServer server;
    private TeamsDelivery delivery;
    private ChannelAddress address;

    @BeforeAll
    static void start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void setUp() {
        server.resetAll();
        server.stubFor(post(urlEqualTo(TestProperties.TOKEN_PATH))
                .willReturn(aResponse().withBody("{\"expires_in\":3600,\"access_token\":\"t\"}")));
        server.stubFor(post(urlPathMatching("/emea/v3/conversations/.*")).willReturn(aResponse().withStatus(201)
                .withBody("{\"id\":\"1:reply\"}")));
        MutableClock clock = new MutableClock(Instant.parse("2026-11-02T08:00:00Z"));
        TeamsProperties properties = TestProperties.of(server.baseUrl());
        TeamsHttp http = new TeamsHttp(properties);
        delivery = new TeamsDelivery(new ConnectorClient(http, new ConnectorTokens(properties, http, clock), clock), clock,
                PaceProperties.DEFAULTS);
        address = new ChannelAddress("msteams", "a:1conv", server.baseUrl() + "/emea/", "28:bot", "CertDesk",
                "29:1user", "Alice", "aad-alice", "tenant-1", "personal");
    }

    private JsonNode deliver(Outbound outbound) {
        DeliveryResult result = delivery.deliver(new OutboxEntry(41, address, 3, outbound, 0));
        assertThat(result).isEqualTo(DeliveryResult.sent());
        List<com.github.tomakehurst.wiremock.verification.LoggedRequest> sent = server.findAll(postRequestedFor(urlEqualTo(ACTIVITIES)));
        assertThat(sent).hasSize(1);
        return JsonMapper.shared().readTree(sent.get(0).getBodyAsString());
    }

    private JsonNode say(Message message, String locale) {
        return deliver(new Outbound.Say(message, locale));
    }

    @Test
    void servesTheTeamsChannel() {
        assertThat(delivery.channel()).isEqualTo("msteams");
    }

    @Test
    void textIsAnEscapedMarkdownMessageFromTheBotToTheUser() {
        JsonNode activity = say(new Message.Text("Il manque « *.contoso.com_CA » <b>\nVoir https://aka.ms/a_b"), "fr-FR");

        assertThat(activity.path("type").asString()).isEqualTo("message");
        assertThat(activity.path("from").path("id").asString()).isEqualTo("28:bot");
        assertThat(activity.path("recipient").path("id").asString()).isEqualTo("29:1user");
        assertThat(activity.path("conversation").path("id").asString()).isEqualTo("a:1conv");
        assertThat(activity.path("locale").asString()).isEqualTo("fr-FR");
        assertThat(activity.path("textFormat").asString()).isEqualTo("markdown");
        assertThat(activity.path("text").asString())
                .isEqualTo("Il manque « &#42;.contoso.com&#95;CA » &lt;b&gt;<br>Voir https://aka.ms/a_b");
        assertThat(activity.has("attachments")).isFalse();
    }

    @Test
    void choicesAreAnAdaptiveCardWithSubmitActionsCarryingTheIds() {
        JsonNode activity = say(new Message.Choices(List.of(new Message.Option("fixed", "Réglé"),
                new Message.Option("not_fixed", "Toujours pas"))), "fr-FR");

        assertThat(activity.has("text")).isFalse();
        assertThat(activity.path("summary").asString()).isEqualTo("Choisissez : Réglé | Toujours pas");
        JsonNode attachment = activity.path("attachments").get(0);
        assertThat(attachment.path("contentType").asString()).isEqualTo("application/vnd.microsoft.card.adaptive");
        JsonNode card = attachment.path("content");
        assertThat(card.path("type").asString()).isEqualTo("AdaptiveCard");
        assertThat(card.path("version").asString()).isEqualTo("1.5");
        assertThat(card.path("lang").asString()).isEqualTo("fr");
        assertThat(card.path("fallbackText").asString()).isEqualTo("Choisissez : Réglé | Toujours pas");
        JsonNode actions = card.path("actions");
        assertThat(actions).hasSize(2);
        assertThat(actions.get(0).path("type").asString()).isEqualTo("Action.Submit");
        assertThat(actions.get(0).path("title").asString()).isEqualTo("Réglé");
        assertThat(actions.get(0).path("data").toString()).isEqualTo("{\"choice\":\"fixed\"}");
        assertThat(actions.get(1).path("data").path("choice").asString()).isEqualTo("not_fixed");
    }

    @Test
    void aQuestionAndItsButtonsAreOneCardWithTheQuestionAsItsText() {
        JsonNode activity = say(new Message.Choices("La connexion *fonctionne*-t-elle ?",
                List.of(new Message.Option("fixed", "Réglé"))), "fr-FR");

        assertThat(activity.has("text")).as("no separate text bubble").isFalse();
        assertThat(activity.path("attachments")).hasSize(1);
        JsonNode card = activity.at("/attachments/0/content");
        assertThat(card.at("/body/0/type").asString()).isEqualTo("TextBlock");
        assertThat(card.at("/body/0/text").asString()).isEqualTo(TeamsMarkup.cardText("La connexion *fonctionne*-t-elle ?"));
        assertThat(card.at("/body/0/wrap").asBoolean()).isTrue();
        assertThat(card.path("fallbackText").asString())
                .isEqualTo("La connexion *fonctionne*-t-elle ?\nChoisissez : Réglé");
        assertThat(card.at("/actions/0/title").asString()).isEqualTo("Réglé");
    }

    @Test
    void theSubmittedDataComesBackAsTheSameChoice() {
        JsonNode activity = say(new Message.Choices(List.of(new Message.Option("talk_to_human", "A person"))), "en");
        JsonNode data = activity.at("/attachments/0/content/actions/0/data");
        assertThat(CardActions.choiceOf(data)).isEqualTo("talk_to_human");
    }

    @Test
    void factsAreAFactSetWithEscapedMarkdown() {
        JsonNode activity = say(new Message.Facts(List.of(new Message.Fact("Missing", "*.contoso.com intermediate"),
                new Message.Fact("Server", "adfs.contoso.com"))), "en-US");

        JsonNode card = activity.at("/attachments/0/content");
        assertThat(card.path("version").asString()).isEqualTo("1.5");
        assertThat(card.path("lang").asString()).isEqualTo("en");
        JsonNode facts = card.at("/body/0");
        assertThat(facts.path("type").asString()).isEqualTo("FactSet");
        assertThat(facts.at("/facts/0/title").asString()).isEqualTo("Missing");
        assertThat(facts.at("/facts/0/value").asString()).isEqualTo("\\*.contoso.com intermediate");
        assertThat(facts.at("/facts/1/value").asString()).isEqualTo("adfs.contoso.com");
        assertThat(activity.path("summary").asString()).isEqualTo("Missing: *.contoso.com intermediate\nServer: adfs.contoso.com");
    }

    @Test
    void downloadInEnglish() {
        JsonNode activity = say(new Message.Download("https://certdesk.example/certificates/" + SHA256 + ".crt",
                "Contoso Issuing CA.crt", SHA256), "en-US");

        JsonNode card = activity.at("/attachments/0/content");
        assertThat(card.path("version").asString()).isEqualTo("1.5");
        assertThat(card.at("/body/0/facts/0/title").asString()).isEqualTo("File");
        assertThat(card.at("/body/0/facts/0/value").asString()).isEqualTo("Contoso Issuing CA.crt");
        assertThat(card.at("/body/0/facts/1/title").asString()).isEqualTo("Fingerprint (SHA-256)");
        assertThat(card.at("/body/0/facts/1/value").asString()).startsWith("5F:1D:0C:2B:").endsWith(":1A:2B").hasSize(95);
        JsonNode open = card.at("/actions/0");
        assertThat(open.path("type").asString()).isEqualTo("Action.OpenUrl");
        assertThat(open.path("title").asString()).isEqualTo("Download");
        assertThat(open.path("url").asString()).isEqualTo("https://certdesk.example/certificates/" + SHA256 + ".crt");
        assertThat(activity.path("summary").asString())
                .isEqualTo("Download Contoso Issuing CA.crt: https://certdesk.example/certificates/" + SHA256 + ".crt");
    }

    @Test
    void downloadInFrench() {
        JsonNode activity = say(new Message.Download("https://certdesk.example/c.crt", "c.crt", SHA256), "fr-CA");

        JsonNode card = activity.at("/attachments/0/content");
        assertThat(card.path("lang").asString()).isEqualTo("fr");
        assertThat(card.at("/body/0/facts/0/title").asString()).isEqualTo("Fichier");
        assertThat(card.at("/body/0/facts/1/title").asString()).isEqualTo("Empreinte (SHA-256)");
        assertThat(card.at("/actions/0/title").asString()).isEqualTo("Télécharger");
        assertThat(activity.path("summary").asString()).isEqualTo("Télécharger c.crt : https://certdesk.example/c.crt");
    }

    @Test
    void typingIsATypingActivity() {
        JsonNode activity = deliver(new Outbound.Typing());
        assertThat(activity.path("type").asString()).isEqualTo("typing");
        assertThat(activity.path("conversation").path("id").asString()).isEqualTo("a:1conv");
        assertThat(activity.has("text")).isFalse();
    }

    @Test
    void aConversationWithoutServiceUrlIsRejected() {
        ChannelAddress noUrl = new ChannelAddress("msteams", "a:1conv", null, null, null, null, null, null, null, null);
        DeliveryResult result = delivery.deliver(new OutboxEntry(1, noUrl, 1, new Outbound.Typing(), 0));
        assertThat(result.kind()).isEqualTo(DeliveryResult.Kind.REJECTED);
    }

    @Test
    void connectorOutcomesPassThrough() {
        server.stubFor(post(urlPathMatching("/emea/v3/conversations/.*"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3")));
        DeliveryResult result = delivery.deliver(new OutboxEntry(1, address, 1, new Outbound.Typing(), 2));
        assertThat(result).isEqualTo(DeliveryResult.retry(java.time.Duration.ofSeconds(3), "HTTP 429"));
    }

    // ---- one person's dialog in a shared conversation (issue 17) ----------------------------------

    private static final String GROUP_CHAT = "/emea/v3/conversations/19%3Agroup%40thread.v2/activities";

    private JsonNode deliverInGroupChat(Outbound outbound) {
        ChannelAddress alicesDialog = new ChannelAddress("msteams", "19:group@thread.v2|29:1user",
                server.baseUrl() + "/emea/", "28:bot", "CertDesk", "29:1user", "Alice <Martin>", "aad-alice", "tenant-1",
                "groupChat");
        assertThat(delivery.deliver(new OutboxEntry(42, alicesDialog, 1, outbound, 0))).isEqualTo(DeliveryResult.sent());
        List<com.github.tomakehurst.wiremock.verification.LoggedRequest> sent = server.findAll(postRequestedFor(urlEqualTo(GROUP_CHAT)));
        assertThat(sent).as("posted to the group chat itself, not to the dialog's id").hasSize(1);
        return JsonMapper.shared().readTree(sent.get(0).getBodyAsString());
    }

    @Test
    void aTextInAGroupChatMentionsThePersonItAnswers() {
        JsonNode activity = deliverInGroupChat(new Outbound.Say(new Message.Text("Which Android version?"), "en-US"));

        assertThat(activity.at("/conversation/id").asString()).isEqualTo("19:group@thread.v2");
        assertThat(activity.at("/recipient/id").asString()).isEqualTo("29:1user");
        assertThat(activity.path("text").asString()).isEqualTo("<at>Alice &lt;Martin&gt;</at> Which Android version?");
        assertThat(activity.path("entities")).singleElement().satisfies(mention -> {
            assertThat(mention.path("type").asString()).isEqualTo("mention");
            assertThat(mention.path("text").asString()).isEqualTo("<at>Alice &lt;Martin&gt;</at>");
            assertThat(mention.at("/mentioned/id").asString()).isEqualTo("29:1user");
            assertThat(mention.at("/mentioned/name").asString()).isEqualTo("Alice <Martin>");
        });
    }

    @Test
    void aCardInAGroupChatMentionsThePersonInTheCard() {
        JsonNode activity = deliverInGroupChat(new Outbound.Say(new Message.Choices("Does it work?",
                List.of(new Message.Option("fixed", "Yes"))), "en-US"));

        assertThat(activity.has("text")).as("no separate text bubble").isFalse();
        JsonNode card = activity.at("/attachments/0/content");
        assertThat(card.at("/body/0/text").asString()).isEqualTo("<at>" + TeamsMarkup.cardText("Alice <Martin>") + "</at>");
        assertThat(card.at("/body/1/text").asString()).isEqualTo("Does it work?");
        assertThat(card.at("/msteams/entities/0/type").asString()).isEqualTo("mention");
        assertThat(card.at("/msteams/entities/0/text").asString()).isEqualTo(card.at("/body/0/text").asString());
        assertThat(card.at("/msteams/entities/0/mentioned/id").asString()).isEqualTo("29:1user");
        assertThat(card.at("/actions/0/data/choice").asString()).isEqualTo("fixed");
    }

    @Test
    void typingInAGroupChatMentionsNobody() {
        JsonNode activity = deliverInGroupChat(new Outbound.Typing());
        assertThat(activity.path("type").asString()).isEqualTo("typing");
        assertThat(activity.has("entities")).isFalse();
    }

    @Test
    void aPersonalChatMentionsNobody() {
        JsonNode activity = say(new Message.Text("Hello"), "en-US");
        assertThat(activity.path("text").asString()).isEqualTo("Hello");
        assertThat(activity.has("entities")).isFalse();
    }

    // ---- Teams' rate limits (issue 17) ------------------------------------------------------------

    @Test
    void theEighthReplyWithinASecondIsNotPostedButRetriedASecondLater() {
        for (int i = 0; i < 7; i++) {
            assertThat(delivery.deliver(new OutboxEntry(i, address, i, new Outbound.Typing(), 0))).isEqualTo(DeliveryResult.sent());
        }
        DeliveryResult eighth = delivery.deliver(new OutboxEntry(7, address, 7, new Outbound.Typing(), 0));

        assertThat(eighth.kind()).isEqualTo(DeliveryResult.Kind.RETRY);
        assertThat(((DeliveryResult.Retry) eighth).after()).isEqualTo(java.time.Duration.ofSeconds(1).plus(ConnectorPace.MARGIN));
        assertThat(server.findAll(postRequestedFor(urlEqualTo(ACTIVITIES)))).as("the connector never saw it").hasSize(7);
    }
}
