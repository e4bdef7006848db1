package org.certdesk.bot.channel.teams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.certdesk.bot.testing.HeldStoreLock;
import org.certdesk.bot.testing.TestApplications;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.node.ObjectNode;

/**
 * On H2 in a file, an employee's activity is answered, and its turn's replies posted, once it is in the
 * journal of accepted activities, without waiting for H2 to write the turn; a crash before H2 wrote it
 * runs the turn again from the journal.
 */
class JournaledAnswersTests {

    @RegisterExtension
    static final BotFrameworkStub teams = new BotFrameworkStub();

    /**
     * With H2's writes held up, the turn is answered 200 and its replies reach Teams. What the disk holds
     * at that moment (H2's file without the turn, and the journal), copied as a {@code kill -9} would leave
     * it, is started again: the turn is run again and its replies posted again. The same copy started
     * without the journal has lost the turn, which is what this test would see if the journal did not work.
     */
    @Test
    void aTurnH2HadNotWrittenWhenTheProcessDiedIsRunAgainFromTheJournal(@TempDir Path directory,
            @TempDir Path afterCrash, @TempDir Path afterCrashWithoutJournal) throws Exception {
        TeamsUser user;
        String activityId;
        int withTheTurn;
        try (ConfigurableApplicationContext bot = TestApplications.start(TestApplications.h2File(directory),
                teams.settings(), WebApplicationType.SERVLET)) {
            user = new TeamsUser(teams, "http://localhost:" + TestApplications.port(bot), "fr-FR");
            assertThat(user.type("bonjour").statusCode()).isEqualTo(200);
            int welcomed = teams.awaitAttempts(user.conversationId(), attempts -> !attempts.isEmpty()).size();
            try (HeldStoreLock stuck = new HeldStoreLock(mvStore(bot))) {
                ObjectNode message = user.message("mon téléphone dit qu'il manque un certificat",
                        JournaledAnswersTests::fromTheTenant);
                activityId = message.path("id").asString();
                HttpResponse<String> answer = user.post(message, teams.token(claims -> { }));
                assertThat(answer.statusCode()).as("answered while H2 cannot write").isEqualTo(200);
                withTheTurn = teams.awaitAttempts(user.conversationId(), attempts -> attempts.size() > welcomed).size();
                assertThat(recorded(bot, activityId)).as("the turn, committed").isEqualTo(1);
                copyStore(directory, afterCrash);
                copyStore(directory, afterCrashWithoutJournal);
            }
        }

        try (ConfigurableApplicationContext restarted = TestApplications.start(TestApplications.h2File(afterCrash),
                teams.settings(), WebApplicationType.SERVLET)) {
            await().atMost(Duration.ofSeconds(20)).alias("the turn, run again from the journal")
                    .until(() -> recorded(restarted, activityId) == 1);
            int posted = withTheTurn;
            assertThat(teams.awaitAttempts(user.conversationId(), attempts -> attempts.size() > posted))
                    .as("its replies, posted again").last().matches(BotFrameworkStub.Attempt::accepted);
        }

        Map<String, Object> withoutJournal = new HashMap<>(teams.settings());
        withoutJournal.put("certdesk.store.journal.enabled", "false");
        try (ConfigurableApplicationContext control = TestApplications.start(
                TestApplications.h2File(afterCrashWithoutJournal), withoutJournal, WebApplicationType.SERVLET)) {
            assertThat(recorded(control, activityId)).as("the same disk without the journal: the turn is lost")
                    .isZero();
        }
    }

    /**
     * Nothing is acknowledged that the journal could not keep: with its folder unusable, the activity is
     * answered 500 and its turn leaves no trace and no reply; Teams' retry, once the folder is back,
     * is answered 200 and runs the turn once.
     */
    @Test
    void anActivityTheJournalCannotKeepIsAnswered500AndNothingIsDone(@TempDir Path directory) throws Exception {
        try (ConfigurableApplicationContext bot = TestApplications.start(TestApplications.h2File(directory),
                teams.settings(), WebApplicationType.SERVLET)) {
            TeamsUser user = new TeamsUser(teams, "http://localhost:" + TestApplications.port(bot), "en-US");
            Path journal = directory.resolve("certdesk.journal");
            assertThat(journal).as("the journal's folder, made at start").isDirectory();
            Files.delete(journal);
            Files.writeString(journal, "not a folder");

            ObjectNode message = user.message("hello", JournaledAnswersTests::fromTheTenant);
            HttpResponse<String> refused = user.post(message, teams.token(claims -> { }));
            assertThat(refused.statusCode()).isEqualTo(500);
            String activityId = message.path("id").asString();
            assertThat(recorded(bot, activityId)).as("nothing recorded").isZero();
            Thread.sleep(300); // time for a reply that would have been posted
            assertThat(teams.attempts(user.conversationId())).as("no reply").isEmpty();

            Files.delete(journal);
            Files.createDirectory(journal);
            assertThat(user.post(message, teams.token(claims -> { })).statusCode()).isEqualTo(200);
            assertThat(teams.awaitAttempts(user.conversationId(), attempts -> !attempts.isEmpty()))
                    .allMatch(BotFrameworkStub.Attempt::accepted);
            assertThat(recorded(bot, activityId)).isEqualTo(1);
        }
    }

    /**
     * A journal the last run left with a record that is not an activity (written by another release,
     * or damaged with a matching checksum) does not keep the bot from starting: the record is logged and
     * skipped, the others are accepted again, and the journal is emptied.
     */
    @Test
    void anUnreadableRecordOfTheLastRunIsSkippedAndTheBotStarts(@TempDir Path directory) throws Exception {
        Path journal = Files.createDirectories(directory.resolve("certdesk.journal"));
        byte[] record = "{\"not\": \"an activity\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(record);
        java.nio.ByteBuffer segment = java.nio.ByteBuffer.allocate(8 + record.length).putInt(record.length)
                .putInt((int) crc.getValue()).put(record);
        Files.write(journal.resolve("00000000000000000000.log"), segment.array());
        try (ConfigurableApplicationContext bot = TestApplications.start(TestApplications.h2File(directory),
                teams.settings(), WebApplicationType.SERVLET)) {
            TeamsUser user = new TeamsUser(teams, "http://localhost:" + TestApplications.port(bot), "en-US");
            assertThat(user.type("hello").statusCode()).isEqualTo(200);
            assertThat(journal.resolve("00000000000000000000.log")).as("the last run's segment, replayed").doesNotExist();
        }
    }

    /** H2's file and the journal as they are on disk now. */
    private static void copyStore(Path from, Path to) throws IOException {
        Files.copy(from.resolve("certdesk.mv.db"), to.resolve("certdesk.mv.db"));
        Path journal = Files.createDirectory(to.resolve("certdesk.journal"));
        try (Stream<Path> segments = Files.list(from.resolve("certdesk.journal"))) {
            for (Path segment : segments.toList()) {
                Files.copy(segment, journal.resolve(segment.getFileName()));
            }
        }
    }

    private static long recorded(ConfigurableApplicationContext bot, String activityId) {
        return bot.getBean(JdbcClient.class).sql("SELECT COUNT(*) FROM processed_activities WHERE activity_id = ?")
                .param(activityId).query(Long.class).single();
    }

    private static void fromTheTenant(ObjectNode activity) {
        activity.put("textFormat", "plain");
        activity.putObject("channelData").putObject("tenant").put("id", BotFrameworkStub.TENANT_ID);
    }

    private static MVStore mvStore(ConfigurableApplicationContext bot) throws Exception {
        try (java.sql.Connection connection = bot.getBean(DataSource.class).getConnection()) {
            return ((org.h2.engine.SessionLocal) connection.unwrap(org.h2.jdbc.JdbcConnection.class).getSession())
                    .getDatabase().getStore().getMvStore();
        }
    }
}
