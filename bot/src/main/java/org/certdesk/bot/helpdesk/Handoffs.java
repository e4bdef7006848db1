package org.certdesk.bot.helpdesk;

import java.time.Instant;
import java.util.TreeMap;

import org.certdesk.bot.shared.ConversationKey;
import org.certdesk.bot.system.AfterCommit;
import org.certdesk.dialogs.engine.ConversationState;
import org.certdesk.dialogs.engine.Handoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Escalations to the helpdesk, recorded in the transaction of the turn that escalated, so a case
 * exists exactly when the user was told "a person will answer": never lost on a crash, never
 * doubled by a replay of the same turn ({@code turn_ref} is unique per conversation). A row is a
 * helpdesk case: {@link CaseStore} queues, assigns and closes it.
 */
@Repository
public class Handoffs {
    private static final Logger log = LoggerFactory.getLogger(Handoffs.class);

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final CaseStore cases;

    Handoffs(JdbcClient jdbc, JsonMapper json, CaseStore cases) {
        this.jdbc = jdbc;
        this.json = json;
        this.cases = cases;
    }

    /**
     * Records a handoff; call inside the turn's transaction.
     *
     * @param turnRef the turn that escalated; a second call with the same reference does nothing
     * @return the new case's number, or empty when this turn already opened one
     */
    public java.util.OptionalLong open(ConversationKey conversation, String turnRef, Handoff handoff, ConversationState state,
            Instant now) {
        int inserted = cases.open(conversation, turnRef, handoff.reason(),
                json.writeValueAsString(new TreeMap<>(handoff.variables())), state, now);
        if (inserted != 1) {
            return java.util.OptionalLong.empty();
        }
        long id = jdbc.sql("SELECT id FROM handoffs WHERE channel = :channel AND conversation_id = :conversationId"
                        + " AND turn_ref = :turnRef")
                .param("channel", conversation.channel())
                .param("conversationId", conversation.conversationId())
                .param("turnRef", turnRef)
                .query(Long.class).single();
        AfterCommit.run(() -> log.info("handoff to the helpdesk: case {}, conversation {}, reason {}, script {}@{}",
                id, conversation, handoff.reason(), state.scriptId(), state.scriptVersion()));
        return java.util.OptionalLong.of(id);
    }

    /** The number of handoffs of a conversation (for tests). */
    public int count(ConversationKey conversation) {
        return jdbc.sql("SELECT COUNT(*) FROM handoffs WHERE channel = :channel AND conversation_id = :conversationId")
                .param("channel", conversation.channel())
                .param("conversationId", conversation.conversationId())
                .query(Integer.class).single();
    }

}
