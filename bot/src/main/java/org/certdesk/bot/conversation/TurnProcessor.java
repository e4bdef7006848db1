package org.certdesk.bot.conversation;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.certdesk.bot.actions.ActionCall;
import org.certdesk.bot.actions.ActionRunner;
import org.certdesk.bot.outbox.Outbound;
import org.certdesk.bot.shared.ConversationKey;
import org.certdesk.dialogs.engine.ActionRequest;
import org.certdesk.dialogs.engine.DialogEngine;
import org.certdesk.dialogs.engine.TurnResult;
import org.certdesk.dialogs.engine.UserInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the turns of one conversation, oldest inbox row first. A turn is one transaction that row-locks
 * the conversation (so two instances never interleave), steps the engine, runs fast actions inline,
 * and commits state, replies and the removal of its inbox row together. A slow action splits the
 * turn: its request and a typing indicator are committed, it runs outside any transaction, and its
 * result is stepped in a second transaction. A crash in between leaves the request stored with a
 * lease, and {@link AbandonedActions} runs it again once the lease ran out.
 */
@Component
class TurnProcessor {
    private static final Logger log = LoggerFactory.getLogger(TurnProcessor.class);
    private static final int RACE_RETRIES = 3;

    private final ConversationStore conversations;
    private final InboxStore inbox;
    private final DialogEngines engines;
    private final ActionRunner actions;
    private final TurnActions turnActions;
    private final AbandonedActions abandoned;
    private final ActionLeases leases;
    private final TurnCommitter committer;
    private final TurnFailures failures;
    private final TurnMetrics metrics;
    private final Escalations helpdesk;
    private final StateBeforeStep beforeStep;
    private final TransactionTemplate transaction;
    private final Clock clock;

    TurnProcessor(ConversationStore conversations, InboxStore inbox, DialogEngines engines, ActionRunner actions,
            TurnActions turnActions, AbandonedActions abandoned, ActionLeases leases, TurnCommitter committer,
            TurnFailures failures,
            TurnMetrics metrics, Escalations helpdesk, StateBeforeStep beforeStep,
            PlatformTransactionManager transactions,
            Clock clock) {
        this.conversations = conversations;
        this.inbox = inbox;
        this.engines = engines;
        this.actions = actions;
        this.turnActions = turnActions;
        this.abandoned = abandoned;
        this.leases = leases;
        this.committer = committer;
        this.failures = failures;
        this.metrics = metrics;
        this.helpdesk = helpdesk;
        this.beforeStep = beforeStep;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** Processes the conversation's pending work until none is left. */
    void drain(ConversationKey key) {
        while (runOnce(key)) {
            // next unit of work
        }
    }

    /** @return whether something was done (there may be more) */
    private boolean runOnce(ConversationKey key) {
        Optional<ActionCall> leftBehind = retrying(() -> transaction.execute(s -> abandoned.claim(key)));
        if (leftBehind.isPresent()) {
            runSlow(key, leftBehind.get());
            return true;
        }
        Stepping stepping = new Stepping();
        Stepped stepped;
        try {
            stepped = retrying(() -> transaction.execute(s -> stepInbound(key, stepping)));
        } catch (RuntimeException e) {
            // Rolled back: count the failure on the row that failed, if it is still waiting (another
            // instance may have processed it since: then the next row is innocent and left alone).
            if (stepping.conversation != null) {
                inbox.oldest(stepping.conversation.id()).filter(row -> row.id() == stepping.row)
                        .ifPresent(row -> failures.turnFailed(row, e));
            }
            return true;
        }
        if (stepped == null) {
            return false; // nothing was waiting
        }
        Optional<ActionCall> slow = Optional.ofNullable(stepped.slow());
        slow.ifPresent(call -> runSlow(key, call));
        // Nothing else waiting: stop rather than look again. A row accepted from now on wakes the
        // conversation once it is committed (TurnQueue drains again), so it cannot be missed.
        return slow.isPresent() || inbox.hasWaiting(stepping.conversation.id());
    }

    /** What a turn left to do after its commit: the slow action to run now, if any. */
    private record Stepped(ActionCall slow) {}

    /** The conversation and the inbox row an attempt had locked, if it got that far. */
    private static final class Stepping {
        Conversation conversation;
        long row = -1;
    }

    /**
     * In the turn's transaction: locks the conversation, then steps its oldest waiting row.
     *
     * @return null when no row is waiting
     */
    private Stepped stepInbound(ConversationKey key, Stepping stepping) {
        // An activity is accepted under its conversation's number, so a conversation not stored has none.
        Conversation conversation = conversations.lock(key).orElse(null);
        if (conversation == null) {
            return null;
        }
        stepping.conversation = conversation;
        Optional<InboxRow> oldest = inbox.oldest(conversation.id()); // after the lock: another instance may have taken it
        if (oldest.isEmpty()) {
            return null;
        }
        stepping.row = oldest.get().id();
        Stepped stepped = step(conversation, oldest.get().inbound());
        inbox.done(oldest.get().id());
        return stepped;
    }

    /**
     * What {@link #runNow} did.
     *
     * @param queued the activity went to the inbox instead (something of the conversation came first):
     *     a worker must drain the conversation
     * @param slow the slow action the turn left to run after its commit, or null
     */
    record Direct(TurnSubmitter.Submission submission, boolean queued, ActionCall slow) {}

    /**
     * Runs the turn of an activity that is not recorded yet, in one transaction with its
     * de-duplication: when the conversation has nothing waiting (no inbox row, no slow action), the
     * activity never goes through the inbox, and its turn is on its way to disk when this returns.
     * Otherwise the activity is queued in the inbox in that same transaction, behind what waits.
     * The caller holds the conversation in this instance ({@link TurnQueue#runHere}).
     *
     * @throws RuntimeException when the turn failed: everything is rolled back, record the activity
     *     in the inbox instead (its worker counts the failures)
     */
    Direct runNow(Inbound inbound) {
        return retrying(() -> transaction.execute(s -> stepNow(inbound)));
    }

    private Direct stepNow(Inbound inbound) {
        ConversationKey key = inbound.address().key();
        Conversation conversation = conversations.lock(key).orElse(null);
        if (conversation == null) {
            conversations.createIfAbsent(inbound.address(), clock.instant());
            conversation = conversations.lock(key).orElseThrow();
        }
        if (conversation.pendingAction() != null || inbox.hasWaiting(conversation.id())) {
            // Behind what waits: the worker's order (a slow action first, then the oldest row).
            boolean accepted = inbox.acceptJournaled(conversation.id(), inbound);
            return new Direct(accepted ? TurnSubmitter.Submission.ACCEPTED : TurnSubmitter.Submission.DUPLICATE,
                    accepted, null);
        }
        if (!inbox.remember(conversation.id(), inbound)) {
            return new Direct(TurnSubmitter.Submission.DUPLICATE, false, null);
        }
        inbox.journal(inbound); // before the turn: its replies see that it was journaled
        return new Direct(TurnSubmitter.Submission.ACCEPTED, false, step(conversation, inbound).slow());
    }

    /** Runs the slow action a turn of {@link #runNow} left, and what it leads to. */
    void runAfter(ConversationKey key, ActionCall slow) {
        runSlow(key, slow);
    }

    /** Steps one activity of the locked conversation and writes what the turn did. */
    private Stepped step(Conversation locked, Inbound inbound) {
        ConversationKey key = locked.key();
        Conversation conversation = locked.withAddress(inbound.address());
        if (conversation.state() != null
                && conversation.state().status() == org.certdesk.dialogs.engine.ConversationState.Status.ESCALATED) {
            // While a helpdesk case is open the agent answers, not the bot: the input goes to the case.
            // A case is open only after the conversation escalated, so other turns skip the look-up.
            Optional<List<Outbound>> diverted = helpdesk.divert(key, inbound.input(), inbound.address().userName(),
                    conversation.state().locale(), clock.instant());
            if (diverted.isPresent()) {
                conversations.save(conversation, clock.instant()); // the address, as for any turn
                committer.append(key, diverted.get(), clock.instant());
                metrics.turnDone(key.channel(), inbound.receivedAt());
                return new Stepped(null);
            }
        }
        DialogEngine engine;
        TurnResult result;
        if (conversation.state() == null) {
            // A new conversation starts with the welcome. A first message (Teams, app installed long
            // ago, no welcome before it) is understood as well, without asking the welcome's question
            // first: "Android 14, Company Portal says a certificate is missing" goes straight on.
            engine = engines.forNewConversation();
            metrics.conversationStarted(key.channel());
            String languageTag = inbound.input() instanceof UserInput.Start start && start.languageTag() != null
                    ? start.languageTag() : inbound.locale();
            result = inbound.input() instanceof UserInput.Text first
                    ? engine.start(languageTag, first.text()) : engine.start(languageTag);
        } else {
            engine = engines.of(conversation.state());
            result = engine.step(beforeStep.adjusted(conversation.state(), conversation.androidApiLevel()),
                    inbound.input());
        }
        TurnSteps steps = new TurnSteps(conversation, engine, "activity:" + inbound.activityId(), result,
                inbound.input(), inbound.address().userName());
        ActionCall slow = turnActions.runFast(steps);
        committer.commit(steps, slow, clock.instant());
        metrics.turnDone(key.channel(), inbound.receivedAt());
        return new Stepped(slow);
    }

    /** Runs a slow action outside any transaction, then steps its result (and any slow action that follows). */
    private void runSlow(ConversationKey key, ActionCall first) {
        ActionCall call = first;
        while (call != null) {
            ActionCall running = call;
            UserInput.ActionResult result;
            try (ActionLeases.Held lease = leases.keep(running)) { // short lease, renewed while it runs
                result = actions.run(running);
            }
            Optional<ActionCall> next;
            try {
                next = retrying(() -> transaction.execute(s -> stepActionResult(key, running, result)));
            } catch (RuntimeException e) {
                // The result itself broke the turn (e.g. the engine refused it): answer the declared
                // failure outcome instead, so the user moves on rather than waiting forever.
                failures.actionResultFailed(running, e);
                UserInput.ActionResult failed = actions.failed(running, e);
                next = retrying(() -> transaction.execute(s -> stepActionResult(key, running, failed)));
            }
            call = next.orElse(null);
        }
    }

    private Optional<ActionCall> stepActionResult(ConversationKey key, ActionCall call, UserInput.ActionResult result) {
        Conversation conversation = conversations.lock(key).orElseThrow();
        ActionRequest pending = conversation.pendingAction();
        if (pending == null || !pending.requestId().equals(call.request().requestId())) {
            return Optional.empty(); // already answered (by another instance after our lease ran out)
        }
        DialogEngine engine = engines.of(conversation.state());
        TurnSteps steps = new TurnSteps(conversation, engine, "action:" + pending.requestId(),
                engine.step(beforeStep.adjusted(conversation.state(), conversation.androidApiLevel()), result));
        ActionCall slow = turnActions.runFast(steps);
        committer.commit(steps, slow, clock.instant());
        return Optional.ofNullable(slow);
    }

    /** Redoes a transaction that lost a race: a stale version, a lock timeout, a deadlock. */
    private static <T> T retrying(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (ConcurrencyFailureException e) {
                if (attempt >= RACE_RETRIES) {
                    throw e;
                }
                log.debug("turn lost a race, redoing it: {}", e.getMessage());
            }
        }
    }
}
