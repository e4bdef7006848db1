package org.certdesk.bot.helpdesk;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
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
    /**
     * Between the bot's answers of a turn in a row: the Unicode paragraph separator, which no stored
     * text holds ({@link #fittedText}), so that every answer reads back as the line it was.
     */
    private static final char BETWEEN_ANSWERS = '\u2029';
    private static final String TURN_INSERT = "INSERT INTO transcript_lines (conversation_ref, author, author_name,"
            + " text, reply, created_at) VALUES (?, ?, ?, ?, ?, ?)";
    /** The number of the conversation {@code :channel} and {@code :conversationId} name, which its lines are kept under. */
    private static final String NUMBER_OF_KEY =
            "(SELECT id FROM conversations WHERE channel = :channel AND conversation_id = :conversationId)";

    /** One line: {@code author} is {@code employee}, {@code bot} or {@code agent}; {@code name} may be null. */
    record Line(String author, String name, String text, Instant at, Long caseId) {
    }

    private final JdbcClient jdbc;

    Transcript(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The turn in one row: what the employee did (a text or a button; other inputs are not said by
     * anyone), with the bot's replies (typing indicators left out) as its {@code reply}; when the
     * employee said nothing, the replies are the row. A row a line, two to three a turn of four
     * B-trees each, was the largest part of a turn's work in H2 (migration V20).
     */
    @Override
    public void turn(long conversation, UserInput input, String name, List<Outbound> replies, Instant now) {
        String said = input == null ? null : said(input);
        String answers = answers(replies);
        if (said == null && answers == null) {
            return;
        }
        boolean employee = said != null;
        jdbc.sql(TURN_INSERT)
                .param(conversation)
                .param(employee ? "employee" : "bot")
                .param(employee ? fittedName(name) : null)
                .param(employee ? fittedText(said) : answers)
                .param(employee ? answers : null)
                .param(CaseStore.utc(now))
                .update();
    }

    /** The bot's replies that say something, each fitted, between paragraph separators; null for none. */
    private static String answers(List<Outbound> replies) {
        StringBuilder answers = null;
        for (Outbound reply : replies) {
            if (reply instanceof Outbound.Say say) {
                String text = text(say.message());
                if (text != null && !text.isBlank()) {
                    String answer = fittedText(text);
                    answers = answers == null ? new StringBuilder(answer) : answers.append(BETWEEN_ANSWERS).append(answer);
                }
            }
        }
        return answers == null ? null : answers.toString();
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
     * @return false when a message of the case was already added with that {@code clientRef} (nothing written)
     */
    boolean add(ConversationKey key, Long caseId, String author, String name, String text, String clientRef,
            Instant now) {
        if (caseId != null && clientRef != null && jdbc.sql("INSERT INTO case_message_refs (case_id, client_ref)"
                + " VALUES (?, ?) ON CONFLICT DO NOTHING").param(caseId).param(clientRef).update() == 0) {
            return false; // sent before: the request was retried
        }
        jdbc.sql("INSERT INTO transcript_lines (conversation_ref, case_id, author, author_name, text, created_at)"
                        + " VALUES (" + NUMBER_OF_KEY + ", :caseId, :author, :name, :text, :now)")
                .param("channel", key.channel()).param("conversationId", key.conversationId())
                .param("caseId", caseId).param("author", author)
                .param("name", fittedName(name))
                .param("text", fittedText(text))
                .param("now", CaseStore.utc(now))
                .update();
        return true;
    }

    /** A name cut to its column's size. */
    private static String fittedName(String name) {
        return name == null || name.length() <= 256 ? name : name.substring(0, 256);
    }

    /**
     * A text as stored: cut to its column's size, the cut shown by an ellipsis, and without the
     * separator of a turn's answers (a line break instead), so that no line is split in two on reading.
     */
    private static String fittedText(String text) {
        String line = text.replace(BETWEEN_ANSWERS, '\n');
        return line.length() <= MAX_TEXT ? line : line.substring(0, MAX_TEXT - 1) + "…";
    }

    /**
     * Deletes the lines said in the cases {@code closedCases} selects (a FROM clause of {@link CaseStore}
     * with a {@code :before} parameter), and the ids of their agents' messages; the lines from before a
     * case belong to the bot's own retention.
     */
    void deleteOfCasesClosedBefore(String closedCases, Instant before) {
        jdbc.sql("DELETE FROM case_message_refs WHERE case_id IN (SELECT id" + closedCases + ")")
                .param("before", CaseStore.utc(before)).update();
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

    /** The whole conversation, oldest first: a turn's row reads as the employee's line, then each answer. */
    List<Line> lines(ConversationKey key) {
        List<Line> lines = new ArrayList<>();
        jdbc.sql("SELECT author, author_name, text, reply, created_at, case_id FROM transcript_lines"
                        + " WHERE conversation_ref = " + NUMBER_OF_KEY + " ORDER BY id")
                .param("channel", key.channel()).param("conversationId", key.conversationId())
                .query(rs -> {
                    long id = rs.getLong("case_id");
                    Long caseId = rs.wasNull() ? null : id;
                    Instant at = rs.getObject("created_at", OffsetDateTime.class).toInstant();
                    String author = rs.getString("author");
                    String text = rs.getString("text");
                    if ("bot".equals(author)) {
                        answersAsLines(text, at, caseId, lines);
                    } else {
                        lines.add(new Line(author, rs.getString("author_name"), text, at, caseId));
                    }
                    String reply = rs.getString("reply");
                    if (reply != null) {
                        answersAsLines(reply, at, caseId, lines);
                    }
                });
        return lines;
    }

    private static void answersAsLines(String answers, Instant at, Long caseId, List<Line> lines) {
        for (String answer : answers.split(String.valueOf(BETWEEN_ANSWERS), -1)) {
            lines.add(new Line("bot", null, answer, at, caseId));
        }
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
