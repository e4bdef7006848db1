package org.certdesk.bot.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.certdesk.bot.shared.ChannelAddress;
import org.certdesk.bot.shared.ConversationKey;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The reply outbox. Entries get consecutive sequence numbers per conversation (from a counter on the
 * conversation's state row, which the appending transaction locks); only the lowest PENDING entry of a
 * conversation is ever due, so replies leave in order even across retries and instances. A
 * delivered entry is deleted: the table holds what is still to deliver, and FAILED entries until
 * their retention.
 */
@Repository
public class OutboxStore {
    // A turn's statements: positional parameters in constant strings (why: ConversationStore).
    private static final String INSERT = "INSERT INTO outbox (channel, conversation_ref, sequence, payload, status,"
            + " next_attempt_at, created_at, claimed_by) VALUES (?, ?, ?, ?, 'PENDING', ?, ?, ?)";
    /**
     * {@link #due}. The channel is the outbox row's own: on the conversation, H2 plans the look-up
     * from every conversation of those channels (V19).
     */
    static final String DUE = "SELECT o.id, o.sequence, o.payload, o.attempts, c.channel, c.conversation_id,"
            + " c.service_url, c.bot_id, c.bot_name, c.user_id, c.user_name, c.user_aad_object_id,"
            + " c.tenant_id, c.conversation_type"
            + " FROM outbox o JOIN conversations c ON c.id = o.conversation_ref"
            + " WHERE o.status = 'PENDING' AND o.next_attempt_at <= :now AND o.channel IN (:channels)"
            + " AND o.sequence = (SELECT MIN(p.sequence) FROM outbox p"
            + " WHERE p.conversation_ref = o.conversation_ref AND p.status = 'PENDING')"
            + " ORDER BY o.next_attempt_at, o.id LIMIT :limit";
    private static final String PENDING_IDS = "SELECT id FROM outbox WHERE conversation_ref = ? AND status = 'PENDING'";

    private final JdbcClient jdbc;
    private final OutboundJson codec;
    private final OutboxSequences sequences;
    private final OutboxInstance instance;

    OutboxStore(JdbcClient jdbc, OutboundJson codec, OutboxSequences sequences, OutboxInstance instance) {
        this.jdbc = jdbc;
        this.codec = codec;
        this.sequences = sequences;
        this.instance = instance;
    }

    /**
     * Appends replies to a stored conversation, in order, due at once; call inside the transaction that
     * produced them, so they exist exactly when that transaction commits.
     *
     * @throws org.springframework.dao.DataIntegrityViolationException if the conversation is not stored
     */
    public void append(ConversationKey key, List<Outbound> replies, Instant now) {
        if (!replies.isEmpty()) {
            insert(key.channel(), reserve(key, replies.size()), replies, now, now);
        }
    }

    /**
     * Numbers {@code count} entries to append next; the conversation's state row stays locked until
     * the current transaction ends (concurrent appends queue behind it).
     *
     * @throws org.springframework.dao.DataIntegrityViolationException if the conversation is not stored
     */
    OutboxSequences.Reserved reserve(ConversationKey key, int count) {
        return sequences.reserve(key, count);
    }

    /**
     * Like {@link #append(ConversationKey, List, Instant)}, with the numbers {@link #reserve} gave, and
     * the entries first due at {@code firstAttempt}: a claim taken at creation by the instance that
     * will deliver them itself.
     *
     * @return the stored entries, in sequence order
     */
    List<OutboxEntry> appendClaimed(OutboxSequences.Reserved numbers, ChannelAddress address, List<Outbound> replies,
            Instant now, Instant firstAttempt) {
        List<long[]> stored = insert(address.channel(), numbers, replies, now, firstAttempt);
        List<OutboxEntry> entries = new ArrayList<>(stored.size());
        for (int i = 0; i < stored.size(); i++) {
            entries.add(new OutboxEntry(stored.get(i)[0], address, stored.get(i)[1], replies.get(i), 0));
        }
        return entries;
    }

    /**
     * Stores {@code replies} to a conversation of {@code channel} under the numbers reserved for them
     * (as many).
     *
     * @return id and sequence of each inserted entry
     */
    List<long[]> insert(String channel, OutboxSequences.Reserved numbers, List<Outbound> replies, Instant now,
            Instant firstAttempt) {
        long sequence = numbers.last() - replies.size();
        List<long[]> stored = new ArrayList<>(replies.size());
        for (Outbound reply : replies) {
            KeyHolder id = new GeneratedKeyHolder();
            jdbc.sql(INSERT)
                    .param(channel)
                    .param(numbers.conversation())
                    .param(++sequence)
                    .param(codec.write(reply))
                    .param(utc(firstAttempt))
                    .param(utc(now))
                    .param(firstAttempt.isAfter(now) ? instance.id() : null)
                    .update(id, "id");
            stored.add(new long[] {id.getKeyAs(Number.class).longValue(), sequence});
        }
        return stored;
    }

    /** The ids of the PENDING entries, due or not, of the conversation numbered {@code conversation}. */
    List<Long> pendingIds(long conversation) {
        return jdbc.sql(PENDING_IDS).param(conversation).query(Long.class).list();
    }

    /** Gives claimed entries back to the poller: due at {@code now}, for whichever worker or instance polls first. */
    void release(Collection<Long> ids, Instant now) {
        if (!ids.isEmpty()) {
            jdbc.sql("UPDATE outbox SET next_attempt_at = :now, claimed_by = NULL WHERE id IN (:ids)"
                            + " AND status = 'PENDING'")
                    .param("now", utc(now)).param("ids", ids).update();
        }
    }

    /**
     * Extends the claims of this instance on {@code ids} to {@code until}: those still PENDING and
     * claimed under this instance's id (not given back, retried, delivered, or taken by another).
     *
     * @return the ids renewed
     */
    Set<Long> renewClaims(Collection<Long> ids, Instant until) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        int renewed = jdbc.sql("UPDATE outbox SET next_attempt_at = :until WHERE id IN (:ids) AND status = 'PENDING'"
                        + " AND claimed_by = :me")
                .param("until", utc(until)).param("ids", ids).param("me", instance.id())
                .update();
        if (renewed == ids.size()) {
            return new HashSet<>(ids);
        }
        return new HashSet<>(jdbc.sql("SELECT id FROM outbox WHERE id IN (:ids) AND status = 'PENDING'"
                        + " AND claimed_by = :me AND next_attempt_at = :until")
                .param("ids", ids).param("me", instance.id()).param("until", utc(until))
                .query(Long.class).list());
    }

    /**
     * Entries due now on {@code channels}: for each conversation at most one, its lowest PENDING
     * sequence, and only once its next attempt time has come. Oldest due first.
     */
    List<OutboxEntry> due(Collection<String> channels, Instant now, int limit) {
        if (channels.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(DUE)
                .param("now", utc(now))
                .param("channels", channels)
                .param("limit", limit)
                .query(this::entry)
                .list();
    }

    /**
     * Takes entry {@code id} for one delivery attempt: moves its next attempt to {@code leaseUntil} so
     * no other worker or instance picks it meanwhile. If this process dies during the delivery, the
     * entry becomes due again when the lease runs out.
     *
     * @return false when someone else took it first, or it is no longer due
     */
    boolean claim(long id, Instant now, Instant leaseUntil) {
        return jdbc.sql("UPDATE outbox SET next_attempt_at = :leaseUntil, claimed_by = :me WHERE id = :id"
                        + " AND status = 'PENDING' AND next_attempt_at <= :now")
                .param("leaseUntil", utc(leaseUntil)).param("me", instance.id()).param("id", id).param("now", utc(now))
                .update() == 1;
    }

    /**
     * Entry {@code id} was delivered: it leaves the outbox. A delivered reply is not kept (the
     * transcript keeps what the bot said): every row kept would be written again when marked, and
     * would weigh on the conversation's index entries that every poll reads.
     */
    void sent(long id) {
        sentAll(List.of(id));
    }

    /** Entries delivered; as {@link #sent} for several. */
    void sentAll(Collection<Long> ids) {
        jdbc.sql("DELETE FROM outbox WHERE id IN (:ids) AND status = 'PENDING'").param("ids", ids).update();
    }

    void retry(long id, Instant nextAttempt, String error) {
        jdbc.sql("UPDATE outbox SET attempts = attempts + 1, next_attempt_at = :next, last_error = :error,"
                        + " claimed_by = NULL WHERE id = :id AND status = 'PENDING'")
                .param("next", utc(nextAttempt)).param("error", truncate(error)).param("id", id).update();
    }

    void failed(long id, String error) {
        jdbc.sql("UPDATE outbox SET status = 'FAILED', attempts = attempts + 1, last_error = :error"
                        + " WHERE id = :id AND status = 'PENDING'")
                .param("error", truncate(error)).param("id", id).update();
    }

    /**
     * Makes claimed PENDING entries due at {@code now}: every claim ({@code onlyMine} false), for a
     * store no other process can have open, whose claims are therefore all a dead process's; or
     * those of this instance's id, which at start-up are its previous run's. Entries waiting for a
     * retry keep their time.
     *
     * @return how many were given back
     */
    int releaseClaims(boolean onlyMine, Instant now) {
        return jdbc.sql("UPDATE outbox SET next_attempt_at = :now, claimed_by = NULL WHERE status = 'PENDING'"
                        + (onlyMine ? " AND claimed_by = :me" : " AND claimed_by IS NOT NULL"))
                .param("now", utc(now)).param("me", instance.id()).update();
    }

    /** PENDING entries, due or not: the backlog. */
    long pendingCount() {
        return jdbc.sql("SELECT COUNT(*) FROM outbox WHERE status = 'PENDING'").query(Long.class).single();
    }

    /** The channels that have PENDING entries. */
    List<String> pendingChannels() {
        return jdbc.sql("SELECT DISTINCT channel FROM outbox WHERE status = 'PENDING'").query(String.class).list();
    }

    /**
     * Deletes FAILED entries older than {@code before}, and the SENT ones that releases before V18
     * kept; PENDING ones are never swept.
     */
    int sweep(Instant before) {
        return jdbc.sql("DELETE FROM outbox WHERE status <> 'PENDING' AND created_at < :before")
                .param("before", utc(before)).update();
    }

    private OutboxEntry entry(ResultSet rs, int rowNum) throws SQLException {
        ChannelAddress address = new ChannelAddress(rs.getString("channel"), rs.getString("conversation_id"),
                rs.getString("service_url"), rs.getString("bot_id"), rs.getString("bot_name"),
                rs.getString("user_id"), rs.getString("user_name"), rs.getString("user_aad_object_id"),
                rs.getString("tenant_id"), rs.getString("conversation_type"));
        Outbound payload;
        try {
            payload = codec.read(rs.getString("payload"));
        } catch (RuntimeException e) {
            payload = null; // unreadable (a bug, or a row from a newer release): the dispatcher sets it aside
        }
        return new OutboxEntry(rs.getLong("id"), address, rs.getLong("sequence"), payload, rs.getInt("attempts"));
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 2000 ? error : error.substring(0, 2000);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
