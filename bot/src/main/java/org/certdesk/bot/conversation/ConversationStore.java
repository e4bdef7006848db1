package org.certdesk.bot.conversation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import org.certdesk.bot.certificates.AndroidVersions;
import org.certdesk.bot.outbox.OutboxSequences;
import org.certdesk.bot.shared.Caches;
import org.certdesk.bot.shared.ChannelAddress;
import org.certdesk.bot.shared.ConversationKey;
import org.certdesk.dialogs.engine.ActionRequest;
import org.certdesk.dialogs.engine.ConversationState;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Conversations in the database: what its turns change (the dialog state, its version, the outbox
 * counter) in {@code conversation_states}, the rest (the address, the pending slow action) in
 * {@code conversations}, both under the conversation's number. {@link #lock} takes the lock a turn
 * holds until it commits, on the first (so two instances never interleave turns of one
 * conversation); {@link #save} checks the version it read (so a writer that skipped the lock cannot
 * be overwritten unnoticed), and writes the second only where the turn changed it: H2 rewrites every
 * index of a table on each UPDATE of a row, and {@code conversations} has four (V21).
 *
 * <p>The statements every turn runs (here {@link #lock} and {@link #save}; those of the inbox, the
 * outbox, the transcript and the state visits too) take positional parameters, in
 * constant strings: named ones are rewritten by Spring into a new string on every call, which H2 then
 * hashes and compares in full to find its cached plan (together 8 % of the request threads' CPU
 * samples under load, JFR).
 */
@Repository
public class ConversationStore implements OutboxSequences, AndroidVersions {
    private static final String NUMBER_OF_KEY =
            "(SELECT id FROM conversations WHERE channel = ? AND conversation_id = ?)";
    private static final String LOCK_BY_KEY = "SELECT conversation_ref, state_json, version, outbox_sequence"
            + " FROM conversation_states WHERE conversation_ref = " + NUMBER_OF_KEY + " FOR UPDATE";
    private static final String LOCK = "SELECT conversation_ref, state_json, version, outbox_sequence"
            + " FROM conversation_states WHERE conversation_ref = ? FOR UPDATE";
    private static final String ROW_COLUMNS = "c.id, c.channel, c.conversation_id, c.pending_action_json,"
            + " c.action_lease_until, c.action_attempts, c.service_url, c.bot_id, c.bot_name, c.user_id, c.user_name,"
            + " c.user_aad_object_id, c.tenant_id, c.conversation_type, c.android_api_level";
    private static final String ROW = "SELECT " + ROW_COLUMNS + " FROM conversations c WHERE c.id = ?";
    private static final String FIND = "SELECT " + ROW_COLUMNS + ", s.state_json, s.version"
            + " FROM conversations c JOIN conversation_states s ON s.conversation_ref = c.id"
            + " WHERE c.channel = ? AND c.conversation_id = ?";
    private static final String SAVE_STATE = "UPDATE conversation_states SET state_json = ?, script_id = ?,"
            + " script_version = ?, status = ?, locale = ?, version = version + 1, updated_at = ?,"
            + " outbox_sequence = outbox_sequence + ? WHERE conversation_ref = ? AND version = ?";
    private static final String SAVE_ADDRESS = "UPDATE conversations SET service_url = ?, bot_id = ?, bot_name = ?,"
            + " user_id = ?, user_name = ?, user_aad_object_id = ?, tenant_id = ?, conversation_type = ? WHERE id = ?";
    private static final String SAVE_PENDING_ACTION = "UPDATE conversations SET pending_action_json = ?,"
            + " action_lease_until = ?, action_attempts = ? WHERE id = ?";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final ParsedStates states = new ParsedStates();
    private final LockedSequences lockedSequences = new LockedSequences();
    /**
     * The numbers of the conversations this instance locked lately: a number is never given to another
     * conversation (rows are not deleted), so the lock of a known conversation goes by its number. H2
     * parses and plans a {@code FOR UPDATE} on every call (it caches no such statement), and the look-up
     * of the number by the conversation's key, a subquery, was much of that work: the lock was a third
     * of a turn's own CPU samples at one conversation (JFR, stop 36).
     */
    private final Cache<ConversationKey, Long> numbers = Caches.inline().maximumSize(16_384).build();

    public ConversationStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * The conversation's number (its {@code id}), the key of everything its turns write: the row is
     * created first (no state yet) when there is none.
     */
    long number(ChannelAddress address, Instant now) {
        Optional<Long> stored = number(address.key());
        if (stored.isPresent()) {
            return stored.get();
        }
        createIfAbsent(address, now);
        return number(address.key()).orElseThrow();
    }

    /** The conversation's number (its {@code id}), or empty when it is not stored. */
    Optional<Long> number(ConversationKey key) {
        return jdbc.sql("SELECT id FROM conversations WHERE channel = :channel AND conversation_id = :conversationId")
                .param("channel", key.channel())
                .param("conversationId", key.conversationId())
                .query(Long.class).optional();
    }

    /** Creates the rows (no state yet) unless they exist; safe when two instances race. */
    void createIfAbsent(ChannelAddress address, Instant now) {
        jdbc.sql("INSERT INTO conversations (channel, conversation_id, created_at)"
                        + " VALUES (:channel, :conversationId, :now) ON CONFLICT DO NOTHING")
                .param("channel", address.channel())
                .param("conversationId", address.conversationId())
                .param("now", utc(now))
                .update();
        createStateIfAbsent(address.key(), now);
    }

    /** The conversation's state row (no state yet), unless it exists. */
    private void createStateIfAbsent(ConversationKey key, Instant now) {
        jdbc.sql("INSERT INTO conversation_states (conversation_ref, updated_at) SELECT id, :now FROM conversations"
                        + " WHERE channel = :channel AND conversation_id = :conversationId ON CONFLICT DO NOTHING")
                .param("now", utc(now))
                .param("channel", key.channel())
                .param("conversationId", key.conversationId())
                .update();
    }

    /**
     * Reads the conversation, its state row-locked until the current transaction ends (its other row
     * is read after the lock, so it is what the last turn left).
     */
    Optional<Conversation> lock(ConversationKey key) {
        Long known = numbers.getIfPresent(key);
        Optional<LockedState> locked = known == null ? Optional.empty() : lockedState(jdbc.sql(LOCK).param(known));
        if (locked.isEmpty()) { // not known here, or its row is gone (deleted by hand): by its key, then
            locked = lockedState(jdbc.sql(LOCK_BY_KEY).param(key.channel()).param(key.conversationId()));
            if (locked.isEmpty()) {
                numbers.invalidate(key);
                return Optional.empty();
            }
            numbers.put(key, locked.get().number());
        }
        LockedState state = locked.get();
        lockedSequences.locked(key, state.number(), state.outboxSequence());
        return Optional.of(jdbc.sql(ROW)
                .param(state.number())
                .query((rs, n) -> row(rs, state.json(), state.version()))
                .single());
    }

    private static Optional<LockedState> lockedState(JdbcClient.StatementSpec lock) {
        return lock.query((rs, n) -> new LockedState(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4)))
                .optional();
    }

    /** What {@link #lock} read of the conversation's state row. */
    private record LockedState(long number, String json, long version, long outboxSequence) {}

    /**
     * The end of the lease of the conversation's pending action, or empty when none is pending: the
     * cheap question asked before each turn, without reading (and parsing) the whole state.
     */
    Optional<Instant> actionLeaseUntil(ConversationKey key) {
        return jdbc.sql("SELECT action_lease_until FROM conversations WHERE channel = :channel"
                        + " AND conversation_id = :conversationId AND pending_action_json IS NOT NULL")
                .param("channel", key.channel())
                .param("conversationId", key.conversationId())
                .query((rs, n) -> {
                    OffsetDateTime until = rs.getObject(1, OffsetDateTime.class);
                    return until == null ? Instant.MIN : until.toInstant(); // no lease: free to take
                })
                .optional();
    }

    /**
     * Extends the lease of the conversation's pending action to {@code until}, if {@code request} is
     * still the pending action and its lease has not run out (once it has, another worker may have
     * taken it over). Leaves the version alone: a renewal is no change a turn could overwrite.
     *
     * @return whether the lease was extended
     */
    boolean renewActionLease(ConversationKey key, ActionRequest request, Instant now, Instant until) {
        return jdbc.sql("UPDATE conversations SET action_lease_until = :until WHERE channel = :channel"
                        + " AND conversation_id = :conversationId AND pending_action_json = :pending"
                        + " AND action_lease_until > :now")
                .param("until", utc(until))
                .param("channel", key.channel())
                .param("conversationId", key.conversationId())
                .param("pending", ActionRequestJson.write(json, request))
                .param("now", utc(now))
                .update() == 1;
    }

    Optional<Conversation> find(ConversationKey key) {
        return jdbc.sql(FIND)
                .param(key.channel())
                .param(key.conversationId())
                .query((rs, n) -> row(rs, rs.getString("state_json"), rs.getLong("version")))
                .optional();
    }

    /**
     * Writes state, address and pending action of {@code conversation}, if the stored version is
     * still {@code conversation.version()}.
     *
     * @return the conversation at its new version
     * @throws StaleConversationException when another save came first
     */
    Conversation save(Conversation conversation, Instant now) {
        return save(conversation, now, 0);
    }

    /**
     * {@link #save}, and numbers the {@code replies} outbox entries the turn appends next in the same
     * statement, when this transaction row-locked the conversation: their {@link #reserve} then writes
     * nothing (the counter's UPDATE rewrote the whole row: 6 % of the request threads' samples in a
     * JFR profile under load).
     */
    Conversation save(Conversation conversation, Instant now, int replies) {
        int prepaid = replies > 0 && lockedSequences.knows(conversation.key()) ? replies : 0;
        ChannelAddress a = conversation.address();
        ConversationState state = conversation.state();
        int updated = jdbc.sql(SAVE_STATE)
                .param(states.write(state))
                .param(state.scriptId())
                .param(state.scriptVersion())
                .param(state.status().name())
                .param(state.locale())
                .param(utc(now))
                .param(prepaid)
                .param(conversation.id())
                .param(conversation.version())
                .update();
        if (updated != 1) {
            throw new StaleConversationException(conversation.key(), conversation.version());
        }
        if (prepaid > 0) {
            lockedSequences.prepaid(conversation.key(), prepaid);
        }
        Conversation.Stored stored = conversation.stored();
        if (!stored.sameAddress(conversation)) {
            jdbc.sql(SAVE_ADDRESS)
                    .param(a.serviceUrl())
                    .param(a.botId())
                    .param(a.botName())
                    .param(a.userId())
                    .param(a.userName())
                    .param(a.userAadObjectId())
                    .param(a.tenantId())
                    .param(a.conversationType())
                    .param(conversation.id())
                    .update();
        }
        if (!stored.samePendingAction(conversation)) {
            jdbc.sql(SAVE_PENDING_ACTION)
                    .param(conversation.pendingAction() == null ? null
                            : ActionRequestJson.write(json, conversation.pendingAction()))
                    .param(conversation.actionLeaseUntil() == null ? null : utc(conversation.actionLeaseUntil()))
                    .param(conversation.actionAttempts())
                    .param(conversation.id())
                    .update();
        }
        return conversation.saved(conversation.version() + 1);
    }

    /**
     * Records the phone's Android API level. Does not touch the dialog state or its version: turns
     * read the level when they start, and no save of theirs writes this column.
     *
     * @return whether a conversation has that id
     */
    @Override
    public boolean saveAndroidApiLevel(long conversationId, int apiLevel) {
        return jdbc.sql("UPDATE conversations SET android_api_level = :level WHERE id = :id")
                .param("level", apiLevel).param("id", conversationId).update() == 1;
    }

    @Override
    public Reserved reserve(ConversationKey key, int count) {
        Optional<Reserved> prepaid = lockedSequences.takePrepaid(key, count);
        if (prepaid.isPresent()) {
            return prepaid.get(); // numbered by the turn's save
        }
        // The UPDATE locks the conversation's state row until commit: concurrent appends queue behind it.
        int updated = jdbc.sql("UPDATE conversation_states SET outbox_sequence = outbox_sequence + ?"
                        + " WHERE conversation_ref = " + NUMBER_OF_KEY)
                .param(count)
                .param(key.channel())
                .param(key.conversationId())
                .update();
        if (updated != 1) {
            throw new org.springframework.dao.DataIntegrityViolationException("no conversation " + key);
        }
        // A turn locked the row when it began and read the counter then: nothing else has moved it.
        Optional<Reserved> advanced = lockedSequences.advanced(key, count);
        if (advanced.isPresent()) {
            return advanced.get();
        }
        return jdbc.sql("SELECT conversation_ref, outbox_sequence FROM conversation_states"
                        + " WHERE conversation_ref = " + NUMBER_OF_KEY)
                .param(key.channel())
                .param(key.conversationId())
                .query((rs, n) -> new Reserved(rs.getLong(1), rs.getLong(2))).single();
    }

    /**
     * Stores the helpdesk's own conversation (a Teams channel or chat that gets the case notices, with
     * no dialog state) unless it exists, and gives it {@code serviceUrl} if it has none yet: the row may
     * be the team's own conversation (the bot was added there), whose address is kept.
     */
    public void storeHelpdeskConversation(ConversationKey key, String serviceUrl, Instant now) {
        jdbc.sql("INSERT INTO conversations (channel, conversation_id, service_url, conversation_type, created_at)"
                        + " VALUES (:channel, :conversationId, :serviceUrl, 'channel', :now) ON CONFLICT DO NOTHING")
                .param("channel", key.channel()).param("conversationId", key.conversationId())
                .param("serviceUrl", serviceUrl).param("now", utc(now))
                .update();
        createStateIfAbsent(key, now);
        jdbc.sql("UPDATE conversations SET service_url = :serviceUrl WHERE channel = :channel"
                        + " AND conversation_id = :conversationId AND service_url IS NULL")
                .param("serviceUrl", serviceUrl)
                .param("channel", key.channel()).param("conversationId", key.conversationId())
                .update();
    }

    /** Conversations with a slow action whose worker is presumed gone (its lease ran out before {@code now}). */
    List<ConversationKey> withExpiredActionLease(Instant now) {
        return jdbc.sql("SELECT channel, conversation_id FROM conversations WHERE action_lease_until < :now")
                .param("now", utc(now))
                .query((rs, n) -> new ConversationKey(rs.getString(1), rs.getString(2)))
                .list();
    }

    /** The conversation from its row in {@code conversations} ({@link #ROW_COLUMNS}) and its state. */
    private Conversation row(ResultSet rs, String state, long version) throws SQLException {
        ChannelAddress address = new ChannelAddress(rs.getString("channel"), rs.getString("conversation_id"),
                rs.getString("service_url"), rs.getString("bot_id"), rs.getString("bot_name"),
                rs.getString("user_id"), rs.getString("user_name"), rs.getString("user_aad_object_id"),
                rs.getString("tenant_id"), rs.getString("conversation_type"));
        String pendingJson = rs.getString("pending_action_json");
        ActionRequest pending = pendingJson == null ? null : ActionRequestJson.read(json, pendingJson);
        OffsetDateTime leaseUntil = rs.getObject("action_lease_until", OffsetDateTime.class);
        Instant lease = leaseUntil == null ? null : leaseUntil.toInstant();
        int attempts = rs.getInt("action_attempts");
        int apiLevel = rs.getInt("android_api_level");
        Integer androidApiLevel = rs.wasNull() ? null : apiLevel;
        return new Conversation(rs.getLong("id"), address, state == null ? null : states.read(state), pending, lease,
                attempts, androidApiLevel, version, new Conversation.Stored(address, pending, lease, attempts));
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
