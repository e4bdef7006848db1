package org.certdesk.bot.findings;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

import org.certdesk.bot.shared.ConversationKey;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The server findings and the employees who met them. Opening is an insert guarded by the unique
 * open key and closing a conditional update, so whichever instance checks, and however often, a
 * finding is opened once and closed once: the caller announces exactly what this store says it did.
 */
@Repository
public class FindingStore {
    /** Employees counted once: the Entra object id, else the channel's user id, else the conversation. */
    private static final String EMPLOYEES = "(SELECT COUNT(DISTINCT COALESCE(c.user_aad_object_id, c.user_id,"
            + " e.channel || ':' || e.conversation_id)) FROM finding_encounters e LEFT JOIN conversations c"
            + " ON c.channel = e.channel AND c.conversation_id = e.conversation_id WHERE e.finding_id = f.id)";
    private static final String COLUMNS = "f.id, f.host, f.port, f.code, f.certificate_name, f.certificate_sha256,"
            + " f.status, f.android_levels, f.detail, f.first_seen, f.last_seen, f.closed_at, " + EMPLOYEES
            + " AS employees";

    private final JdbcClient jdbc;

    public FindingStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return the new finding's id, or empty when one is already open for this key */
    OptionalLong open(FoundProblem problem, Collection<Integer> levels, Instant now) {
        int inserted = jdbc.sql("INSERT INTO server_findings (host, port, code, certificate_name, certificate_sha256,"
                        + " finding_key, open_key, status, android_levels, detail, first_seen, last_seen) VALUES"
                        + " (:host, :port, :code, :name, :sha256, :key, :key, 'OPEN', :levels, :detail, :now, :now)"
                        + " ON CONFLICT DO NOTHING")
                .param("host", problem.host()).param("port", problem.port()).param("code", problem.code())
                .param("name", cut(problem.certificateName(), 512)).param("sha256", problem.certificateSha256())
                .param("key", problem.key()).param("levels", levels(levels))
                .param("detail", cut(problem.detail(), 2000)).param("now", utc(now))
                .update();
        if (inserted != 1) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(jdbc.sql("SELECT id FROM server_findings WHERE open_key = :key")
                .param("key", problem.key()).query(Long.class).single());
    }

    /** A check saw an open finding again: when, and on which Android releases. */
    void seen(long id, Collection<Integer> levels, Instant now) {
        jdbc.sql("UPDATE server_findings SET last_seen = :now, android_levels = :levels WHERE id = :id"
                        + " AND status = 'OPEN'")
                .param("now", utc(now)).param("levels", levels(levels)).param("id", id).update();
    }

    /** @return whether this call closed it (false: it was closed already) */
    boolean close(long id, Instant now) {
        return jdbc.sql("UPDATE server_findings SET status = 'CLOSED', open_key = NULL, closed_at = :now"
                        + " WHERE id = :id AND status = 'OPEN'")
                .param("now", utc(now)).param("id", id).update() == 1;
    }

    /** The open findings of one host by their key (see {@link FoundProblem#key()}). */
    Map<String, Long> openKeysOn(String host, int port) {
        Map<String, Long> keys = new HashMap<>();
        jdbc.sql("SELECT open_key, id FROM server_findings WHERE host = :host AND port = :port AND status = 'OPEN'")
                .param("host", host).param("port", port)
                .query((rs, n) -> keys.put(rs.getString(1), rs.getLong(2))).list();
        return keys;
    }

    /** The open findings of one host, oldest first. */
    List<ServerFinding> openOn(String host, int port) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM server_findings f WHERE f.host = :host AND f.port = :port"
                        + " AND f.status = 'OPEN' ORDER BY f.id")
                .param("host", host).param("port", port).query(FindingStore::finding).list();
    }

    public Optional<ServerFinding> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM server_findings f WHERE f.id = :id").param("id", id)
                .query(FindingStore::finding).optional();
    }

    /** @param open true: open ones, false: closed ones, null: all; newest first */
    public List<ServerFinding> list(Boolean open) {
        String where = open == null ? "" : open ? " WHERE f.status = 'OPEN'" : " WHERE f.status = 'CLOSED'";
        return jdbc.sql("SELECT " + COLUMNS + " FROM server_findings f" + where + " ORDER BY f.id DESC")
                .query(FindingStore::finding).list();
    }

    /** An employee's analysis met an open finding; the same analysis recorded again is kept once. */
    void met(long findingId, ConversationKey key, String turnRef, Instant now) {
        jdbc.sql("INSERT INTO finding_encounters (finding_id, channel, conversation_id, turn_ref, met_at)"
                        + " VALUES (:finding, :channel, :conversationId, :turnRef, :now) ON CONFLICT DO NOTHING")
                .param("finding", findingId).param("channel", key.channel())
                .param("conversationId", key.conversationId()).param("turnRef", cut(turnRef, 300))
                .param("now", utc(now)).update();
    }

    /** The findings one analysis of a conversation met, by the turn that steps its result. */
    List<ServerFinding> metIn(ConversationKey key, String turnRef) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM server_findings f WHERE f.id IN (SELECT finding_id FROM"
                        + " finding_encounters WHERE channel = :channel AND conversation_id = :conversationId"
                        + " AND turn_ref = :turnRef) ORDER BY f.id")
                .param("channel", key.channel()).param("conversationId", key.conversationId())
                .param("turnRef", cut(turnRef, 300)).query(FindingStore::finding).list();
    }

    /** Every finding a conversation met, for its helpdesk case. */
    List<ServerFinding> metBy(ConversationKey key) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM server_findings f WHERE f.id IN (SELECT finding_id FROM"
                        + " finding_encounters WHERE channel = :channel AND conversation_id = :conversationId)"
                        + " ORDER BY f.id")
                .param("channel", key.channel()).param("conversationId", key.conversationId())
                .query(FindingStore::finding).list();
    }

    private static ServerFinding finding(ResultSet rs, int row) throws SQLException {
        String levels = rs.getString("android_levels");
        return new ServerFinding(rs.getLong("id"), rs.getString("host"), rs.getInt("port"), rs.getString("code"),
                rs.getString("certificate_name"), rs.getString("certificate_sha256"),
                "OPEN".equals(rs.getString("status")),
                levels.isEmpty() ? List.of() : Arrays.stream(levels.split(",")).map(Integer::valueOf).toList(),
                rs.getString("detail"), instant(rs, "first_seen"), instant(rs, "last_seen"),
                instant(rs, "closed_at"), rs.getInt("employees"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String levels(Collection<Integer> levels) {
        return levels.stream().sorted().distinct().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
