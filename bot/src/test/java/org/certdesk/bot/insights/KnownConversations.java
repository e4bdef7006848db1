package org.certdesk.bot.insights;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.certdesk.bot.shared.ConversationKey;
import org.certdesk.bot.testing.StoredConversations;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A known set of conversations, cases, visited states and analyses over three days, written
 * straight into the tables the dashboard reads. Ids are new each time, so several sets can share a
 * database; only the days are fixed: pick days no other test writes.
 */
final class KnownConversations {
    private final JdbcClient jdbc;
    private final String day1;
    private final String day2;
    private final String day3;
    final String host;

    /** @param day1 e.g. {@code 2026-11-01}; the set spans it and the next two days */
    KnownConversations(JdbcClient jdbc, String day1) {
        this(jdbc, day1, "sts-" + UUID.randomUUID() + ".contoso.test");
    }

    /** @param host the sign-in host of the analyses */
    KnownConversations(JdbcClient jdbc, String day1, String host) {
        this.jdbc = jdbc;
        this.host = host;
        this.day1 = day1;
        this.day2 = java.time.LocalDate.parse(day1).plusDays(1).toString();
        this.day3 = java.time.LocalDate.parse(day1).plusDays(2).toString();
    }

    /** The instant the figures are computed at: the day after the set, noon. */
    Instant now() {
        return at(java.time.LocalDate.parse(day3).plusDays(1).toString(), "12:00");
    }

    /**
     * Per day 2, 1, 2 conversations; resolved 1, escalated 2 (several_missing, user_asked), abandoned
     * 1, in progress 1; the funnel ask_version 5, analyze 2, confirm 1, show_missing 1; cases taken
     * after 120 s and 600 s, one resolved after 1200 s; chat verdicts on the host at API 30:
     * INCOMPLETE_CHAIN twice, at API 24: OK once. Outside: a conversation the day before, the
     * helpdesk's own conversation (no dialog state).
     */
    void write() {
        String resolved = conversation(day1, "10:00", "RESOLVED", day1, "10:20", "ask_version", "analyze", "show_missing",
                "confirm");
        String escalated = conversation(day1, "11:00", "ESCALATED", day1, "11:05", "ask_version", "analyze");
        handoff(escalated, "several_missing", at(day1, "11:05"), at(day1, "11:07"), at(day1, "11:25"), "RESOLVED");
        conversation(day2, "09:00", "ACTIVE", day2, "09:05", "ask_version"); // silent for 2 days: abandoned
        // Still going: active 12.5 h before "now".
        conversation(day3, "23:30", "ACTIVE", java.time.LocalDate.parse(day3).plusDays(1).toString(), "00:00",
                "ask_version");
        String asked = conversation(day3, "12:00", "ESCALATED", day3, "12:01", "ask_version");
        handoff(asked, "user_asked", at(day3, "12:01"), at(day3, "12:11"), null, "TAKEN");
        String before = java.time.LocalDate.parse(day1).minusDays(1).toString();
        conversation(before, "23:59", "RESOLVED", before, "23:59", "ask_version");
        String helpdesk = "19:" + UUID.randomUUID() + "@thread.tacv2";
        jdbc.sql("INSERT INTO conversations (channel, conversation_id, conversation_type, created_at)"
                        + " VALUES ('msteams', :id, 'channel', :at)")
                .param("id", helpdesk).param("at", at(day2, "08:00").atOffset(ZoneOffset.UTC))
                .update();
        StoredConversations.stateRow(jdbc, new ConversationKey("msteams", helpdesk));
        analysis(resolved, 30, "INCOMPLETE_CHAIN", at(day1, "10:05"));
        analysis(escalated, 30, "INCOMPLETE_CHAIN", at(day1, "11:03"));
        analysis(escalated, 24, "OK", at(day1, "11:03"));
        analysis(resolved, 30, "INCOMPLETE_CHAIN", at(before, "23:59"));
    }

    private String conversation(String day, String time, String status, String updatedDay, String updatedTime,
            String... states) {
        String id = "a:" + UUID.randomUUID();
        jdbc.sql("INSERT INTO conversations (channel, conversation_id, created_at) VALUES ('msteams', :id, :created)")
                .param("id", id).param("created", at(day, time).atOffset(ZoneOffset.UTC)).update();
        jdbc.sql("INSERT INTO conversation_states (conversation_ref, state_json, script_id, status, locale, updated_at)"
                        + " SELECT id, '{}', 'android-missing-certificate', :status, 'en', :updated FROM conversations"
                        + " WHERE channel = 'msteams' AND conversation_id = :id")
                .param("id", id).param("status", status)
                .param("updated", at(updatedDay, updatedTime).atOffset(ZoneOffset.UTC)).update();
        for (String state : states) {
            jdbc.sql("INSERT INTO state_visits (conversation_ref, script_id, state_id, first_at) SELECT c.id,"
                            + " 'android-missing-certificate', :state, :at FROM conversations c"
                            + " WHERE c.channel = 'msteams' AND c.conversation_id = :id")
                    .param("id", id).param("state", state).param("at", at(day, time).atOffset(ZoneOffset.UTC)).update();
        }
        return id;
    }

    private void handoff(String conversation, String reason, Instant created, Instant taken, Instant closed,
            String status) {
        jdbc.sql("INSERT INTO handoffs (channel, conversation_id, turn_ref, reason, variables_json, script_id,"
                        + " script_version, locale, status, created_at, taken_by, taken_at, closed_at) VALUES ('msteams',"
                        + " :id, 'activity:1', :reason, '{}', 'android-missing-certificate', 1, 'en', :status, :created,"
                        + " 'alice', :taken, :closed)")
                .param("id", conversation).param("reason", reason).param("status", status)
                .param("created", created.atOffset(ZoneOffset.UTC)).param("taken", taken.atOffset(ZoneOffset.UTC))
                .param("closed", closed == null ? null : closed.atOffset(ZoneOffset.UTC)).update();
    }

    private void analysis(String conversation, int apiLevel, String verdict, Instant at) {
        jdbc.sql("INSERT INTO analyzer_results (source, host, port, api_level, verdict, channel, conversation_id,"
                        + " checked_at) VALUES ('chat', :host, 443, :apiLevel, :verdict, 'msteams', :id, :at)")
                .param("host", host).param("apiLevel", apiLevel).param("verdict", verdict).param("id", conversation)
                .param("at", at.atOffset(ZoneOffset.UTC)).update();
    }

    static Instant at(String day, String time) {
        return Instant.parse(day + "T" + time + ":00Z");
    }
}
