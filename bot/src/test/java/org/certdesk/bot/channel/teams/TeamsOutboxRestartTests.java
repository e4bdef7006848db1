package org.certdesk.bot.channel.teams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.certdesk.bot.testing.TestApplications;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The outbox with the real {@link TeamsDelivery}: the Bot Connector (WireMock) answers a reply 503,
 * then 429 with {@code Retry-After: 1}; the bot is stopped and a new one started on the same H2
 * file; the connector then answers 200. Every reply reaches the connector exactly once, in order:
 * those acknowledged before the stop are not sent again, the one refused is sent once, after its
 * Retry-After, followed by the rest.
 */
class TeamsOutboxRestartTests {
    @RegisterExtension
    static final BotFrameworkStub teams = new BotFrameworkStub();

    @Test
    void eachReplyReachesTheConnectorOnceInOrderAcrossARestart(@TempDir Path directory) {
        String database = TestApplications.h2File(directory);
        TeamsUser alice;
        try (ConfigurableApplicationContext first = start(database)) {
            alice = new TeamsUser(teams, bot(first), "fr-FR");
            assertThat(alice.addBot().statusCode()).isEqualTo(200);
            assertThat(alice.untilButtons()).as("the greeting and the question with its buttons: one bubble").hasSize(1);

            // From now on the connector refuses: 503 once, then 429 until the test moves it on, so the
            // stop always falls between a refusal and the acceptance, however slow the machine.
            teams.connector(BotFrameworkStub.FAILING);
            assertThat(alice.type("aide").statusCode()).isEqualTo(200);
            assertThat(alice.type("aide").statusCode()).as("a second turn, whose reply must wait behind the first")
                    .isEqualTo(200);
            teams.awaitAttempts(alice.conversationId(), attempts -> attempts.stream().anyMatch(a -> a.status() == 429));
        }
        List<BotFrameworkStub.Attempt> beforeRestart = teams.attempts(alice.conversationId());
        assertThat(beforeRestart).extracting(BotFrameworkStub.Attempt::status).as("before the stop")
                .startsWith(201, 503, 429).containsOnly(201, 503, 429);
        // In the file between the two runs: the welcome left the outbox once delivered; both helps wait,
        // the first with its refused attempts counted (they set its backoff and its attempt limit).
        assertThat(outboxRows(database, alice.conversationId()))
                .containsExactly(List.of(2L, "PENDING", beforeRestart.size() - 1L), List.of(3L, "PENDING", 0L));
        teams.connector(BotFrameworkStub.RECOVERED);

        try (ConfigurableApplicationContext second = start(database)) {
            // Nothing to post: the new bot finds the pending replies in the outbox on its own.
            List<JsonNode> help = alice.untilButtons();
            assertThat(TeamsUser.said(help)).as("the first help (the second may have come as well)").startsWith(TeamsMarkup.cardText("Je vous guide pas à pas pour"
                    + " installer le certificat qui manque à votre téléphone. Répondez avec les boutons ou en quelques"
                    + " mots. À tout moment, écrivez « recommencer », « parler à quelqu’un » ou « in English »."),
                    "Quelle version d’Android a votre téléphone ?");

            List<BotFrameworkStub.Attempt> attempts = teams.awaitAttempts(alice.conversationId(),
                    all -> all.stream().filter(BotFrameworkStub.Attempt::accepted).count() >= 3);
            assertThat(attempts.stream().map(a -> String.valueOf(a.status())).collect(Collectors.joining(" ")))
                    .as("the welcome accepted; the first help refused (503, then 429 until the stop); after the"
                            + " start, that help and the one after it accepted, and nothing else")
                    .matches("201 503 (429 )+201 201");
            assertThat(attempts.subList(0, beforeRestart.size())).isEqualTo(beforeRestart);

            BotFrameworkStub.Attempt third = attempts.get(beforeRestart.size());
            List<BotFrameworkStub.Attempt> refused = attempts.stream().filter(a -> !a.accepted()).toList();
            assertThat(refused).extracting(BotFrameworkStub.Attempt::activity).as("the same reply, retried")
                    .containsOnly(third.activity());
            assertThat(TeamsUser.said(List.of(third.activity())).get(0)).startsWith("Je vous guide");
            for (int i = 0; i < attempts.size() - 1; i++) {
                if (attempts.get(i).status() == 429) {
                    assertThat(Duration.between(attempts.get(i).at(), attempts.get(i + 1).at()))
                            .as("Retry-After: 1 honoured, across the restart too").isGreaterThanOrEqualTo(Duration.ofMillis(950));
                }
            }

            // The last entry is deleted just after the connector answered: wait for that.
            JdbcClient jdbc = second.getBean(JdbcClient.class);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).alias("delivered replies leave the outbox")
                    .until(() -> jdbc.sql("SELECT COUNT(*) FROM outbox WHERE conversation_ref IN"
                            + " (SELECT id FROM conversations WHERE conversation_id = :id)")
                            .param("id", alice.conversationId()).query(Long.class).single() == 0);
            assertThat(teams.shown(alice.conversationId())).as("each reply once").hasSize(3);
            assertThat(TeamsUser.said(teams.shown(alice.conversationId()))).as("in order")
                    .filteredOn(text -> text.startsWith("Bonjour") || text.startsWith("Je vous guide"))
                    .extracting(text -> text.substring(0, 7)).containsExactly("Bonjour", "Je vous", "Je vous");
        }
    }

    /** The conversation's outbox rows in the stopped bot's file: sequence, status, attempts. */
    private static List<List<Object>> outboxRows(String database, String conversationId) {
        try (Connection connection = DriverManager.getConnection(database, "sa", "");
                PreparedStatement select = connection.prepareStatement("SELECT sequence, status, attempts FROM outbox"
                        + " WHERE conversation_ref IN (SELECT id FROM conversations WHERE conversation_id = ?)"
                        + " ORDER BY sequence")) {
            select.setString(1, conversationId);
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    rows.add(List.of(row.getLong(1), row.getString(2), (long) row.getInt(3)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ConfigurableApplicationContext start(String database) {
        return TestApplications.start(database, teams.settings(), WebApplicationType.SERVLET);
    }

    private static String bot(ConfigurableApplicationContext context) {
        return "http://localhost:" + TestApplications.port(context);
    }
}
