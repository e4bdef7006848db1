package org.certdesk.bot.conversation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.certdesk.bot.shared.ChannelAddress;
import org.certdesk.bot.shared.ConversationKey;
import org.certdesk.bot.system.AfterCommit;
import org.certdesk.dialogs.engine.ConversationState;
import org.certdesk.dialogs.engine.UserInput;
import org.certdesk.dialogs.script.State;
import org.springframework.stereotype.Component;

/**
 * What the helpdesk may do to a conversation from outside a turn: read its state, list the states
 * an agent can hand it back at, and queue that hand-back as a turn of its own (so it runs in order
 * with the employee's messages, under the conversation's lock, with fast and slow actions as usual).
 */
@Component
public class ConversationControl {
    private final ConversationStore conversations;
    private final InboxStore inbox;
    private final TurnQueue queue;
    private final DialogEngines engines;

    ConversationControl(ConversationStore conversations, InboxStore inbox, TurnQueue queue, DialogEngines engines) {
        this.conversations = conversations;
        this.inbox = inbox;
        this.queue = queue;
        this.engines = engines;
    }

    /** The stored address and state of a conversation; empty when unknown or before its first turn. */
    public Optional<Snapshot> find(ConversationKey key) {
        return conversations.find(key).filter(c -> c.state() != null)
                .map(c -> new Snapshot(c.id(), c.address(), c.state(), c.androidApiLevel()));
    }

    /**
     * The states of the conversation's script an agent can resume it at: every state that is not an
     * end (resolved or escalated), in the script's order.
     */
    public List<String> resumableStates(ConversationState state) {
        return engines.of(state).script().states().values().stream()
                .filter(s -> !s.isTerminal())
                .map(State::id)
                .toList();
    }

    /**
     * Queues "resume at {@code stateId}" as a turn, in the current transaction: it exists exactly
     * when that transaction commits (a second call with the same {@code ref} does nothing), and the
     * conversation's worker is woken after the commit.
     */
    public void resumeAfterCommit(ChannelAddress address, String ref, String stateId, String locale, Instant now) {
        boolean accepted = inbox.accept(conversations.number(address, now),
                new Inbound(ref, address, new UserInput.Resume(stateId), locale, now));
        if (!accepted) {
            return;
        }
        AfterCommit.run(() -> queue.wake(address.key()));
    }

    /**
     * A conversation as the helpdesk sees it.
     *
     * @param ref the conversation's short number (download links carry it)
     * @param androidApiLevel from the phone's User-Agent, or null
     */
    public record Snapshot(long ref, ChannelAddress address, ConversationState state, Integer androidApiLevel) {
    }
}
