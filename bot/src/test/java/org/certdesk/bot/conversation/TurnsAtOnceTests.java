package org.certdesk.bot.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import org.certdesk.bot.outbox.OutboxEntry;
import org.certdesk.bot.shared.ConversationKey;
import org.certdesk.bot.testing.BotTest;
import org.certdesk.bot.testing.FakeRemote;
import org.certdesk.bot.testing.TestChat;
import org.certdesk.dialogs.engine.UserInput;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A conversation with nothing waiting has its turn run by the request that brought the activity:
 * written before the channel answers, without a stop in the inbox. Anything else (the conversation
 * busy on a worker, a duplicate, many messages at once) keeps the inbox's order and its once-only.
 */
@BotTest
class TurnsAtOnceTests {
    @Autowired
    TurnSubmitter submitter;
    @Autowired
    TurnQueue queue;
    @Autowired
    InboxStore inbox;
    @Autowired
    ConversationStore conversations;
    @Autowired
    JdbcClient jdbc;

    @Test
    void theTurnIsWrittenWhenTheChannelIsToldTheActivityWasAccepted() {
        TestChat chat = new TestChat(submitter);

        assertThat(chat.send(new UserInput.Start("fr"))).isEqualTo(TurnSubmitter.Submission.ACCEPTED);

        ConversationKey key = chat.address().key();
        assertThat(conversations.find(key)).as("the welcome's state, before any worker ran")
                .hasValueSatisfying(c -> assertThat(c.state().stateId()).isEqualTo("ask_version"));
        assertThat(waiting(key)).isFalse();
        assertThat(TestChat.texts(chat.untilChoices()).get(0)).startsWith("Bonjour");
    }

    @Test
    void theSameActivityTwiceIsOneTurn() {
        TestChat chat = new TestChat(submitter);
        assertThat(chat.send("a-1", new UserInput.Start("fr"))).isEqualTo(TurnSubmitter.Submission.ACCEPTED);
        chat.untilChoices();

        assertThat(chat.send("a-2", new UserInput.Choice("android_11_plus"))).isEqualTo(TurnSubmitter.Submission.ACCEPTED);
        assertThat(chat.send("a-2", new UserInput.Choice("android_11_plus"))).isEqualTo(TurnSubmitter.Submission.DUPLICATE);

        assertThat(employeeLines(chat)).isEqualTo(1);
    }

    @Test
    void aMessageWhileAWorkerHasTheConversationWaitsInTheInboxAndIsAnsweredAfter() {
        TestChat chat = new TestChat(submitter);
        chat.send(new UserInput.Start("fr"));
        chat.untilChoices();
        ConversationKey key = chat.address().key();

        // As a worker in the middle of the conversation's turn: the message cannot run now.
        queue.runHere(key, () -> {
            assertThat(chat.send(new UserInput.Text("bonjour ?"))).isEqualTo(TurnSubmitter.Submission.ACCEPTED);
            assertThat(waiting(key)).as("queued behind the running turn").isTrue();
            return new TurnProcessor.Direct(TurnSubmitter.Submission.ACCEPTED, false, null);
        });

        await().atMost(Duration.ofSeconds(20)).until(() -> !waiting(key));
        assertThat(employeeLines(chat)).isEqualTo(1);
        assertThat(chat.replies(replies -> !replies.isEmpty())).isNotEmpty();
    }

    @Test
    void manyMessagesAtOnceToOneConversationAreEachAnsweredOnceInOrder() throws Exception {
        TestChat chat = new TestChat(submitter);
        chat.send("start", new UserInput.Start("fr"));
        chat.untilChoices();
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try {
            List<Future<TurnSubmitter.Submission>> sent = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String id = "m-" + i;
                sent.add(senders.submit(() -> submitter.submit(
                        new Inbound(id, chat.address(), new UserInput.Text("bonjour " + id), "fr", Instant.now()))));
            }
            for (Future<TurnSubmitter.Submission> submission : sent) {
                assertThat(submission.get()).isEqualTo(TurnSubmitter.Submission.ACCEPTED);
            }
        } finally {
            senders.shutdownNow();
        }

        ConversationKey key = chat.address().key();
        await().atMost(Duration.ofSeconds(30)).until(() -> !waiting(key) && pending(chat) == 0);
        assertThat(employeeLines(chat)).isEqualTo(40);
        List<OutboxEntry> received = FakeRemote.get().received(chat.conversationId());
        assertThat(received).extracting(OutboxEntry::sequence).as("every reply once, in order")
                .containsExactlyElementsOf(LongStream.rangeClosed(1, received.size()).boxed().toList());
    }

    private long employeeLines(TestChat chat) {
        return jdbc.sql("SELECT COUNT(*) FROM transcript_lines WHERE conversation_ref IN (SELECT id FROM conversations"
                        + " WHERE channel = :channel AND conversation_id = :id) AND author = 'employee'")
                .param("channel", chat.address().channel()).param("id", chat.conversationId())
                .query(Long.class).single();
    }

    private long pending(TestChat chat) {
        return jdbc.sql("SELECT COUNT(*) FROM outbox WHERE conversation_ref IN (SELECT id FROM conversations"
                        + " WHERE channel = :channel AND conversation_id = :id) AND status = 'PENDING'")
                .param("channel", chat.address().channel()).param("id", chat.conversationId())
                .query(Long.class).single();
    }

    /** Whether the conversation has an activity in the inbox. */
    private boolean waiting(ConversationKey key) {
        return conversations.number(key).stream().anyMatch(inbox::hasWaiting);
    }
}
