package org.certdesk.bot.channel.teams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.certdesk.bot.conversation.ConversationStore;
import org.certdesk.bot.outbox.Outbound;
import org.certdesk.bot.outbox.OutboxDispatcher;
import org.certdesk.bot.shared.ChannelAddress;
import org.certdesk.bot.shared.ConversationKey;
import org.certdesk.bot.system.CertdeskApplication;
import org.certdesk.bot.testing.LoopbackPki;
import org.certdesk.dialogs.engine.ConversationState;
import org.certdesk.dialogs.engine.Message;
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
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Teams conversations several people share (group chats, channel threads), on the whole application
 * against a Bot Connector that enforces Teams' per-conversation rate limit ({@link TeamsRateLimits}):
 * each person has a dialog of their own, answered in the shared conversation with a mention of them;
 * and replies are paced so that none meets a 429.
 */
@SpringBootTest(classes = CertdeskApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = SharedConversationTests.Settings.class)
@DirtiesContext // the stubs stop with this class; no other test can use its context
class SharedConversationTests {
    @RegisterExtension
    static final BotFrameworkStub teams = new BotFrameworkStub(true);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ConversationStore conversations;
    @Autowired
    OutboxDispatcher outbox;
    @Autowired
    TransactionTemplate transactions;

    /** The usual test settings on a fresh in-memory H2, plus the Bot Framework on WireMock. */
    static final class Settings implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            Map<String, Object> properties = new HashMap<>(org.certdesk.bot.testing.TestProperties.with(
                    org.certdesk.bot.testing.TestProperties.h2(org.certdesk.bot.testing.TestProperties.h2Memory())));
            properties.putAll(teams.settings());
            org.certdesk.bot.testing.TestProperties.apply(context, properties);
        }
    }

    @Test
    void eachPersonInAGroupChatHasADialogOfTheirOwnAndIsMentionedInItsReplies() {
        LoopbackPki.get().oneMissing();
        String groupChat = "19:" + UUID.randomUUID().toString().replace("-", "") + "@thread.v2";
        TeamsUser alice = new TeamsUser(teams, bot(), "en-US", groupChat, "groupChat", "Alice Martin");
        TeamsUser bob = new TeamsUser(teams, bot(), "fr-FR", groupChat, "groupChat", "Bob Dupont");

        assertThat(alice.type("hello").statusCode()).isEqualTo(200);
        List<JsonNode> toAlice = untilQuestion(groupChat, alice);
        // One bubble: the mention, the greeting and the question in one card.
        assertThat(TeamsUser.said(toAlice).get(0)).isEqualTo("<at>Alice Martin</at>");
        assertThat(TeamsUser.said(toAlice).get(1)).startsWith("Hello! I’ll help you fix");

        // Bob, in the same chat, starts from the beginning in his language: Alice's dialog is not his.
        assertThat(bob.type("bonjour").statusCode()).isEqualTo(200);
        List<JsonNode> toBob = untilQuestion(groupChat, bob);
        JsonNode question = TeamsUser.cards(toBob).get(0);
        assertThat(TeamsUser.cardTexts(question)).hasSize(3).first().isEqualTo("<at>Bob Dupont</at>");
        assertThat(TeamsUser.cardTexts(question).get(1)).startsWith("Bonjour ! Je vais vous aider");
        assertThat(TeamsUser.cardTexts(question).get(2)).isEqualTo("Quelle version d’Android a votre téléphone ?");
        assertThat(question.at("/msteams/entities/0/mentioned/id").stringValue()).isEqualTo(bob.userId());

        // Alice answers her question; Bob's dialog stays where it was.
        assertThat(alice.click("android_11_plus").statusCode()).isEqualTo(200);
        teams.awaitAttempts(groupChat, attempts -> TeamsUser.texts(shownTo(attempts, alice)).stream()
                .anyMatch(t -> t.contains("checking the certificates")));
        assertThat(state(groupChat, alice).variables()).containsEntry("android_version", "11_plus");
        assertThat(state(groupChat, bob).variables()).doesNotContainKey("android_version");
        assertThat(state(groupChat, bob).locale()).startsWith("fr");

        List<BotFrameworkStub.Attempt> attempts = teams.attempts(groupChat);
        assertThat(attempts).as("every reply posted to the group chat, none refused").allMatch(BotFrameworkStub.Attempt::accepted);
        for (BotFrameworkStub.Attempt attempt : attempts) {
            JsonNode activity = attempt.activity();
            assertThat(activity.at("/conversation/id").stringValue()).isEqualTo(groupChat);
            if ("message".equals(activity.path("type").stringValue())) {
                String to = activity.at("/recipient/id").stringValue();
                assertThat(mentioned(activity)).as("a reply names the person it answers: %s", activity).containsExactly(to);
            }
        }
        assertThat(teams.attempts(groupChat + "|" + alice.userId())).as("nothing posted to a dialog id").isEmpty();
    }

    /** A long answer to one conversation (20 replies at once) is paced: no 429, no second with more than 7. */
    @Test
    void aBurstOfTwentyRepliesMeetsNoRateLimit() {
        String thread = "19:" + UUID.randomUUID().toString().replace("-", "") + "@thread.tacv2;messageid=1";
        ConversationKey key = new ConversationKey("msteams", thread);
        conversations.storeHelpdeskConversation(key, teams.serviceUrl(), Instant.now());
        ChannelAddress address = new ChannelAddress("msteams", thread, teams.serviceUrl(), "28:" + TestKeys.APP_ID,
                "CertDesk", null, null, null, BotFrameworkStub.TENANT_ID, "channel");
        // Cards, each an activity of its own (texts of one turn would be joined into one: TurnBundle).
        List<Outbound> replies = IntStream.rangeClosed(1, 20).mapToObj(i -> (Outbound) new Outbound.Say(
                new Message.Facts(List.of(new Message.Fact("part", String.valueOf(i)))), "en-US")).toList();

        transactions.executeWithoutResult(status -> outbox.appendAndSend(address, replies, Instant.now()));

        List<BotFrameworkStub.Attempt> attempts = teams.awaitAttempts(thread, a -> a.size() >= 20);
        assertThat(attempts).as("no 429: nothing beyond Teams' limit was posted").allMatch(BotFrameworkStub.Attempt::accepted);
        assertThat(TeamsUser.cards(attempts.stream().map(BotFrameworkStub.Attempt::activity).toList()))
                .extracting(card -> TeamsUser.facts(card).get(0)).as("in order, each once")
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 20).mapToObj(i -> "part: " + i).toList());
        List<Instant> times = attempts.stream().map(BotFrameworkStub.Attempt::at).toList();
        assertThat(mostWithin(times, Duration.ofSeconds(1))).as("most posts in any one second").isLessThanOrEqualTo(7);
        assertThat(mostWithin(times, Duration.ofSeconds(2))).as("most posts in any two seconds").isLessThanOrEqualTo(8);
        System.out.printf("20 replies to one conversation: %d ms from the first post to the last%n",
                Duration.between(times.get(0), times.get(times.size() - 1)).toMillis());
    }

    /** The replies up to the next question card among those shown to {@code user}. */
    private static List<JsonNode> untilQuestion(String conversationId, TeamsUser user) {
        List<BotFrameworkStub.Attempt> attempts = teams.awaitAttempts(conversationId,
                all -> shownTo(all, user).stream().anyMatch(r -> !TeamsUser.submitButtons(r).isEmpty()));
        return shownTo(attempts, user);
    }

    private static List<JsonNode> shownTo(List<BotFrameworkStub.Attempt> attempts, TeamsUser user) {
        return attempts.stream().filter(BotFrameworkStub.Attempt::accepted).map(BotFrameworkStub.Attempt::activity)
                .filter(a -> user.userId().equals(a.at("/recipient/id").stringValue())).toList();
    }

    /** The ids the activity's mention entities name, in the activity and in its cards. */
    private static List<String> mentioned(JsonNode activity) {
        List<JsonNode> entities = new ArrayList<>();
        activity.path("entities").forEach(entities::add);
        TeamsUser.cards(List.of(activity)).forEach(card -> card.at("/msteams/entities").forEach(entities::add));
        return entities.stream().filter(e -> "mention".equals(e.path("type").stringValue()))
                .map(e -> e.at("/mentioned/id").stringValue()).toList();
    }

    private static long mostWithin(List<Instant> times, Duration window) {
        long most = 0;
        for (Instant from : times) {
            most = Math.max(most, times.stream().filter(t -> !t.isBefore(from) && t.isBefore(from.plus(window))).count());
        }
        return most;
    }

    private ConversationState state(String conversationId, TeamsUser user) {
        return ConversationState.fromJson(jdbc.sql("SELECT CAST(s.state_json AS VARCHAR(100000))"
                        + " FROM conversations c JOIN conversation_states s ON s.conversation_ref = c.id"
                        + " WHERE c.channel = 'msteams' AND c.conversation_id = :id")
                .param("id", conversationId + "|" + user.userId()).query(String.class).single());
    }

    private String bot() {
        return "http://localhost:" + port;
    }
}
