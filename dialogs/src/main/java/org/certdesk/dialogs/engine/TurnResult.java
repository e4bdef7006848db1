package org.certdesk.dialogs.engine;

import java.util.List;
import java.util.Optional;
import org.certdesk.dialogs.script.Transition;

/**
 * What one step produced: the state to store, the messages to send in order, the actions to run,
 * a handoff when the conversation escalated, and the transitions taken (for logs, the admin
 * preview, and coverage).
 */
public record TurnResult(ConversationState state, List<Message> messages, List<ActionRequest> actions,
        Optional<Handoff> handoff, List<Transition> taken) {

    public TurnResult {
        messages = List.copyOf(messages);
        actions = List.copyOf(actions);
        taken = List.copyOf(taken);
    }
}
