package org.certdesk.bot.helpdesk;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.certdesk.bot.shared.ConversationKey;
import org.certdesk.dialogs.engine.ConversationState;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cases ({@code handoffs} rows) with their employee ({@code conversations}). Every change of status
 * is a conditional UPDATE on the status it expects, so of two agents taking a case, or an agent
 * resolving while the employee cancels, exactly one wins.
 */
@Repository
class CaseStore {
    private static final String SELECT = "SELECT h.id, h.channel, h.conversation_id, h.status, h.reason, h.locale,"
            + " h.variables_json, h.created_at, h.taken_by, h.taken_by_name, h.taken_at, h.closed_at, h.return_state, c.id AS ref,"
            + " c.user_name, c.user_id, c.user_aad_object_id, c.tenant_id, c.android_api_level"
            + " FROM handoffs h JOIN conversations c ON c.channel = h.channel AND c.conversation_id = h.conversation_id";

    /** The cases closed before {@code :before}, as a FROM clause. */
    private static final String CLOSED =
            " FROM handoffs WHERE status IN ('RESOLVED', 'RETURNED', 'CANCELLED') AND closed_at < :before";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Transcript transcript;

    CaseStore(JdbcClient jdbc, JsonMapper json, Transcript transcript) {
        this.jdbc = jdbc;
        this.json = json;
        this.transcript = transcript;
    }

    /**
     * Inserts the case of an escalation unless this turn already opened one ({@code turn_ref} is
     * unique per conversation).
     *
     * @return 1 when inserted, 0 when the turn's case exists
     */
    int open(ConversationKey conversation, String turnRef, String reason, String variablesJson, ConversationState state,
            Instant now) {
        return jdbc.sql("INSERT INTO handoffs (channel, conversation_id, turn_ref, reason, variables_json,"
                        + " script_id, script_version, locale, created_at) VALUES (:channel, :conversationId,"
                        + " :turnRef, :reason, :variables, :scriptId, :scriptVersion, :locale, :now)"
                        + " ON CONFLICT DO NOTHING")
                .param("channel", conversation.channel())
                .param("conversationId", conversation.conversationId())
                .param("turnRef", turnRef)
                .param("reason", reason)
                .param("variables", variablesJson)
                .param("scriptId", state.scriptId())
                .param("scriptVersion", state.scriptVersion())
                .param("locale", state.locale())
                .param("now", utc(now))
                .update();
    }

    /** Cases in one of {@code statuses}, oldest first (the order agents should take them). */
    List<HelpdeskCase> list(Collection<HelpdeskCase.Status> statuses) {
        return jdbc.sql(SELECT + " WHERE h.status IN (:statuses) ORDER BY h.created_at, h.id")
                .param("statuses", statuses.stream().map(Enum::name).toList())
                .query(this::row).list();
    }

    Optional<HelpdeskCase> find(long id) {
        return jdbc.sql(SELECT + " WHERE h.id = :id").param("id", id).query(this::row).optional();
    }

    /**
     * Reads the case after row-locking its conversation (its state's row, as a turn does), then the
     * case, until the current transaction ends. Conversation first: a turn locks the conversation and
     * then updates the case (a cancellation), so taking the locks in the other order could deadlock
     * with it.
     */
    Optional<HelpdeskCase> lock(long id) {
        Optional<HelpdeskCase> unlocked = find(id);
        if (unlocked.isEmpty()) {
            return unlocked;
        }
        ConversationKey key = unlocked.get().conversation();
        jdbc.sql("SELECT conversation_ref FROM conversation_states WHERE conversation_ref = (SELECT id FROM"
                        + " conversations WHERE channel = :channel AND conversation_id = :conversationId) FOR UPDATE")
                .param("channel", key.channel()).param("conversationId", key.conversationId()).query(Long.class).list();
        List<Long> locked = jdbc.sql("SELECT id FROM handoffs WHERE id = :id FOR UPDATE").param("id", id)
                .query(Long.class).list();
        return locked.isEmpty() ? Optional.empty() : find(id);
    }

    /** The conversation's open or taken case, if any (the newest, should there be several). */
    Optional<HelpdeskCase> active(ConversationKey key) {
        return jdbc.sql(SELECT + " WHERE h.channel = :channel AND h.conversation_id = :conversationId"
                        + " AND h.status IN ('OPEN', 'TAKEN') ORDER BY h.id DESC LIMIT 1")
                .param("channel", key.channel()).param("conversationId", key.conversationId())
                .query(this::row).optional();
    }

    /** @return whether {@code agent} took it (false: it was no longer OPEN) */
    boolean take(long id, String agent, String agentName, Instant now) {
        return jdbc.sql("UPDATE handoffs SET status = 'TAKEN', taken_by = :agent, taken_by_name = :name, taken_at = :now"
                        + " WHERE id = :id AND status = 'OPEN'")
                .param("agent", agent)
                .param("name", agentName == null || agentName.length() <= 256 ? agentName : agentName.substring(0, 256))
                .param("now", utc(now)).param("id", id).update() == 1;
    }

    /** @return whether it moved from one of {@code from} to {@code to} */
    boolean close(long id, Collection<HelpdeskCase.Status> from, HelpdeskCase.Status to, String returnState,
            Instant now) {
        return jdbc.sql("UPDATE handoffs SET status = :to, closed_at = :now, return_state = :returnState"
                        + " WHERE id = :id AND status IN (:from)")
                .param("to", to.name()).param("now", utc(now)).param("returnState", returnState).param("id", id)
                .param("from", from.stream().map(Enum::name).toList())
                .update() == 1;
    }

    /**
     * Deletes the cases closed before {@code closedBefore} and the lines said in them (those with
     * their case_id), nothing else: the conversation and its lines from before the case belong to the
     * bot's own retention. A closed case never opens again, so the two statements see the same cases.
     * Call within a transaction.
     *
     * @return how many cases were deleted
     */
    int deleteClosedBefore(Instant closedBefore) {
        transcript.deleteOfCasesClosedBefore(CLOSED, closedBefore);
        return jdbc.sql("DELETE" + CLOSED).param("before", utc(closedBefore)).update();
    }

    /** Cases not closed yet (queued or taken): the gauge. */
    long countActive() {
        return jdbc.sql("SELECT COUNT(*) FROM handoffs WHERE status IN ('OPEN', 'TAKEN')").query(Long.class).single();
    }

    private HelpdeskCase row(ResultSet rs, int n) throws SQLException {
        Map<String, String> variables = json.readValue(rs.getString("variables_json"), new TypeReference<>() { });
        int apiLevel = rs.getInt("android_api_level");
        Integer androidApiLevel = rs.wasNull() ? null : apiLevel;
        String channel = rs.getString("channel");
        return new HelpdeskCase(rs.getLong("id"), new ConversationKey(channel, rs.getString("conversation_id")),
                rs.getLong("ref"), HelpdeskCase.Status.valueOf(rs.getString("status")), rs.getString("reason"),
                rs.getString("locale"), variables,
                new HelpdeskCase.Employee(rs.getString("user_name"), rs.getString("user_id"),
                        rs.getString("user_aad_object_id"), rs.getString("tenant_id"), channel),
                androidApiLevel, instant(rs, "created_at"), rs.getString("taken_by"), rs.getString("taken_by_name"), instant(rs, "taken_at"),
                instant(rs, "closed_at"), rs.getString("return_state"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
