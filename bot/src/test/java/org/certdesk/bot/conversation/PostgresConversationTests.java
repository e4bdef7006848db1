package org.certdesk.bot.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.certdesk.bot.helpdesk.Handoffs;
import org.certdesk.bot.outbox.OutboxEntry;
import org.certdesk.bot.testing.FakeRemote;
import org.certdesk.bot.testing.LoopbackPki;
import org.certdesk.bot.testing.PostgresBotTest;
import org.certdesk.bot.testing.TestChat;
import org.certdesk.dialogs.engine.ConversationState;
import org.certdesk.dialogs.engine.UserInput;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** The whole application on a real PostgreSQL: a conversation, and two workers racing on one conversation. */
@PostgresBotTest
class PostgresConversationTests {
    @Autowired
    TurnSubmitter submitter;
    @Autowired
    ConversationStore conversations;
    @Autowired
    InboxStore inbox;
    @Autowired
    TurnProcessor processor;
    @Autowired
    Handoffs handoffs;
    @Autowired
    TransactionTemplate transaction;

    @Test
    void fromGreetingToResolvedAndToEscalated() {
        LoopbackPki.get().oneMissing();
        TestChat chat = new TestChat(submitter);
        chat.send(new UserInput.Start("fr"));
        chat.untilChoices();
        chat.send(new UserInput.Choice("android_11_plus"));
        assertThat(TestChat.texts(chat.untilChoices())).anyMatch(t -> t.contains("« Contoso Issuing CA 1 »"));
        chat.send(new UserInput.Choice("downloaded"));
        chat.untilChoices();
        chat.send(new UserInput.Choice("installed"));
        chat.untilChoices();
        chat.send(new UserInput.Choice("signin_works"));
        chat.untilText("Parfait");
        assertThat(conversations.find(chat.address().key()).orElseThrow().state().status())
                .isEqualTo(ConversationState.Status.RESOLVED);

        chat.send(new UserInput.Text("recommencer"));
        chat.untilChoices();
        chat.send(new UserInput.Text("parler à quelqu’un"));
        chat.untilText("je transmets votre demande au support");
        assertThat(handoffs.count(chat.address().key())).isEqualTo(1);
    }

    @Test
    void twoWorkersOnOneConversationTakeItsActivitiesInTurnsAndOnce() throws Exception {
        TestChat chat = new TestChat(submitter);
        List<String> expected = new ArrayList<>();
        transaction.executeWithoutResult(status -> {
            // Straight into the inbox (no wake-up): the two "instances" below are the only workers.
            long number = conversations.number(chat.address(), Instant.now());
            inbox.accept(number, new Inbound("a-0", chat.address(), new UserInput.Start("fr"), "fr", Instant.now()));
            for (int i = 1; i <= 20; i++) {
                boolean english = i % 2 == 1;
                inbox.accept(number, new Inbound("a-" + i, chat.address(), new UserInput.Text(english ? "english" : "français"),
                        "fr", Instant.now()));
                expected.add(english ? "OK, I’ll continue in English." : "D’accord, je continue en français.");
            }
        });

        CompletableFuture<Void> one = CompletableFuture.runAsync(() -> processor.drain(chat.address().key()));
        CompletableFuture<Void> two = CompletableFuture.runAsync(() -> processor.drain(chat.address().key()));
        one.get(60, TimeUnit.SECONDS);
        two.get(60, TimeUnit.SECONDS);

        assertThat(inbox.oldest(conversations.number(chat.address().key()).orElseThrow())).isEmpty();
        await().atMost(Duration.ofSeconds(20)).until(() -> confirmations(chat).size() == 20);
        assertThat(confirmations(chat)).containsExactlyElementsOf(expected);
        List<OutboxEntry> received = FakeRemote.get().received(chat.conversationId());
        assertThat(received).extracting(OutboxEntry::sequence).doesNotHaveDuplicates().isSorted();
    }

    private static List<String> confirmations(TestChat chat) {
        return TestChat.texts(FakeRemote.get().received(chat.conversationId()).stream().map(OutboxEntry::payload).toList())
                .stream().filter(t -> t.startsWith("OK, I’ll") || t.startsWith("D’accord, je")).toList();
    }
}
