package org.certdesk.bot.helpdesk;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import org.certdesk.bot.conversation.ConversationControl;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What an agent does to a case. Each request is one transaction that row-locks the case, checks who
 * has it, changes it, and writes what the employee is told to the outbox and the transcript: the
 * message exists exactly when the change does, and reaches the employee once.
 */
@Service
class AgentDesk {
    private final CaseStore cases;
    private final Transcript transcript;
    private final EmployeeReplies employee;
    private final ConversationControl conversations;
    private final CaseEvents events;
    private final HelpdeskMetrics metrics;
    private final TransactionTemplate transaction;
    private final Clock clock;

    AgentDesk(CaseStore cases, Transcript transcript, EmployeeReplies employee, ConversationControl conversations,
            CaseEvents events, HelpdeskMetrics metrics, PlatformTransactionManager transactions, Clock clock) {
        this.cases = cases;
        this.transcript = transcript;
        this.employee = employee;
        this.conversations = conversations;
        this.events = events;
        this.metrics = metrics;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** Assigns the case to {@code agent}; taking one's own case again is fine. */
    HelpdeskCase take(long id, Agent agent) {
        return retried(() -> transaction.execute(s -> {
            Instant now = clock.instant();
            HelpdeskCase c = cases.lock(id).orElseThrow(() -> CaseProblem.notFound(id));
            if (c.takenBy(agent.account())) {
                return c;
            }
            if (c.status() == HelpdeskCase.Status.TAKEN) {
                throw CaseProblem.takenByOther(id, c.agentName());
            }
            if (c.status() != HelpdeskCase.Status.OPEN || !cases.take(id, agent.account(), agent.displayName(), now)) {
                HelpdeskCase latest = cases.find(id).orElseThrow();
                throw latest.status() == HelpdeskCase.Status.TAKEN ? CaseProblem.takenByOther(id, latest.agentName())
                        : CaseProblem.notYours(latest);
            }
            tell(c, HelpdeskTexts.TAKEN.format(c.locale(), agent.displayName(), id), now);
            metrics.taken(c, now);
            events.queueChanged(id);
            return cases.find(id).orElseThrow();
        }));
    }

    /**
     * @param clientRef the id the agent's client gave the message, or null: the same id again (a retried
     *     request) is accepted and does nothing
     */
    void say(long id, Agent agent, String text, String clientRef) {
        if (text == null || text.isBlank()) {
            throw CaseProblem.badRequest("Le message est vide.", "text must not be empty.");
        }
        if (text.length() > Transcript.MAX_TEXT) {
            throw CaseProblem.badRequest("Le message dépasse " + Transcript.MAX_TEXT + " caractères.",
                    "text must have at most " + Transcript.MAX_TEXT + " characters.");
        }
        if (clientRef != null && (clientRef.isBlank() || clientRef.length() > 64)) {
            throw CaseProblem.badRequest("L’identifiant du message doit avoir de 1 à 64 caractères.",
                    "id must have 1 to 64 characters.");
        }
        retried(() -> transaction.execute(s -> {
            Instant now = clock.instant();
            HelpdeskCase c = mine(id, agent);
            if (!transcript.add(c.conversation(), id, "agent", agent.displayName(), text.strip(), clientRef, now)) {
                return null; // sent already
            }
            employee.send(c.conversation(), List.of(HelpdeskCases.say(
                    HelpdeskTexts.AGENT_SAYS.format(c.locale(), agent.displayName(), text.strip()), c.locale())), now);
            events.messageAdded(id);
            return null;
        }));
    }

    void resolve(long id, Agent agent) {
        retried(() -> transaction.execute(s -> {
            Instant now = clock.instant();
            HelpdeskCase c = mine(id, agent);
            cases.close(id, List.of(HelpdeskCase.Status.TAKEN), HelpdeskCase.Status.RESOLVED, null, now);
            tell(c, HelpdeskTexts.RESOLVED.format(c.locale(), agent.displayName(), id), now);
            metrics.resolved(c, now);
            events.queueChanged(id);
            return null;
        }));
    }

    /** Hands the conversation back to the bot at {@code state}; the bot's turn follows the commit. */
    void giveBack(long id, Agent agent, String state) {
        retried(() -> transaction.execute(s -> {
            Instant now = clock.instant();
            HelpdeskCase c = mine(id, agent);
            ConversationControl.Snapshot conversation = conversations.find(c.conversation())
                    .orElseThrow(() -> CaseProblem.notFound(id));
            List<String> states = conversations.resumableStates(conversation.state());
            if (state == null || !states.contains(state)) {
                throw CaseProblem.noSuchState(state, states);
            }
            cases.close(id, List.of(HelpdeskCase.Status.TAKEN), HelpdeskCase.Status.RETURNED, state, now);
            tell(c, HelpdeskTexts.RETURNED.format(c.locale(), agent.displayName()), now);
            conversations.resumeAfterCommit(conversation.address(), "helpdesk-return:" + id, state, c.locale(), now);
            events.queueChanged(id);
            return null;
        }));
    }

    /**
     * Runs an agent's transaction again when the database chose it as a deadlock victim or a lock
     * timed out (a turn of the same conversation at the same moment): the agent should not see a 500
     * for what a second attempt does. Each attempt is a whole transaction, and the message id makes a
     * repeated message harmless.
     */
    private static <T> T retried(Supplier<T> attempt) {
        for (int tries = 1; ; tries++) {
            try {
                return attempt.get();
            } catch (ConcurrencyFailureException e) {
                if (tries == 3) {
                    throw e;
                }
            }
        }
    }

    /** The states the case's conversation can be handed back at. */
    List<String> resumableStates(HelpdeskCase c) {
        return conversations.find(c.conversation()).map(s -> conversations.resumableStates(s.state())).orElse(List.of());
    }

    private HelpdeskCase mine(long id, Agent agent) {
        HelpdeskCase c = cases.lock(id).orElseThrow(() -> CaseProblem.notFound(id));
        if (!c.takenBy(agent.account())) {
            throw CaseProblem.notYours(c);
        }
        return c;
    }

    private void tell(HelpdeskCase c, String text, Instant now) {
        transcript.add(c.conversation(), c.id(), "bot", null, text, now);
        employee.send(c.conversation(), List.of(HelpdeskCases.say(text, c.locale())), now);
        events.messageAdded(c.id());
    }
}
