package org.certdesk.bot.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.certdesk.bot.shared.ConversationKey;
import org.certdesk.bot.testing.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The transcript sweep's SQL on both stores: lines without a case go after the cut-off, unless their
 * conversation has a case (they are its context until the case itself is deleted).
 */
class TranscriptRetentionTests {

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void oldLinesOfConversationsWithoutACaseAreDeletedTheCasesContextStays(TestDatabases database) {
        JdbcClient jdbc = JdbcClient.create(database.dataSource());
        Transcript transcript = new Transcript(jdbc);
        Instant now = Instant.now();
        Instant cutOff = now.minus(Duration.ofDays(30));
        Instant old = cutOff.minus(Duration.ofDays(5));
        ConversationKey neverEscalated = conversation(jdbc, old);
        ConversationKey escalated = conversation(jdbc, old);
        ConversationKey recent = conversation(jdbc, now);
        transcript.add(neverEscalated, null, "employee", "Camille", "mon téléphone", old);
        transcript.add(neverEscalated, null, "bot", null, "Quelle version ?", old);
        transcript.add(escalated, null, "employee", "Dominique", "je veux une personne", old);
        jdbc.sql("INSERT INTO handoffs (channel, conversation_id, turn_ref, reason, variables_json,"
                        + " script_id, script_version, locale, status, created_at) VALUES (:channel, :id, 't1',"
                        + " 'asked_for_person', '{}', 'android', 1, 'fr', 'OPEN', :at)")
                .param("channel", escalated.channel()).param("id", escalated.conversationId())
                .param("at", CaseStore.utc(old)).update();
        long caseId = jdbc.sql("SELECT id FROM handoffs WHERE channel = :channel AND conversation_id = :id")
                .param("channel", escalated.channel()).param("id", escalated.conversationId())
                .query(Long.class).single();
        transcript.add(escalated, caseId, "agent", "Alice", "Bonjour, je regarde.", old);
        transcript.add(recent, null, "employee", "Sam", "hello", now);

        assertThat(transcript.deleteWithoutCaseBefore(cutOff)).isGreaterThanOrEqualTo(2);

        assertThat(transcript.lines(neverEscalated)).as("never escalated, 35 days old").isEmpty();
        assertThat(transcript.lines(escalated)).as("the case and what led to it")
                .extracting(Transcript.Line::text).containsExactly("je veux une personne", "Bonjour, je regarde.");
        assertThat(transcript.lines(recent)).hasSize(1);
        assertThat(transcript.deleteWithoutCaseBefore(cutOff)).as("nothing left to delete").isZero();
    }

    private static ConversationKey conversation(JdbcClient jdbc, Instant at) {
        ConversationKey key = new ConversationKey("test", "retention-" + UUID.randomUUID());
        jdbc.sql("INSERT INTO conversations (channel, conversation_id, created_at) VALUES (:channel, :id, :at)")
                .param("channel", key.channel()).param("id", key.conversationId()).param("at", CaseStore.utc(at))
                .update();
        return key;
    }
}
