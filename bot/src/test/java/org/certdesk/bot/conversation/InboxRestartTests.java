package org.certdesk.bot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.certdesk.bot.outbox.Outbound;
import org.certdesk.bot.testing.FakeRemote;
import org.certdesk.bot.testing.LoopbackPki;
import org.certdesk.bot.testing.TestApplications;
import org.certdesk.bot.testing.TestChat;
import org.certdesk.dialogs.engine.UserInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/** What was accepted before a stop is processed after the next start, in order. */
class InboxRestartTests {

    @Test
    void acceptedActivitiesAreProcessedAfterARestart(@TempDir Path directory) {
        LoopbackPki.get().oneMissing();
        String database = TestApplications.h2File(directory);
        TestChat chat;
        try (ConfigurableApplicationContext first = TestApplications.start(database)) {
            // As if the process died right after answering 200: accepted, but no turn ran.
            first.getBean(TurnQueue.class).stop();
            chat = new TestChat(first.getBean(TurnSubmitter.class));
            assertThat(chat.send(new UserInput.Start("fr"))).isEqualTo(TurnSubmitter.Submission.ACCEPTED);
            assertThat(chat.send(new UserInput.Choice("android_11_plus"))).isEqualTo(TurnSubmitter.Submission.ACCEPTED);
            // Facts rather than a pause: no worker can take them, and both wait in the inbox.
            assertThat(first.getBean(TurnQueue.class).isRunning()).isFalse();
            assertThat(first.getBean(InboxStore.class).hasWaiting(
                    first.getBean(ConversationStore.class).number(chat.address().key()).orElseThrow())).isTrue();
            assertThat(FakeRemote.get().received(chat.conversationId())).isEmpty();
        }

        try (ConfigurableApplicationContext second = TestApplications.start(database)) {
            List<Outbound> greeting = chat.untilChoices();
            assertThat(TestChat.texts(greeting).get(0)).startsWith("Bonjour");
            List<Outbound> found = chat.untilChoices();
            assertThat(TestChat.texts(found)).anyMatch(text -> text.startsWith("J’ai trouvé !"));
            assertThat(second.getBean(TurnSubmitter.class).submit(new Inbound("activity-1", chat.address(),
                    new UserInput.Start("fr"), "fr", java.time.Instant.now())))
                    .as("still a duplicate after the restart").isEqualTo(TurnSubmitter.Submission.DUPLICATE);
        }
    }
}
