package org.certdesk.bot.channel.teams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.certdesk.bot.testing.TestApplications;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Bot Connector that answers late (in production: after 16 s, past the old 15 s timeout), with
 * the timeouts and the lease scaled down. A reply answered within {@code certdesk.bot.reply-timeout}
 * is sent once, however much longer than the outbox lease it takes (the claim is renewed while the
 * POST is in flight); one answered later may have arrived, so it is sent again (at least once) only
 * one more reply timeout later, never while the first attempt may still succeed, and the replies
 * after it keep their order.
 */
class SlowConnectorTests {
    @RegisterExtension
    static final BotFrameworkStub teams = new BotFrameworkStub();

    @Test
    void aSlowAnswerWithinTheReplyTimeoutIsSentOnce(@TempDir Path directory) {
        try (ConfigurableApplicationContext bot = start(directory, "3s", "8s")) {
            TeamsUser alice = new TeamsUser(teams, url(bot), "en-US");
            teams.slowOnce(Duration.ofMillis(1500));
            askWelcomeThenHelp(alice);
            alice.untilButtons(); // the welcome: one card
            alice.untilButtons(); // the help and the question again: one card

            List<BotFrameworkStub.Attempt> attempts = teams.attempts(alice.conversationId());
            assertThat(attempts).extracting(BotFrameworkStub.Attempt::status).containsOnly(201);
            assertThat(attempts).as("each reply posted once").hasSize(2)
                    .extracting(a -> a.activity().toString()).doesNotHaveDuplicates();
        }
    }

    @Test
    void anAnswerPastTheReplyTimeoutIsSentAgainOnlyOneMoreReplyTimeoutLater(@TempDir Path directory) {
        Duration replyTimeout = Duration.ofSeconds(1);
        try (ConfigurableApplicationContext bot = start(directory, "1s", "3s")) {
            TeamsUser alice = new TeamsUser(teams, url(bot), "en-US");
            teams.slowOnce(Duration.ofMillis(2500));
            askWelcomeThenHelp(alice);
            List<BotFrameworkStub.Attempt> attempts = teams.awaitAttempts(alice.conversationId(), a -> a.size() >= 3);
            assertThat(attempts).as("the first reply twice (its first attempt went unanswered), then the other")
                    .hasSize(3);
            assertThat(attempts.get(1).activity()).isEqualTo(attempts.get(0).activity());
            assertThat(Duration.between(attempts.get(0).at(), attempts.get(1).at()))
                    .as("not sent again while the first attempt could still succeed: its timeout, then as long again")
                    .isGreaterThanOrEqualTo(replyTimeout.multipliedBy(2).minusMillis(50));
            assertThat(attempts.subList(1, 3)).extracting(a -> a.activity().toString()).doesNotHaveDuplicates();
            assertThat(attempts.get(2).at()).as("the next replies wait for it: order kept").isAfter(attempts.get(1).at());
        }
    }

    @Test
    void aPostSlowerThanTheLeaseKeepsItsClaimAndIsSentOnce(@TempDir Path directory) {
        // The claim (1.5 s) is renewed every 0.5 s while the connector takes 4 s to answer: the poller,
        // which takes any entry whose claim ran out, never sees it due.
        try (ConfigurableApplicationContext bot = start(directory, "8s", "1500ms")) {
            TeamsUser alice = new TeamsUser(teams, url(bot), "en-US");
            teams.slowOnce(Duration.ofSeconds(4));
            askWelcomeThenHelp(alice);
            alice.untilButtons(); // the welcome: one card
            alice.untilButtons(); // the help and the question again: one card

            List<BotFrameworkStub.Attempt> attempts = teams.attempts(alice.conversationId());
            assertThat(attempts).extracting(BotFrameworkStub.Attempt::status).containsOnly(201);
            assertThat(attempts).as("each reply posted once, in order").hasSize(2)
                    .extracting(a -> a.activity().toString()).doesNotHaveDuplicates();
            assertThat(Duration.between(attempts.get(0).at(), attempts.get(1).at()))
                    .as("the slow one first, the next after it").isPositive();
        }
    }

    /** Two turns, one activity each: the welcome, then the help right behind it (its reply waits in line). */
    private static void askWelcomeThenHelp(TeamsUser alice) {
        assertThat(alice.addBot().statusCode()).isEqualTo(200);
        assertThat(alice.type("help").statusCode()).isEqualTo(200);
    }

    private static ConfigurableApplicationContext start(Path directory, String replyTimeout, String lease) {
        Map<String, Object> settings = new HashMap<>(teams.settings());
        settings.put("certdesk.bot.connect-timeout", "500ms");
        settings.put("certdesk.bot.reply-timeout", replyTimeout);
        settings.put("certdesk.outbox.lease", lease);
        return TestApplications.start(TestApplications.h2File(directory), settings, WebApplicationType.SERVLET);
    }

    private static String url(ConfigurableApplicationContext context) {
        return "http://localhost:" + TestApplications.port(context);
    }
}
