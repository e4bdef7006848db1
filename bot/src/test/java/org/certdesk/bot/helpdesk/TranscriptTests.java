package org.certdesk.bot.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.certdesk.bot.outbox.Outbound;
import org.certdesk.bot.shared.ConversationKey;
import org.certdesk.bot.testing.StoredConversations;
import org.certdesk.bot.testing.TestDatabases;
import org.certdesk.dialogs.engine.Message;
import org.certdesk.dialogs.engine.UserInput;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the helpdesk reads of a conversation's turns, on every database. */
class TranscriptTests {
    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aTurnReadsAsTheEmployeesWordsThenTheBotsRepliesInOrder(TestDatabases database) {
        Transcript transcript = new Transcript(JdbcClient.create(database.dataSource()));
        ConversationKey key = new ConversationKey("msteams", "a:" + UUID.randomUUID());
        long number = StoredConversations.number(database.dataSource(), key);

        transcript.turn(number, new UserInput.Text("Portail d'entreprise : certificat manquant"), "Alex Dupont",
                List.of(say("Quelle version d'Android ?"), new Outbound.Typing(), say(" "),
                        new Outbound.Say(new Message.Choices("Votre version :", List.of(new Message.Option("11", "Android 11+"),
                                new Message.Option("10", "Android 10 ou avant"))), "fr")), NOW);
        transcript.turn(number, new UserInput.Choice("11"), "Alex Dupont", List.of(say("x".repeat(5000))),
                NOW.plusSeconds(3));
        transcript.turn(number, null, null, List.of(say("Le certificat manquant est « Contoso Root »")), NOW.plusSeconds(4));
        transcript.turn(number, new UserInput.Text("   "), "Alex Dupont", List.of(), NOW.plusSeconds(5));

        List<Transcript.Line> lines = transcript.lines(key);
        assertThat(lines).extracting(Transcript.Line::author, Transcript.Line::name).containsExactly(
                tuple("employee", "Alex Dupont"), tuple("bot", null),
                tuple("bot", null), tuple("employee", "Alex Dupont"),
                tuple("bot", null), tuple("bot", null));
        assertThat(lines).extracting(Transcript.Line::text).startsWith("Portail d'entreprise : certificat manquant",
                "Quelle version d'Android ?", "Votre version :\n[Android 11+ | Android 10 ou avant]", "[11]");
        assertThat(lines.get(4).text()).hasSize(Transcript.MAX_TEXT).endsWith("x…");
        assertThat(lines.get(5).text()).isEqualTo("Le certificat manquant est « Contoso Root »");
        assertThat(lines).extracting(Transcript.Line::at).containsExactly(NOW, NOW, NOW, NOW.plusSeconds(3),
                NOW.plusSeconds(3), NOW.plusSeconds(4));
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aTurnOfManyRepliesKeepsThemAllInOrder(TestDatabases database) {
        Transcript transcript = new Transcript(JdbcClient.create(database.dataSource()));
        ConversationKey key = new ConversationKey("msteams", "a:" + UUID.randomUUID());
        long number = StoredConversations.number(database.dataSource(), key);
        List<String> said = java.util.stream.IntStream.rangeClosed(1, 11).mapToObj(i -> "étape " + i).toList();

        transcript.turn(number, new UserInput.Text("aide"), "Alex Dupont", said.stream().map(TranscriptTests::say).toList(),
                NOW);

        List<String> expected = new java.util.ArrayList<>(List.of("aide"));
        expected.addAll(said);
        assertThat(transcript.lines(key)).extracting(Transcript.Line::text).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aTurnIsOneRowAndATextHoldingTheAnswersSeparatorStaysOneLine(TestDatabases database) {
        JdbcClient jdbc = JdbcClient.create(database.dataSource());
        Transcript transcript = new Transcript(jdbc);
        ConversationKey key = new ConversationKey("msteams", "a:" + UUID.randomUUID());
        long number = StoredConversations.number(database.dataSource(), key);

        transcript.turn(number, new UserInput.Text("un\u2029deux"), "Alex Dupont",
                List.of(say("trois\u2029quatre"), say("cinq"), say("six")), NOW);

        assertThat(transcript.lines(key)).extracting(Transcript.Line::author, Transcript.Line::text).containsExactly(
                tuple("employee", "un\ndeux"), tuple("bot", "trois\nquatre"), tuple("bot", "cinq"), tuple("bot", "six"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM transcript_lines WHERE conversation_ref = ?").param(number)
                .query(Long.class).single()).as("rows the turn wrote").isOne();
    }

    private static Outbound say(String text) {
        return new Outbound.Say(new Message.Text(text), "fr");
    }
}
