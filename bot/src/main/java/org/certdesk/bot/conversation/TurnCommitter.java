package org.certdesk.bot.conversation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.certdesk.bot.actions.ActionCall;
import org.certdesk.bot.outbox.Outbound;
import org.certdesk.bot.outbox.OutboxDispatcher;
import org.certdesk.bot.shared.ConversationKey;
import org.certdesk.bot.system.CertdeskProperties;
import org.certdesk.dialogs.engine.Handoff;
import org.springframework.stereotype.Component;

/**
 * Writes what a turn did, inside the turn's transaction: the new state (version-checked), every
 * reply appended to the outbox and the transcript, the helpdesk case if the conversation escalated.
 * After the commit the replies leave at once (see {@link OutboxDispatcher#appendAndSend}) rather than
 * at the next poll.
 */
@Component
class TurnCommitter {
    private final ConversationStore conversations;
    private final OutboxDispatcher dispatcher;
    private final Escalations helpdesk;
    private final TranscriptLog transcript;
    private final TurnNotes notes;
    private final StateLog states;
    private final CertdeskProperties.Turns settings;

    TurnCommitter(ConversationStore conversations, OutboxDispatcher dispatcher, Escalations helpdesk,
            TranscriptLog transcript, TurnNotes notes, StateLog states, CertdeskProperties properties) {
        this.conversations = conversations;
        this.dispatcher = dispatcher;
        this.helpdesk = helpdesk;
        this.transcript = transcript;
        this.notes = notes;
        this.states = states;
        this.settings = properties.turns();
    }

    /**
     * @param slow the slow action to run after the commit, or null: its request is stored as pending
     *     (with a lease) and a typing indicator follows the replies
     */
    void commit(TurnSteps steps, ActionCall slow, Instant now) {
        Conversation updated = steps.conversation().withState(steps.state());
        Conversation conversation = slow != null
                ? updated.withPendingAction(slow.request(), now.plus(settings.actionLease()), 1)
                : stillWaitedFor(updated) ? updated // a message while another worker runs the action: keep it
                : updated.withPendingAction(null, null, 0);
        List<Outbound> replies = steps.replies();
        // Said first ("the IT team knows"), so the script's own replies (and their buttons) come last.
        replies.addAll(0, notes.notes(conversation.key(), steps.turnRef(), steps.state().locale()));
        if (slow != null) {
            replies.add(new Outbound.Typing());
        }
        // The save numbers the replies' outbox entries in its own statement, unless an escalation is
        // yet to add what it tells the employee (it opens the case on the saved conversation).
        Optional<Handoff> handoff = steps.handoff();
        int numbered = handoff.isPresent() ? 0 : dispatcher.entries(conversation.address(), replies);
        conversations.save(conversation, now, numbered);
        states.reached(conversation.id(), steps.results().stream().map(r -> r.state()).toList(), now);
        transcript.turn(conversation.id(), steps.input(), steps.userName(), replies, now);
        handoff.ifPresent(escalation -> {
            List<Outbound> told = helpdesk.escalated(conversation.key(), steps.turnRef(), escalation, steps.state(),
                    now);
            transcript.bot(conversation.id(), told, now);
            replies.addAll(told);
        });
        dispatcher.appendAndSend(conversation.address(), replies, now);
    }

    /**
     * Whether the new state still waits for the stored pending action (the turn only answered "still
     * checking"): clearing it would drop the action's result when it comes, and leave the engine
     * waiting for ever.
     */
    private static boolean stillWaitedFor(Conversation conversation) {
        return conversation.pendingAction() != null && conversation.state() != null
                && conversation.state().status() == org.certdesk.dialogs.engine.ConversationState.Status.WAITING_FOR_ACTION
                && conversation.pendingAction().requestId().equals(conversation.state().pendingRequestId());
    }

    /** Appends replies in the current transaction and wakes the outbox once it committed. */
    void append(ConversationKey key, List<Outbound> replies, Instant now) {
        dispatcher.append(key, replies, now);
    }
}
