package org.certdesk.bot.conversation;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.certdesk.bot.actions.ActionCall;
import org.certdesk.bot.actions.ActionRunner;
import org.certdesk.bot.shared.ConversationKey;
import org.certdesk.bot.system.CertdeskProperties;
import org.certdesk.dialogs.engine.DialogEngine;
import org.certdesk.dialogs.engine.TurnResult;
import org.springframework.stereotype.Component;

/**
 * Slow actions whose worker is presumed gone: the request is stored but its lease ran out (the
 * process died during the probe, or the probe hung past {@code certdesk.turns.action-max-run}: the
 * lease is short and renewed while the action runs, see {@link ActionLeases}). Such an action is
 * claimed with a new lease and run again (by whichever instance's recovery sweep finds it first); after {@code certdesk.turns.max-attempts} starts it is answered with its declared
 * failure outcome instead, so the user moves on (for the probe: the manual steps on a PC).
 */
@Component
class AbandonedActions {
    private final ConversationStore conversations;
    private final DialogEngines engines;
    private final ActionRunner actions;
    private final TurnActions turnActions;
    private final TurnCommitter committer;
    private final TurnFailures failures;
    private final CertdeskProperties.Turns settings;
    private final Clock clock;

    AbandonedActions(ConversationStore conversations, DialogEngines engines, ActionRunner actions,
            TurnActions turnActions, TurnCommitter committer, TurnFailures failures, CertdeskProperties properties,
            Clock clock) {
        this.conversations = conversations;
        this.engines = engines;
        this.actions = actions;
        this.turnActions = turnActions;
        this.committer = committer;
        this.failures = failures;
        this.settings = properties.turns();
        this.clock = clock;
    }

    /**
     * In a transaction: claims the conversation's abandoned action, if any.
     *
     * @return the action to run now, outside the transaction
     */
    Optional<ActionCall> claim(ConversationKey key) {
        Optional<Instant> lease = conversations.actionLeaseUntil(key);
        if (lease.isEmpty() || lease.get().isAfter(clock.instant())) {
            return Optional.empty(); // the common case, without taking the lock or reading the state
        }
        Conversation conversation = conversations.lock(key).orElseThrow();
        if (!abandoned(conversation)) {
            return Optional.empty();
        }
        ActionCall call = TurnActions.call(conversation, conversation.pendingAction(), conversation.state());
        if (conversation.actionAttempts() < settings.maxAttempts()) {
            conversations.save(conversation.withPendingAction(conversation.pendingAction(),
                    clock.instant().plus(settings.actionLease()), conversation.actionAttempts() + 1), clock.instant());
            return Optional.of(call);
        }
        failures.actionAbandoned(call, conversation.actionAttempts());
        DialogEngine engine = engines.of(conversation.state());
        TurnResult result;
        try {
            result = engine.step(conversation.state(), actions.failed(call, new IllegalStateException("gave up")));
        } catch (RuntimeException e) {
            // Not even the failure outcome is accepted: stop waiting, say sorry, keep the state.
            conversations.save(conversation.withPendingAction(null, null, 0), clock.instant());
            failures.stuck(conversation.key(), conversation.state().locale(), e);
            return Optional.empty();
        }
        TurnSteps steps = new TurnSteps(conversation, engine, "action:" + call.request().requestId(), result);
        ActionCall slow = turnActions.runFast(steps);
        committer.commit(steps, slow, clock.instant());
        return Optional.ofNullable(slow);
    }

    private boolean abandoned(Conversation conversation) {
        return conversation.pendingAction() != null && !conversation.actionLeaseUntil().isAfter(clock.instant());
    }
}
