package org.certdesk.bot.helpdesk;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Collectors;

import org.certdesk.bot.conversation.TranscriptLog;
import org.certdesk.bot.outbox.Outbound;
import org.certdesk.bot.shared.ConversationKey;
import org.certdesk.dialogs.engine.Message;
import org.certdesk.dialogs.engine.UserInput;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What was said in a conversation, as text, for the helpdesk: written in the transaction of the turn
 * (or of the agent's request) that said it, so the transcript holds exactly what was committed.
 * Compact on purpose: who, when, the text; a button reads as its label, a card as its facts.
 */
@Repository
public class Transcript implements TranscriptLog {
    static final int MAX_TEXT = 4000;

    /** One line: {@code author} is {@code employee}, {@code bot} or {@code agent}; {@code name} may be null. */
    record Line(long id, String author, String name, String text, Instant at, Long caseId) {
    }

    private final JdbcClient jdbc;

    Transcript(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What the employee did in a turn the bot answers (a text or a button); other inputs are not said by anyone. */
    @Override
    public void employee(ConversationKey key, UserInput input, String name, Instant now) {
        String text = said(input);
        if (text != null) {
            add(key, null, "employee", name, text, now);
        }
    }

    /**
     * What the employee said, as the transcript keeps it: a text as typed, a button as its id in
     * brackets; null for what nobody said (a start, a re-install, a language switch) or a blank text.
     */
    static String said(UserInput input) {
        String text = input instanceof UserInput.Text t ? t.text()
                : input instanceof UserInput.Choice c ? "[" + c.choiceId() + "]"
                : null;
        return text == null || text.isBlank() ? null : text;
    }

    /** The bot's replies; typing indicators and helpdesk notices are left out. */
    @Override
    public void bot(ConversationKey key, List<Outbound> replies, Instant now) {
        for (Outbound reply : replies) {
            if (reply instanceof Outbound.Say say) {
                String text = text(say.message());
                if (text != null && !text.isBlank()) {
                    add(key, null, "bot", null, text, now);
                }
            }
        }
    }

    void add(ConversationKey key, Long caseId, String author, String name, String text, Instant now) {
        add(key, caseId, author, name, text, null, now);
    }

    /**
     * @param clientRef the id the sender gave the message, or null
     * @return false when a line of the case already has that {@code clientRef} (nothing written)
     */
    boolean add(ConversationKey key, Long caseId, String author, String name, String text, String clientRef,
            Instant now) {
        return jdbc.sql("INSERT INTO transcript_lines (channel, conversation_id, case_id, author, author_name, text,"
                        + " client_ref, created_at) VALUES (:channel, :conversationId, :caseId, :author, :name, :text,"
                        + " :clientRef, :now) ON CONFLICT DO NOTHING")
                .param("channel", key.channel()).param("conversationId", key.conversationId())
                .param("caseId", caseId).param("author", author)
                .param("name", name == null || name.length() <= 256 ? name : name.substring(0, 256))
                .param("text", text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…")
                .param("clientRef", clientRef)
                .param("now", CaseStore.utc(now))
                .update() == 1;
    }

    /** The whole conversation, oldest first. */
    /**
     * Deletes the lines said in the cases {@code closedCases} selects (a FROM clause of {@link CaseStore}
     * with a {@code :before} parameter); the lines from before a case belong to the bot's own retention.
     */
    void deleteOfCasesClosedBefore(String closedCases, Instant before) {
        jdbc.sql("DELETE FROM transcript_lines WHERE case_id IN (SELECT id" + closedCases + ")")
                .param("before", CaseStore.utc(before)).update();
    }

    /**
     * Forgets lines written before {@code before} that belong to no case, of conversations that have
     * no case either (a conversation with a case keeps its lines from before the escalation: the
     * case's context, deleted with the case's own retention).
     *
     * @return how many lines were deleted
     */
    int deleteWithoutCaseBefore(Instant before) {
        return jdbc.sql("DELETE FROM transcript_lines WHERE case_id IS NULL AND created_at < :before"
                        + " AND NOT EXISTS (SELECT 1 FROM handoffs h WHERE h.channel = transcript_lines.channel"
                        + " AND h.conversation_id = transcript_lines.conversation_id)")
                .param("before", CaseStore.utc(before)).update();
    }

    List<Line> lines(ConversationKey key) {
        return jdbc.sql("SELECT id, author, author_name, text, created_at, case_id FROM transcript_lines"
                        + " WHERE channel = :channel AND conversation_id = :conversationId ORDER BY id")
                .param("channel", key.channel()).param("conversationId", key.conversationId())
                .query((rs, n) -> {
                    long caseId = rs.getLong("case_id");
                    return new Line(rs.getLong("id"), rs.getString("author"), rs.getString("author_name"),
                            rs.getString("text"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                            rs.wasNull() ? null : caseId);
                })
                .list();
    }

    private static String text(Message message) {
        return switch (message.kind()) {
            case TEXT -> ((Message.Text) message).text();
            case CHOICES -> (((Message.Choices) message).text() == null ? "" : ((Message.Choices) message).text() + "\n")
                    + "[" + ((Message.Choices) message).options().stream().map(Message.Option::label)
                    .collect(Collectors.joining(" | ")) + "]";
            case FACTS -> ((Message.Facts) message).facts().stream().map(f -> f.label() + ": " + f.value())
                    .collect(Collectors.joining("\n"));
            case DOWNLOAD -> ((Message.Download) message).fileName() + " " + ((Message.Download) message).url();
        };
    }
}
