package org.certdesk.bot.conversation;

import static org.certdesk.bot.conversation.ConversationStore.utc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.certdesk.bot.shared.ActivityJournal;
import org.certdesk.bot.shared.ConversationKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Accepted activities not yet processed, and the ids of every activity accepted (to drop duplicate
 * deliveries). A row leaves the inbox in the transaction that commits its turn. Both are kept under
 * the conversation's number ({@code conversations.id}), so a conversation has its row before its
 * first activity is accepted.
 */
@Repository
class InboxStore {
    private static final Logger log = LoggerFactory.getLogger(InboxStore.class);
    // A turn's statements: positional parameters in constant strings (why: ConversationStore).
    private static final String REMEMBER = "INSERT INTO processed_activities (conversation_ref, activity_id,"
            + " received_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING";
    private static final String WAITING = "SELECT id FROM inbox WHERE conversation_ref = ? AND failed = FALSE"
            + " ORDER BY id LIMIT 1";

    private final JdbcClient jdbc;
    private final InboundJson codec;
    private final ActivityJournal journal;

    InboxStore(JdbcClient jdbc, InboundJson codec, ActivityJournal journal) {
        this.jdbc = jdbc;
        this.codec = codec;
        this.journal = journal;
    }

    /**
     * Records the activity id and queues the activity; call inside a transaction so both happen or
     * neither does.
     *
     * @param conversation the number of the activity's conversation
     * @return false when that activity id was already accepted for this conversation
     */
    boolean accept(long conversation, Inbound inbound) {
        return accept(conversation, inbound, false);
    }

    /** {@link #accept}, and the activity kept in the {@link ActivityJournal} when it was accepted (see {@link #journal}). */
    boolean acceptJournaled(long conversation, Inbound inbound) {
        return accept(conversation, inbound, true);
    }

    private boolean accept(long conversation, Inbound inbound, boolean journaled) {
        if (!remember(conversation, inbound)) {
            return false;
        }
        String payload = codec.write(inbound);
        jdbc.sql("INSERT INTO inbox (conversation_ref, activity_id, payload, received_at)"
                        + " VALUES (:conversation, :activityId, :payload, :receivedAt)")
                .param("conversation", conversation)
                .param("activityId", inbound.activityId())
                .param("payload", payload)
                .param("receivedAt", utc(inbound.receivedAt()))
                .update();
        if (journaled) {
            journal.append(payload); // nothing when the journal keeps nothing
        }
        return true;
    }

    /**
     * Records the activity id only, for a turn run at once in the same transaction.
     *
     * @param conversation the number of the activity's conversation
     * @return false when that activity id was already accepted for this conversation
     */
    boolean remember(long conversation, Inbound inbound) {
        // ON CONFLICT DO NOTHING rather than catching the duplicate key: on PostgreSQL a failed
        // statement would abort the whole transaction.
        return jdbc.sql(REMEMBER)
                .param(conversation)
                .param(inbound.activityId())
                .param(utc(inbound.receivedAt()))
                .update() == 1;
    }

    /**
     * Keeps the activity in the {@link ActivityJournal}, in the transaction that accepted or remembered
     * it: once that commits, the activity survives a crash before the store's next write.
     */
    void journal(Inbound inbound) {
        if (journal.keeps()) {
            journal.append(codec.write(inbound));
        }
    }

    /** What the last run journaled, read back: activities the store may not have. */
    List<Inbound> journaledByLastRun() {
        List<Inbound> activities = new ArrayList<>();
        for (String record : journal.leftByLastRun()) {
            try {
                activities.add(codec.read(record));
            } catch (RuntimeException e) {
                log.error("a journaled activity is unreadable, skipped: {}", e.toString());
            }
        }
        return activities;
    }

    /**
     * The conversation's oldest activity still to process (failed ones are skipped). A row whose payload
     * cannot be read (written by another release, or damaged) is set aside, with an ERROR log: left
     * where it is, it would block its conversation for ever without ever counting as a failed turn.
     */
    Optional<InboxRow> oldest(long conversation) {
        record Stored(long id, String payload, int attempts) {}
        while (true) {
            Optional<Stored> stored = jdbc.sql("SELECT id, payload, attempts FROM inbox"
                            + " WHERE conversation_ref = :conversation AND failed = FALSE ORDER BY id LIMIT 1")
                    .param("conversation", conversation)
                    .query((rs, n) -> new Stored(rs.getLong(1), rs.getString(2), rs.getInt(3)))
                    .optional();
            if (stored.isEmpty()) {
                return Optional.empty();
            }
            Stored row = stored.get();
            try {
                return Optional.of(new InboxRow(row.id(), codec.read(row.payload()), row.attempts()));
            } catch (RuntimeException e) {
                log.error("conversation number {}: inbox row {} is unreadable, set aside: {}", conversation, row.id(),
                        e.toString());
                jdbc.sql("UPDATE inbox SET failed = TRUE, last_error = :error WHERE id = :id")
                        .param("error", "unreadable payload").param("id", row.id()).update();
            }
        }
    }

    /** Whether the conversation numbered {@code conversation} has an activity still to process. */
    boolean hasWaiting(long conversation) {
        return jdbc.sql(WAITING).param(conversation).query(Long.class).optional().isPresent();
    }

    void done(long id) {
        jdbc.sql("DELETE FROM inbox WHERE id = :id").param("id", id).update();
    }

    /**
     * Counts a failed turn of row {@code id}; at {@code maxAttempts} the row is set aside (kept for
     * operators, no longer processed).
     *
     * @return the attempts so far
     */
    int failed(long id, String error, int maxAttempts) {
        jdbc.sql("UPDATE inbox SET attempts = attempts + 1, last_error = :error,"
                        + " failed = (attempts + 1 >= :max) WHERE id = :id")
                .param("error", error == null ? null : error.substring(0, Math.min(error.length(), 2000)))
                .param("max", maxAttempts)
                .param("id", id)
                .update();
        return jdbc.sql("SELECT attempts FROM inbox WHERE id = :id").param("id", id).query(Integer.class).optional()
                .orElse(maxAttempts);
    }

    /** Conversations with activities waiting since before {@code receivedBefore}. */
    List<ConversationKey> waiting(Instant receivedBefore) {
        return jdbc.sql("SELECT DISTINCT c.channel, c.conversation_id FROM inbox i"
                        + " JOIN conversations c ON c.id = i.conversation_ref WHERE i.failed = FALSE"
                        + " AND i.received_at < :before")
                .param("before", utc(receivedBefore))
                .query((rs, n) -> new ConversationKey(rs.getString(1), rs.getString(2)))
                .list();
    }

    /** Forgets activity ids accepted before {@code before}; a redelivery older than that is not expected. */
    int sweep(Instant before) {
        return jdbc.sql("DELETE FROM processed_activities WHERE received_at < :before")
                .param("before", utc(before)).update();
    }
}
