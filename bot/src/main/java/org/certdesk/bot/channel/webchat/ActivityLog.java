package org.certdesk.bot.channel.webchat;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongFunction;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The web chat conversations and their activity logs, in the database so that every bot instance
 * serves the same log and a restart loses nothing. The sequence number of an activity is the
 * watermark Web Chat polls with.
 */
@Component
class ActivityLog {

    /**
     * @param locale the language the page asked for, or null
     * @param user   who signed in to open it (certdesk.webchat.require-sign-in), or null
     */
    record Conversation(String id, String locale, boolean started, SignedInUser user) {
        Conversation(String id, String locale, boolean started) {
            this(id, locale, started, null);
        }
    }

    record Stored(long seq, String json) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    ActivityLog(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    void create(String id, String locale) {
        create(id, locale, null);
    }

    /** @param user who signed in to open it, or null */
    void create(String id, String locale, SignedInUser user) {
        jdbc.sql("INSERT INTO webchat_conversations (id, locale, last_seq, created_at, user_id, user_name)"
                        + " VALUES (:id, :locale, 0, :now, :userId, :userName)")
                .param("id", id).param("locale", locale).param("now", now())
                .param("userId", user == null ? null : user.id()).param("userName", user == null ? null : user.name())
                .update();
    }

    Optional<Conversation> find(String id) {
        return jdbc.sql("SELECT id, locale, started_at, user_id, user_name FROM webchat_conversations WHERE id = :id")
                .param("id", id)
                .query((rs, row) -> new Conversation(rs.getString("id"), rs.getString("locale"),
                        rs.getObject("started_at") != null, rs.getString("user_id") == null ? null
                                : new SignedInUser(rs.getString("user_id"), rs.getString("user_name"))))
                .optional();
    }

    /**
     * Marks the conversation started; true only for the one caller that did it (the welcome is sent
     * once). Called in the transaction that submits the welcome, so that neither is kept without the other.
     */
    boolean markStarted(String id) {
        return jdbc.sql("UPDATE webchat_conversations SET started_at = :now WHERE id = :id AND started_at IS NULL")
                .param("now", now()).param("id", id).update() == 1;
    }

    /**
     * Appends an activity; {@code render} builds its JSON from the sequence number it gets.
     *
     * @param outboxId the outbox entry a bot activity comes from, or null for a user's: an entry
     *     already appended is not appended again (the dispatcher may redeliver after a crash)
     * @return the activity's sequence number, or empty when there is no such conversation
     */
    OptionalLong append(String conversationId, Long outboxId, LongFunction<String> render) {
        Long seq = transaction.execute(status -> {
            // The row lock orders appends of one conversation, also across instances.
            Optional<Long> last = jdbc.sql("SELECT last_seq FROM webchat_conversations WHERE id = :id FOR UPDATE")
                    .param("id", conversationId).query(Long.class).optional();
            if (last.isEmpty()) {
                return null;
            }
            if (outboxId != null) {
                Optional<Long> earlier = jdbc.sql("SELECT seq FROM webchat_activities WHERE outbox_id = :outbox")
                        .param("outbox", outboxId).query(Long.class).optional();
                if (earlier.isPresent()) {
                    return earlier.get();
                }
            }
            long next = last.get() + 1;
            jdbc.sql("UPDATE webchat_conversations SET last_seq = :seq WHERE id = :id")
                    .param("seq", next).param("id", conversationId).update();
            jdbc.sql("INSERT INTO webchat_activities (conversation_id, seq, outbox_id, activity_json, created_at)"
                    + " VALUES (:id, :seq, :outbox, :json, :now)")
                    .param("id", conversationId).param("seq", next).param("outbox", outboxId)
                    .param("json", render.apply(next)).param("now", now()).update();
            return next;
        });
        return seq == null ? OptionalLong.empty() : OptionalLong.of(seq);
    }

    /** Up to {@code limit} activities after {@code watermark}, oldest first. */
    List<Stored> after(String conversationId, long watermark, int limit) {
        return jdbc.sql("SELECT seq, activity_json FROM webchat_activities WHERE conversation_id = :id AND seq > :after"
                + " ORDER BY seq LIMIT :limit")
                .param("id", conversationId).param("after", watermark).param("limit", limit)
                .query((rs, row) -> new Stored(rs.getLong("seq"), rs.getString("activity_json")))
                .list();
    }

    /**
     * Deletes the conversations opened before {@code before} with no activity since, with their
     * activities (the foreign key cascades).
     *
     * @return how many conversations were deleted
     */
    int deleteInactiveSince(Instant before) {
        OffsetDateTime at = before.atOffset(ZoneOffset.UTC);
        return jdbc.sql("DELETE FROM webchat_conversations WHERE created_at < :before AND NOT EXISTS"
                        + " (SELECT 1 FROM webchat_activities a WHERE a.conversation_id = webchat_conversations.id"
                        + " AND a.created_at >= :before)")
                .param("before", at).update();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
