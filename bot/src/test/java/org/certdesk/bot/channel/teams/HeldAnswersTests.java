package org.certdesk.bot.channel.teams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

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
 * Without the journal of accepted activities ({@code certdesk.store.journal.enabled=false}, or an
 * activity whose channel writes beside it), an activity is answered 200 once it is in the store's file,
 * and waiting for that write does not hold a request thread: with two request threads and H2's write to the file held up, eight Teams
 * conversations' turns all run, none is answered, and all are answered once the write goes through.
 * (A thread waiting for the write would have let two turns run, and left six activities unread.)
 */
class HeldAnswersTests {
    private static final int CONVERSATIONS = 8;

    @RegisterExtension
    static final BotFrameworkStub teams = new BotFrameworkStub();

    @Test
    void turnsRunWhileTheirAnswersWaitForTheWrite(@TempDir Path directory) throws Exception {
        Map<String, Object> settings = withoutJournal();
        settings.put("server.tomcat.threads.max", "2");
        settings.put("server.tomcat.threads.min-spare", "1");
        ExecutorService employees = Executors.newFixedThreadPool(CONVERSATIONS);
        try (ConfigurableApplicationContext bot = TestApplications.start(TestApplications.h2File(directory), settings,
                WebApplicationType.SERVLET)) {
            String url = "http://localhost:" + TestApplications.port(bot);
            List<TeamsUser> users = IntStream.range(0, CONVERSATIONS).mapToObj(i -> new TeamsUser(teams, url, "en-US"))
                    .toList();
            assertThat(users.get(0).type("warm-up").statusCode()).isEqualTo(200);
            JdbcClient jdbc = bot.getBean(JdbcClient.class);
            long before = recorded(jdbc);

            List<Future<HttpResponse<String>>> answers;
            try (HeldStoreLock stuck = new HeldStoreLock(mvStore(bot.getBean(DataSource.class)))) {
                answers = users.stream().map(user -> employees.submit(() -> user.type("hello"))).toList();
                await().atMost(Duration.ofSeconds(20)).alias("every conversation's turn run and committed")
                        .until(() -> recorded(jdbc) - before == CONVERSATIONS);
                Thread.sleep(300); // time for an answer that would not wait
                assertThat(answers).as("answers sent before the write").noneMatch(Future::isDone);
            }
            for (Future<HttpResponse<String>> answer : answers) {
                assertThat(answer.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }
        } finally {
            employees.shutdownNow();
        }
    }

    /**
     * A store that cannot write is an error, not a hang: an activity held for a write that does not come
     * within 10 s is answered 500, as a thread waiting for the write answers. Teams sends it again later,
     * and by then the store knows it: the retry is answered 200 and the turn does not run twice. (The
     * activity whose turn came first may be the one whose thread is writing, answered 200 once the write
     * goes through, or wait for the store's writer like the other: which one depends on the scheduler.)
     */
    @Test
    void anActivityTheStoreCannotWriteInTimeIsAnswered500AndItsRetry200(@TempDir Path directory) throws Exception {
        ExecutorService employees = Executors.newFixedThreadPool(2);
        try (ConfigurableApplicationContext bot = TestApplications.start(TestApplications.h2File(directory),
                withoutJournal(), WebApplicationType.SERVLET)) {
            String url = "http://localhost:" + TestApplications.port(bot);
            TeamsUser first = new TeamsUser(teams, url, "en-US");
            TeamsUser held = new TeamsUser(teams, url, "fr-FR");
            assertThat(first.type("warm-up").statusCode()).isEqualTo(200);
            JdbcClient jdbc = bot.getBean(JdbcClient.class);
            long before = recorded(jdbc);
            ObjectNode firstMessage = first.message("the file stops", HeldAnswersTests::fromTheTenant);
            ObjectNode heldMessage = held.message("bonjour", HeldAnswersTests::fromTheTenant);

            Future<HttpResponse<String>> firstAnswer;
            HttpResponse<String> refused;
            try (HeldStoreLock stuck = new HeldStoreLock(mvStore(bot.getBean(DataSource.class)))) {
                firstAnswer = employees.submit(() -> first.post(firstMessage, teams.token(claims -> { })));
                await().atMost(Duration.ofSeconds(10)).until(() -> recorded(jdbc) - before == 1);
                long asked = System.nanoTime();
                refused = employees.submit(() -> held.post(heldMessage, teams.token(claims -> { })))
                        .get(30, TimeUnit.SECONDS);
                assertThat(Duration.ofNanos(System.nanoTime() - asked)).as("answered after the store's limit")
                        .isGreaterThanOrEqualTo(Duration.ofSeconds(9));
            }
            assertThat(refused.statusCode()).isEqualTo(500);
            assertThat(refused.body()).contains("could not be stored in time");
            assertThat(firstAnswer.get(10, TimeUnit.SECONDS).statusCode()).as("the first activity, answered")
                    .isIn(200, 500);

            // Teams' retries, once the store writes again.
            assertThat(held.post(heldMessage, teams.token(claims -> { })).statusCode()).isEqualTo(200);
            assertThat(first.post(firstMessage, teams.token(claims -> { })).statusCode()).isEqualTo(200);
            assertThat(recorded(jdbc) - before).as("each activity recorded once").isEqualTo(2);
            await().atMost(Duration.ofSeconds(10)).alias("both turns run")
                    .until(() -> jdbc.sql("SELECT COUNT(*) FROM processed_activities WHERE activity_id IN (?, ?)")
                            .params(firstMessage.path("id").asString(), heldMessage.path("id").asString())
                            .query(Long.class).single() == 2);
        } finally {
            employees.shutdownNow();
        }
    }

    /**
     * A reply leaves only once its turn is in the store's file. While turns come one at a time, the
     * reply's lane starts during the turn's write, to have the reply ready when it ends: with H2's write
     * held up, the turn runs and commits, and neither its answer nor its reply goes out until the write
     * does. (Posted when the lane is ready, the reply would reach the connector within the 300 ms.)
     */
    @Test
    void aReplyIsPostedOnlyOnceItsTurnIsInTheFile(@TempDir Path directory) throws Exception {
        ExecutorService employee = Executors.newSingleThreadExecutor();
        try (ConfigurableApplicationContext bot = TestApplications.start(TestApplications.h2File(directory),
                withoutJournal(), WebApplicationType.SERVLET)) {
            TeamsUser user = new TeamsUser(teams, "http://localhost:" + TestApplications.port(bot), "fr-FR");
            assertThat(user.type("bonjour").statusCode()).isEqualTo(200);
            int shown = teams.awaitAttempts(user.conversationId(), attempts -> !attempts.isEmpty()).size();
            Thread.sleep(300); // the warm-up's lane done and its entries marked sent: the next turn comes alone
            JdbcClient jdbc = bot.getBean(JdbcClient.class);
            long before = recorded(jdbc);

            Future<HttpResponse<String>> answer;
            try (HeldStoreLock stuck = new HeldStoreLock(mvStore(bot.getBean(DataSource.class)))) {
                answer = employee.submit(() -> user.type("mon téléphone dit qu'il manque un certificat"));
                await().atMost(Duration.ofSeconds(10)).alias("the turn run and committed")
                        .until(() -> recorded(jdbc) - before == 1);
                Thread.sleep(300);
                assertThat(teams.attempts(user.conversationId())).as("replies posted before the write").hasSize(shown);
                assertThat(answer).as("answered before the write").isNotDone();
            }
            assertThat(answer.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(teams.awaitAttempts(user.conversationId(), attempts -> attempts.size() > shown))
                    .as("the reply, once written").allMatch(BotFrameworkStub.Attempt::accepted);
        } finally {
            employee.shutdownNow();
        }
    }

    private static Map<String, Object> withoutJournal() {
        Map<String, Object> settings = new HashMap<>(teams.settings());
        settings.put("certdesk.store.journal.enabled", "false");
        return settings;
    }

    private static void fromTheTenant(ObjectNode activity) {
        activity.put("textFormat", "plain");
        activity.putObject("channelData").putObject("tenant").put("id", BotFrameworkStub.TENANT_ID);
    }

    /** Activities of the bot's conversations recorded: turns run, and activities waiting in the inbox. */
    private static long recorded(JdbcClient jdbc) {
        return jdbc.sql("SELECT (SELECT COUNT(*) FROM processed_activities) + (SELECT COUNT(*) FROM inbox)")
                .query(Long.class).single();
    }

    private static MVStore mvStore(DataSource dataSource) throws Exception {
        try (java.sql.Connection connection = dataSource.getConnection()) {
            return ((org.h2.engine.SessionLocal) connection.unwrap(org.h2.jdbc.JdbcConnection.class).getSession())
                    .getDatabase().getStore().getMvStore();
        }
    }
}
