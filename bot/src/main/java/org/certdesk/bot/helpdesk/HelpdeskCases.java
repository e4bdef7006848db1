package org.certdesk.bot.helpdesk;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import org.certdesk.bot.conversation.Escalations;
import org.certdesk.bot.outbox.Outbound;
import org.certdesk.bot.shared.ConversationKey;
import org.certdesk.dialogs.engine.ConversationState;
import org.certdesk.dialogs.engine.Handoff;
import org.certdesk.dialogs.engine.Message;
import org.certdesk.dialogs.engine.UserInput;
import org.springframework.stereotype.Component;

/**
 * Where the turns meet the helpdesk, inside the turn's transaction: an escalation opens a case
 * (once per escalating turn, whatever replays), and while a case is open or taken, what the employee
 * says goes to the case instead of the bot, which does not answer in the agent's place.
 */
@Component
public class HelpdeskCases implements Escalations {
    /** What cancels a case, said alone (case and punctuation aside). */
    private static final Set<String> CANCEL = Set.of("annuler", "cancel", "cancel case", "cancel request",
            "annuler la demande", "annuler le dossier", "annuler ma demande", "cancel my request");

    private final Handoffs handoffs;
    private final CaseStore cases;
    private final Transcript transcript;
    private final HelpdeskNotices notices;
    private final CaseEvents events;
    private final HelpdeskMetrics metrics;

    HelpdeskCases(Handoffs handoffs, CaseStore cases, Transcript transcript, HelpdeskNotices notices, CaseEvents events,
            HelpdeskMetrics metrics) {
        this.handoffs = handoffs;
        this.cases = cases;
        this.transcript = transcript;
        this.notices = notices;
        this.events = events;
        this.metrics = metrics;
    }

    /**
     * Opens the case of an escalation (the conversation's state is already saved in this transaction)
     * and announces it to the helpdesk.
     *
     * @return what to tell the employee (the case number), empty when this turn already opened it
     */
    @Override
    public List<Outbound> escalated(ConversationKey key, String turnRef, Handoff handoff, ConversationState state,
            Instant now) {
        OptionalLong opened = handoffs.open(key, turnRef, handoff, state, now);
        if (opened.isEmpty()) {
            return List.of();
        }
        long id = opened.getAsLong();
        HelpdeskCase helpdeskCase = cases.find(id).orElseThrow();
        notices.caseOpened(helpdeskCase, now);
        metrics.escalated(handoff.reason());
        events.queueChanged(id);
        return List.of(say(HelpdeskTexts.CASE_OPENED.format(state.locale(), id), state.locale()));
    }

    /**
     * Takes the employee's input when their conversation has an open or taken case: recorded in the
     * case (and shown live in the console), or the cancellation of the case.
     *
     * @param name the employee's name as the channel gives it, or null
     * @return empty when no case is open (the bot steps the input as usual); else what to tell the
     *     employee, often nothing
     */
    @Override
    public Optional<List<Outbound>> divert(ConversationKey key, UserInput input, String name, String locale,
            Instant now) {
        if (input instanceof UserInput.Resume) {
            return Optional.empty(); // an agent's hand-back: the bot's turn
        }
        Optional<HelpdeskCase> active = cases.active(key);
        if (active.isEmpty()) {
            return Optional.empty();
        }
        HelpdeskCase helpdeskCase = active.get();
        String text = Transcript.said(input);
        if (text == null) {
            return Optional.of(List.of()); // a re-install, a language switch: nothing for the agent
        }
        transcript.add(key, helpdeskCase.id(), "employee", name, text, now);
        if (CANCEL.contains(normalized(text))
                && cases.close(helpdeskCase.id(), HelpdeskCase.Status.ACTIVE, HelpdeskCase.Status.CANCELLED, null, now)) {
            String said = HelpdeskTexts.CANCELLED.format(locale, helpdeskCase.id());
            transcript.add(key, helpdeskCase.id(), "bot", null, said, now);
            events.queueChanged(helpdeskCase.id());
            events.messageAdded(helpdeskCase.id());
            return Optional.of(List.of(say(said, locale)));
        }
        events.messageAdded(helpdeskCase.id());
        return Optional.of(List.of());
    }

    static Outbound say(String text, String locale) {
        return new Outbound.Say(new Message.Text(text), locale);
    }

    private static String normalized(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[\\p{Punct}«»“”’]+", " ").strip().replaceAll("\\s+", " ");
    }
}
