package org.certdesk.bot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.certdesk.bot.shared.ActivityJournal;
import org.certdesk.bot.shared.ChannelAddress;
import org.certdesk.bot.shared.DurableWrites;
import org.certdesk.bot.testing.TestDatabases;
import org.certdesk.bot.testing.TestProperties;
import org.certdesk.dialogs.engine.UserInput;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * The start's replay of what the last run journaled: an acknowledged activity it cannot queue again is
 * not dropped with the journal, the next start queues it.
 */
class JournalReplayTests {
    private static final Instant NOW = Instant.parse("2026-12-06T08:00:00Z");
    private static final InboundJson CODEC = new InboundJson(JsonMapper.builder().build());
    private static final Duration RETENTION = Duration.ofDays(7);

    /** A journal the last run left {@code records} in; counts the starts that were done with it. */
    private static final class LeftJournal implements ActivityJournal {
        private final List<String> records;
        int replayed;

        LeftJournal(List<String> records) {
            this.records = records;
        }

        @Override
        public boolean keeps() {
            return true;
        }

        @Override
        public void append(String record) {
        }

        @Override
        public boolean appendedInThisTransaction() {
            return false;
        }

        @Override
        public List<String> leftByLastRun() {
            return records;
        }

        @Override
        public void replayed() {
            replayed++;
        }
    }

    private static final DurableWrites WRITTEN_AT_ONCE = new DurableWrites() {
        @Override
        public void awaitDurable() {
        }

        @Override
        public boolean durableNow() {
            return true;
        }

        @Override
        public void afterDurable(Runnable action) {
            action.run();
        }

        @Override
        public Signal signalWhenWrittenHere() {
            return Signal.OPEN;
        }
    };

    @Test
    void anAcknowledgedActivityThatCannotBeQueuedAgainKeepsTheJournalForTheNextStart() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(TestProperties.h2Memory() + ";LOCK_TIMEOUT=100");
        dataSource.setUser("sa");
        TestDatabases.H2.migrations(dataSource).load().migrate();
        ChannelAddress address = ConversationStoreTests.address(UUID.randomUUID().toString());
        Inbound lost = new Inbound("k10", address, new UserInput.Text("ma question"), "fr-FR", NOW);
        LeftJournal journal = new LeftJournal(List.of(CODEC.write(lost)));
        ConversationStore conversations = new ConversationStore(JdbcClient.create(dataSource),
                JsonMapper.builder().build());
        InboxStore inbox = new InboxStore(JdbcClient.create(dataSource), CODEC, journal);
        long number = conversations.number(address, NOW);

        // Another transaction is writing the same activity id and does not end: each try times out.
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement insert = other.prepareStatement("INSERT INTO processed_activities"
                    + " (conversation_ref, activity_id, received_at) VALUES (?, 'k10', CURRENT_TIMESTAMP)")) {
                insert.setLong(1, number);
                insert.executeUpdate();
            }
            replay(journal, inbox, conversations, dataSource);
            assertThat(journal.replayed).as("the journal was dropped though k10 was not queued").isZero();
            other.rollback();
        }
        assertThat(inbox.oldest(number)).isEmpty();

        replay(journal, inbox, conversations, dataSource);
        assertThat(inbox.oldest(number)).get().extracting(row -> row.inbound().activityId()).isEqualTo("k10");
        assertThat(journal.replayed).as("queued at the next start, the journal goes").isEqualTo(1);
    }

    @Test
    void anActivityKeptLongerThanIdsAreRememberedIsNotRunAsNew() {
        DataSource dataSource = TestDatabases.H2.fresh();
        ChannelAddress address = ConversationStoreTests.address(UUID.randomUUID().toString());
        Inbound old = new Inbound("k3", address, new UserInput.Text("il y a longtemps"), "fr-FR",
                NOW.minus(RETENTION).minusSeconds(1));
        Inbound recent = new Inbound("k4", address, new UserInput.Text("tout à l'heure"), "fr-FR", NOW);
        LeftJournal journal = new LeftJournal(List.of(CODEC.write(old), CODEC.write(recent)));
        ConversationStore conversations = new ConversationStore(JdbcClient.create(dataSource),
                JsonMapper.builder().build());
        InboxStore inbox = new InboxStore(JdbcClient.create(dataSource), CODEC, journal);

        replay(journal, inbox, conversations, dataSource);

        long number = conversations.number(address, NOW);
        InboxRow queued = inbox.oldest(number).orElseThrow();
        assertThat(queued.inbound().activityId()).isEqualTo("k4");
        inbox.done(queued.id());
        assertThat(inbox.oldest(number)).as("k3 queued too").isEmpty();
        assertThat(journal.replayed).as("the journal goes").isEqualTo(1);
    }

    private static void replay(ActivityJournal journal, InboxStore inbox, ConversationStore conversations,
            DataSource dataSource) {
        JournalReplay replay = new JournalReplay(journal, inbox, conversations, WRITTEN_AT_ONCE,
                new DataSourceTransactionManager(dataSource), RETENTION,
                Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC));
        replay.start();
        replay.stop();
    }
}
