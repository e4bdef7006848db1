package org.certdesk.bot.conversation;

import org.certdesk.bot.actions.ActionCall;
import org.certdesk.bot.actions.ActionRunner;
import org.certdesk.dialogs.engine.ActionRequest;
import org.certdesk.dialogs.engine.ConversationState;
import org.springframework.stereotype.Component;

/** Runs, inside a turn, the fast actions the engine asks for, until it waits for the user or a slow one. */
@Component
class TurnActions {
    private final ActionRunner actions;

    TurnActions(ActionRunner actions) {
        this.actions = actions;
    }

    /**
     * Steps the result of each fast action into {@code steps}.
     *
     * @return the slow action the engine waits for, to run after the commit; null when it waits for the user
     */
    ActionCall runFast(TurnSteps steps) {
        while (!steps.last().actions().isEmpty()) {
            ActionRequest request = steps.last().actions().get(0);
            ActionCall call = call(steps.conversation(), request, steps.state());
            if (actions.isSlow(request.name())) {
                return call;
            }
            steps.add(steps.engine().step(steps.state(), actions.run(call)));
        }
        return null;
    }

    static ActionCall call(Conversation conversation, ActionRequest request, ConversationState state) {
        return new ActionCall(conversation.key(), conversation.id(), state.locale(), conversation.androidApiLevel(),
                request);
    }
}
