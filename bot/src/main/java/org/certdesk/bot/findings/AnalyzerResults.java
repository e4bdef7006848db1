package org.certdesk.bot.findings;

import java.time.Instant;

import org.certdesk.analyzer.HostReport;
import org.certdesk.bot.shared.ConversationKey;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Every diagnosis of a sign-in host with its time, from the watch or from a chat: what the dashboard counts. */
@Repository
class AnalyzerResults {
    static final String WATCH = "watch";
    static final String CHAT = "chat";

    private final JdbcClient jdbc;

    AnalyzerResults(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @param conversation the chat's conversation, null for the watch */
    void record(String source, HostReport report, ConversationKey conversation, Instant now) {
        jdbc.sql("INSERT INTO analyzer_results (source, host, port, api_level, verdict, channel, conversation_id,"
                        + " checked_at) VALUES (:source, :host, :port, :apiLevel, :verdict, :channel, :conversationId,"
                        + " :now)")
                .param("source", source).param("host", report.host()).param("port", report.port())
                .param("apiLevel", report.apiLevel()).param("verdict", report.verdict().name())
                .param("channel", conversation == null ? null : conversation.channel())
                .param("conversationId", conversation == null ? null : conversation.conversationId())
                .param("now", FindingStore.utc(now)).update();
    }

    /** Drops the watch's results older than {@code before}: a row per host and release every check adds up. */
    int forgetWatchBefore(Instant before) {
        return jdbc.sql("DELETE FROM analyzer_results WHERE source = 'watch' AND checked_at < :before")
                .param("before", FindingStore.utc(before)).update();
    }
}
