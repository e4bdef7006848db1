package org.certdesk.bot.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.certdesk.bot.outbox.Outbound;
import org.certdesk.dialogs.engine.ConversationState;
import org.certdesk.dialogs.engine.DialogEngine;
import org.certdesk.dialogs.engine.Handoff;
import org.certdesk.dialogs.engine.TurnResult;
import org.certdesk.dialogs.engine.UserInput;

/**
 * What one turn has done so far: the engine steps of the input and of the fast actions it ran, to be
 * written together.
 *
 * @param turnRef names the turn for the idempotency of what it writes ({@code activity:<id>},
 *     {@code action:<requestId>})
 * @param input what the employee did, written to the transcript with the replies; null when the turn
 *     steps an action's result
 * @param userName the employee's name as the channel gives it, or null
 */
record TurnSteps(Conversation conversation, DialogEngine engine, String turnRef, List<TurnResult> results,
        UserInput input, String userName) {

    /** The turn of an action's result: nobody said anything. */
    TurnSteps(Conversation conversation, DialogEngine engine, String turnRef, TurnResult first) {
        this(conversation, engine, turnRef, first, null, null);
    }

    TurnSteps(Conversation conversation, DialogEngine engine, String turnRef, TurnResult first, UserInput input,
            String userName) {
        this(conversation, engine, turnRef, new ArrayList<>(List.of(first)), input, userName);
    }

    void add(TurnResult result) {
        results.add(result);
    }

    TurnResult last() {
        return results.get(results.size() - 1);
    }

    ConversationState state() {
        return last().state();
    }

    /** Every message of every step, in order, each in the language it was said in. */
    List<Outbound> replies() {
        List<Outbound> replies = new ArrayList<>();
        for (TurnResult result : results) {
            result.messages().forEach(m -> replies.add(new Outbound.Say(m, result.state().locale())));
        }
        return replies;
    }

    Optional<Handoff> handoff() {
        return results.stream().flatMap(r -> r.handoff().stream()).findFirst();
    }
}
