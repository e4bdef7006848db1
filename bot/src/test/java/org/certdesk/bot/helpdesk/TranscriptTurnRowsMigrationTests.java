package org.certdesk.bot.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import javax.sql.DataSource;

import org.certdesk.bot.outbox.Outbound;
import org.certdesk.bot.shared.ConversationKey;
import org.certdesk.bot.testing.TestDatabases;
import org.certdesk.dialogs.engine.Message;
import org.certdesk.dialogs.engine.UserInput;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An upgrade to V20 (a turn's transcript in one row, the agents' message ids in a table of their own)
 * keeps what an earlier release wrote readable, in order, and still recognises an agent's retried
 * message, on each database.
 */
class TranscriptTurnRowsMigrationTests {
    private static final OffsetDateTime AT = OffsetDateTime.of(2026, 12, 1, 9, 0, 0, 0, ZoneOffset.UTC);
    private static final ConversationKey ALEX = new ConversationKey("msteams", "a:alex");
    private static final long CASE = 7;

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void theLinesOfAnEarlierReleaseReadAsBeforeAndAnAgentsRetryIsStillRecognised(TestDatabases database) {
        DataSource dataSource = database.empty();
        database.migrations(dataSource).target("19").load().migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        jdbc.sql("INSERT INTO conversations (channel, conversation_id, created_at, updated_at)"
                + " VALUES ('msteams', 'a:alex', :at, :at)").param("at", AT).update();
        long alex = jdbc.sql("SELECT id FROM conversations").query(Long.class).single();
        // A row a line, as V19's release wrote them: a turn, then the agent's message sent with its id.
        for (String[] line : List.of(new String[] {"employee", null, "android 14"}, new String[] {"bot", null, "Merci."},
                new String[] {"bot", null, "Ça a marché ?\n[Oui | Non]"})) {
            jdbc.sql("INSERT INTO transcript_lines (conversation_ref, author, author_name, text, created_at)"
                    + " VALUES (?, ?, ?, ?, ?)").param(alex).param(line[0]).param(line[1]).param(line[2]).param(AT)
                    .update();
        }
        jdbc.sql("INSERT INTO transcript_lines (conversation_ref, case_id, author, author_name, text, client_ref,"
                + " created_at) VALUES (?, ?, 'agent', 'Dana', 'Ouvrez les paramètres.', 'm1', ?)")
                .param(alex).param(CASE).param(AT).update();

        database.migrations(dataSource).load().migrate();

        Transcript transcript = new Transcript(jdbc);
        Instant later = AT.toInstant().plusSeconds(60);
        assertThat(transcript.add(ALEX, CASE, "agent", "Dana", "Ouvrez les paramètres.", "m1", later))
                .as("the agent's message sent again after the upgrade").isFalse();
        assertThat(transcript.add(ALEX, CASE, "agent", "Dana", "Puis Sécurité.", "m2", later)).isTrue();
        transcript.turn(alex, new UserInput.Text("c'est fait"), "Alex",
                List.of(new Outbound.Say(new Message.Text("Parfait."), "fr")), later.plusSeconds(1));

        assertThat(transcript.lines(ALEX)).extracting(Transcript.Line::author, Transcript.Line::text).containsExactly(
                tuple("employee", "android 14"), tuple("bot", "Merci."), tuple("bot", "Ça a marché ?\n[Oui | Non]"),
                tuple("agent", "Ouvrez les paramètres."), tuple("agent", "Puis Sécurité."),
                tuple("employee", "c'est fait"), tuple("bot", "Parfait."));
    }
}
