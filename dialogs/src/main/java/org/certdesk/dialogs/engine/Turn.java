package org.certdesk.dialogs.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.certdesk.dialogs.script.Transition;

/** The working copy of one step: the conversation as it changes, and what the step produced. */
final class Turn {

    final ConversationState before;
    String stateId;
    String locale;
    ConversationState.Status status;
    int misses;
    boolean offeringHuman;
    String pendingAction;
    String pendingRequestId;
    int actionSeq;
    private Map<String, String> variables;
    private boolean variablesCopied;

    final List<Message> messages = new ArrayList<>(6);
    final List<ActionRequest> actions = new ArrayList<>(1);
    final List<Transition> taken = new ArrayList<>(4);
    Handoff handoff;
    /** Where in {@link #messages} the state the conversation waits in began to speak. */
    int waitingSaidFrom;

    Turn(ConversationState state) {
        before = state;
        stateId = state.stateId();
        locale = state.locale();
        status = state.status();
        misses = state.misses();
        offeringHuman = state.offeringHuman();
        pendingAction = state.pendingAction();
        pendingRequestId = state.pendingRequestId();
        actionSeq = state.actionSeq();
        variables = state.variables();
    }

    Map<String, String> variables() {
        return variables;
    }

    /** Copies the variables on first write only: most steps change none. */
    Map<String, String> writableVariables() {
        if (!variablesCopied) {
            variables = new TreeMap<>(variables);
            variablesCopied = true;
        }
        return variables;
    }

    void say(String text) {
        messages.add(new Message.Text(text));
    }

    TurnResult finish() {
        Map<String, String> finalVariables = variablesCopied
                ? new ConversationState.SortedVariables((TreeMap<String, String>) variables) : variables;
        ConversationState after = new ConversationState(before.scriptId(), before.scriptVersion(), stateId, locale,
                status, misses, offeringHuman, pendingAction, pendingRequestId, actionSeq, finalVariables);
        return new TurnResult(after, messages, actions, Optional.ofNullable(handoff), taken);
    }
}
