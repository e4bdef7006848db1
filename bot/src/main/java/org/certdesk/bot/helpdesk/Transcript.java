package org.certdesk.bot.helpdesk;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

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
    /** {@link #turnInsert} of 0 to 7 lines, built once. */
    private static final String[] TURN_INSERTS = IntStream.range(0, 8)
            .mapToObj(Transcript::turnInsert).toArray(String[]::new);
    /** The number of the conversation {@code :channel} and {@code :conversationId} name, which its lines are kept under. */
    private static final String NUMBER_OF_KEY =
            "(SELECT id FROM conversations WHERE channel = :channel AND conversation_id = :conversationId)";

    /** One line: {@code author} is {@code employee}, {@code bot} or {@code agent}; {@code name} may be null. */
    record Line(long id, String author, String name, String text, Instant at, Long caseId) {
    }

    /** A line a turn adds, before it has an id and a time. */
    private record Said(String author, String name, String text) {
    }

    private final JdbcClient jdbc;

    Transcript(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The turn's lines in one INSERT: what the employee did (a text or a button; other inputs are not
     * said by anyone), then the bot's replies (typing indicators left out). A line per statement was
     * 9 % of the request threads' samples under load (JFR), at two to three lines a turn.
     */
    @Override
    public void turn(long conversation, UserInput input, String name, List<Outbound> replies, Instant now) {
        List<Said> lines = new ArrayList<>(replies.size() + 1);
        String said = input == null ? null : said(input);
        if (said != null) {
            lines.add(new Said("employee", name, said));
        }
        for (Outbound reply : replies) {
            if (reply instanceof Outbound.Say say) {
                String text = text(say.message());
                if (text != null && !text.isBlank()) {
                    lines.add(new Said("bot", null, text));
                }
            }
        }
        if (lines.isEmpty()) {
            return;
        }
        JdbcClient.StatementSpec insert = jdbc.sql(insertOf(lines.size()));
        OffsetDateTime at = CaseStore.utc(now);
        for (Said line : lines) {
            insert = insert.param(conversation).param(line.author()).param(fittedName(line.name()))
                    .param(fittedText(line.text())).param(at);
        }
        insert.update();
    }

    /**
     * The INSERT of {@code lines} lines, with positional parameters: the same string object for every
     * turn of that many lines, as every statement of a turn (why: ConversationStore).
     */
    private static String insertOf(int lines) {
        return lines < TURN_INSERTS.length ? TURN_INSERTS[lines] : turnInsert(lines);
    }

    private static String turnInsert(int lines) {
        StringBuilder sql = new StringBuilder("INSERT INTO transcript_lines (conversation_ref, author, author_name,"
                + " text, created_at) VALUES ");
        for (int i = 0; i < lines; i++) {
            sql.append(i == 0 ? "(?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?)");
        }
        return sql.toString();
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

    void add(ConversationKey key, Long caseId, String author, String name, String text, Instant now) {
        add(key, caseId, author, name, text, null, now);
    }

    /**
     * @param clientRef the id the sender gave the message, or null
     * @return false when a line of the case already has that {@code clientRef} (nothing written)
     */
    boolean add(ConversationKey key, Long caseId, String author, String name, String text, String clientRef,
            Instant now) {
        return jdbc.sql("INSERT INTO transcript_lines (conversation_ref, case_id, author, author_name, text,"
                        + " client_ref, created_at) VALUES (" + NUMBER_OF_KEY + ", :caseId, :author, :name, :text,"
                        + " :clientRef, :now) ON CONFLICT DO NOTHING")
                .param("channel", key.channel()).param("conversationId", key.conversationId())
                .param("caseId", caseId).param("author", author)
                .param("name", fittedName(name))
                .param("text", fittedText(text))
                .param("clientRef", clientRef)
                .param("now", CaseStore.utc(now))
                .update() == 1;
    }

    /** A name cut to its column's size. */
    private static String fittedName(String name) {
        return name == null || name.length() <= 256 ? name : name.substring(0, 256);
    }

    /** A text cut to its column's size, the cut shown by an ellipsis. */
    private static String fittedText(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }

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
                        + " AND NOT EXISTS (SELECT 1 FROM handoffs h JOIN conversations c ON c.channel = h.channel"
                        + " AND c.conversation_id = h.conversation_id WHERE c.id = transcript_lines.conversation_ref)")
                .param("before", CaseStore.utc(before)).update();
    }

    /** The whole conversation, oldest first. */
    List<Line> lines(ConversationKey key) {
        return jdbc.sql("SELECT id, author, author_name, text, created_at, case_id FROM transcript_lines"
                        + " WHERE conversation_ref = " + NUMBER_OF_KEY + " ORDER BY id")
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
