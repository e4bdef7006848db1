package org.certdesk.dialogs.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.certdesk.dialogs.action.ActionSpec;
import org.certdesk.dialogs.action.Catalogue;
import org.certdesk.dialogs.action.OutcomeSpec;
import org.certdesk.dialogs.script.Choice;
import org.certdesk.dialogs.script.Ending;
import org.certdesk.dialogs.script.Globals;
import org.certdesk.dialogs.script.Ref;
import org.certdesk.dialogs.script.Script;
import org.certdesk.dialogs.script.State;
import org.certdesk.dialogs.script.Transition;

/**
 * Runs one script: a pure step function from (conversation state, input) to (new state, messages,
 * action requests, handoff). No I/O, no clock, no randomness: the same state and input always give
 * the same result, so conversations replay in tests and resume after a restart. Immutable and
 * thread-safe; build one per loaded script version and share it.
 */
public final class DialogEngine {

    /** The choice id of the "yes, a person" button of the human offer. */
    public static final String ACCEPT_HUMAN = "global.offer_human.accept";
    /** The choice id of the "no, let me try again" button of the human offer. */
    public static final String DECLINE_HUMAN = "global.offer_human.decline";

    private final Script script;
    private final Catalogue catalogue;
    private final Map<String, CompiledState> states = new HashMap<>();
    private final Understanding understanding;
    private final Set<String> fillable;
    private final int maxHops;

    /**
     * @param script    a script that loaded (passed the linter) with the same catalogue
     * @param catalogue the actions whose results this engine accepts
     */
    public DialogEngine(Script script, Catalogue catalogue) {
        this.script = script;
        this.catalogue = catalogue;
        script.states().values().forEach(s -> states.put(s.id(), new CompiledState(s, script.locales())));
        understanding = new Understanding(script, states);
        fillable = script.global().fills().stream().map(Globals.Fill::variable)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        maxHops = 2 * script.states().size() + 1;
    }

    public Script script() {
        return script;
    }

    /** Starts a new conversation; equivalent to {@link #step} with {@link UserInput.Start} on a blank state. */
    public TurnResult start(String languageTag) {
        String locale = script.localeFor(languageTag);
        ConversationState blank = new ConversationState(script.id(), script.version(), script.start().state(),
                locale, ConversationState.Status.ACTIVE, 0, false, null, null, 0, Map.of());
        return step(blank, new UserInput.Start(languageTag));
    }

    /**
     * Starts a new conversation with what the user wrote first, as in Teams, where a first message
     * may come without any welcome before it. The welcome is said, then the text is understood in
     * the state the conversation waits in, as if typed there, but without asking that state's
     * question first: "Pixel on Android 14, Company Portal says a certificate is missing" gives
     * the welcome, the topic's acknowledgement, and the analysis, with no version question. Text
     * that matches nothing is not a miss here: the welcome and its question stand.
     */
    public TurnResult start(String languageTag, String firstText) {
        TurnResult started = start(languageTag);
        if (firstText == null || firstText.isBlank()) {
            return started;
        }
        String locale = script.localeFor(languageTag);
        ConversationState blank = new ConversationState(script.id(), script.version(), script.start().state(),
                locale, ConversationState.Status.ACTIVE, 0, false, null, null, 0, Map.of());
        Turn turn = new Turn(blank);
        enter(turn, script.start().state());
        State waiting = states.get(turn.stateId).state;
        if (turn.status != ConversationState.Status.ACTIVE || waiting.capture() != null) {
            return started;
        }
        Understanding.Heard heard = new Understanding.Heard(firstText);
        Meaning meaning = understanding.of(heard, turn, waiting);
        Map<String, String> filled = understanding.fills(heard, turn.locale);
        if (meaning == null && filled.isEmpty()) {
            return started;
        }
        turn.messages.subList(turn.waitingSaidFrom, turn.messages.size()).clear(); // its question, not asked yet
        understood(turn, meaning, filled);
        return turn.finish();
    }

    /**
     * Advances the conversation by one input.
     *
     * @throws IllegalArgumentException when {@code state} belongs to another script or version, a
     *                                  resume names no state, or an action result breaks the
     *                                  catalogue (wrong action, undeclared outcome, missing variable)
     */
    public TurnResult step(ConversationState state, UserInput input) {
        if (!state.scriptId().equals(script.id()) || state.scriptVersion() != script.version()) {
            throw new IllegalArgumentException("conversation runs " + state.scriptId() + " v" + state.scriptVersion()
                    + ", this engine runs " + script.id() + " v" + script.version());
        }
        Turn turn = new Turn(state);
        if (!states.containsKey(turn.stateId)) {
            throw new IllegalArgumentException("conversation is in state '" + turn.stateId
                    + "', which " + script.id() + " v" + script.version() + " does not have");
        }
        if (input instanceof UserInput.Text text) {
            onText(turn, text.text());
        } else if (input instanceof UserInput.Choice choice) {
            onChoice(turn, choice.choiceId());
        } else if (input instanceof UserInput.ActionResult result) {
            onActionResult(turn, result);
        } else if (input instanceof UserInput.SwitchLocale switchLocale) {
            onMeaning(turn, new Meaning.Global(Transition.Kind.LANGUAGE, script.localeFor(switchLocale.languageTag())));
        } else if (input instanceof UserInput.Start start) {
            if (start.languageTag() != null) {
                turn.locale = script.localeFor(start.languageTag());
            }
            turn.writableVariables().clear();
            enter(turn, script.start().state());
        } else if (input instanceof UserInput.Resume resume) {
            if (!states.containsKey(resume.stateId())) {
                throw new IllegalArgumentException("cannot resume at '" + resume.stateId() + "': no such state in "
                        + script.id() + " v" + script.version());
            }
            enter(turn, resume.stateId());
        }
        return turn.finish();
    }

    private void onText(Turn turn, String text) {
        State state = states.get(turn.stateId).state;
        Understanding.Heard heard = new Understanding.Heard(text);
        Meaning meaning = understanding.of(heard, turn, state);
        boolean fills = turn.status == ConversationState.Status.ACTIVE && state.capture() == null;
        Map<String, String> filled = fills ? understanding.fills(heard, turn.locale) : Map.of();
        if (meaning != null || !filled.isEmpty()) {
            understood(turn, meaning, filled);
        } else if (turn.status == ConversationState.Status.WAITING_FOR_ACTION) {
            turn.say(globalText(script.global().busy(), turn));
        } else if (turn.status != ConversationState.Status.ACTIVE) {
            turn.say(globalText(script.global().ended(), turn));
        } else if (state.capture() != null && !text.isBlank()) {
            String value = text.strip();
            int max = state.capture().maxLength();
            turn.writableVariables().put(state.capture().variable(),
                    value.length() > max ? value.substring(0, max) : value);
            move(turn, Transition.Kind.CAPTURE, state.capture().variable(), state.next());
        } else if (state.fallback() != null) {
            move(turn, Transition.Kind.FALLBACK, "", state.fallback());
        } else {
            miss(turn);
        }
    }

    /**
     * Acts on understood text: the variables it filled in passing first (unless it restarts, which
     * forgets them), then its meaning. Text that only filled variables ("android 13" where no
     * question is about it) is not a miss: the question is asked again, or skipped if answered.
     */
    private void understood(Turn turn, Meaning meaning, Map<String, String> filled) {
        boolean restart = meaning instanceof Meaning.Global global && global.kind() == Transition.Kind.RESTART;
        if (!restart) {
            filled.forEach((name, value) -> {
                if (!value.equals(turn.variables().get(name))) {
                    turn.writableVariables().put(name, value);
                }
            });
        }
        if (meaning != null) {
            onMeaning(turn, meaning);
        } else {
            turn.misses = 0;
            turn.offeringHuman = false;
            ask(turn);
        }
    }

    /** Asks the current question again, unless what the user said in passing already answers it. */
    private void ask(Turn turn) {
        if (turn.status == ConversationState.Status.ACTIVE) {
            CompiledState current = states.get(turn.stateId);
            Choice answered = current.answered(turn.variables(), fillable);
            if (answered != null) {
                onMeaning(turn, new Meaning.Pick(answered));
                return;
            }
        }
        prompt(turn);
    }

    private void onChoice(Turn turn, String choiceId) {
        if (turn.offeringHuman && ACCEPT_HUMAN.equals(choiceId)) {
            onMeaning(turn, new Meaning.Global(Transition.Kind.OFFER_ACCEPT, null));
            return;
        }
        if (turn.offeringHuman && DECLINE_HUMAN.equals(choiceId)) {
            onMeaning(turn, new Meaning.Global(Transition.Kind.OFFER_DECLINE, null));
            return;
        }
        if (turn.status == ConversationState.Status.ACTIVE) {
            for (Choice choice : states.get(turn.stateId).state.choices()) {
                if (choice.id().equals(choiceId)) {
                    onMeaning(turn, new Meaning.Pick(choice));
                    return;
                }
            }
        }
        // A button of an older message (chat clients keep them clickable): not a misunderstanding,
        // so no miss is counted; say where we are instead (the question, not a pending offer).
        turn.offeringHuman = false;
        prompt(turn);
    }

    private void onMeaning(Turn turn, Meaning meaning) {
        if (meaning instanceof Meaning.Pick pick) {
            turn.writableVariables().putAll(pick.choice().set());
            move(turn, Transition.Kind.CHOICE, pick.choice().id(), pick.choice().next());
            return;
        }
        if (meaning instanceof Meaning.Typed typed) {
            turn.writableVariables().putAll(typed.intent().set());
            move(turn, Transition.Kind.INTENT, typed.intent().id(), typed.intent().next());
            return;
        }
        Globals texts = script.global();
        boolean ended = turn.status == ConversationState.Status.RESOLVED
                || turn.status == ConversationState.Status.ESCALATED;
        if (meaning instanceof Meaning.Topic) {
            // The employee describes the problem: say it is the right place, and go on.
            take(turn, Transition.Kind.TOPIC, "");
            turn.misses = 0;
            turn.offeringHuman = false;
            if (turn.status == ConversationState.Status.ACTIVE) {
                turn.say(globalText(texts.topic().say(), turn));
            }
            ask(turn);
            return;
        }
        if (meaning instanceof Meaning.SmallTalk talk) {
            take(turn, Transition.Kind.SMALL_TALK, talk.talk().id());
            turn.misses = 0;
            turn.offeringHuman = false;
            if (talk.talk().say() != null) {
                turn.say(globalText(talk.talk().say(), turn));
                if (ended) {
                    return; // "thanks" after the end deserves "you're welcome", not "this is over"
                }
            }
            ask(turn);
            return;
        }
        Meaning.Global global = (Meaning.Global) meaning;
        switch (global.kind()) {
            case RESTART -> {
                take(turn, Transition.Kind.RESTART, "");
                turn.say(globalText(texts.restart().say(), turn));
                turn.writableVariables().clear();
                enter(turn, script.start().state());
            }
            case LANGUAGE -> {
                take(turn, Transition.Kind.LANGUAGE, global.locale());
                turn.locale = global.locale();
                turn.offeringHuman = false; // the question is asked again, not the offer
                turn.say(globalText(texts.language().say(), turn));
                ask(turn);
            }
            case HELP -> {
                take(turn, Transition.Kind.HELP, "");
                turn.say(globalText(texts.help().say(), turn));
                turn.misses = 0;
                turn.offeringHuman = false;
                ask(turn);
            }
            case HUMAN -> {
                if (ended) {
                    // Already resolved or handed over: a second case would help no one.
                    turn.say(globalText(texts.ended(), turn));
                    return;
                }
                take(turn, Transition.Kind.HUMAN, "");
                if (texts.human().say() != null) {
                    turn.say(globalText(texts.human().say(), turn));
                }
                enter(turn, texts.human().next().state());
            }
            case OFFER_ACCEPT -> {
                take(turn, Transition.Kind.OFFER_ACCEPT, "");
                enter(turn, texts.offerHuman().next().state());
            }
            case OFFER_DECLINE -> {
                take(turn, Transition.Kind.OFFER_DECLINE, "");
                turn.misses = 0;
                turn.offeringHuman = false;
                prompt(turn);
            }
            default -> throw new IllegalStateException("not a global meaning: " + global.kind());
        }
    }

    /**
     * Input that matched nothing: ask again; after {@code after_misses} in a row offer a person;
     * one more miss while the offer stands hands over (the bot is not helping, a person will).
     */
    private void miss(Turn turn) {
        Globals.OfferHuman offer = script.global().offerHuman();
        turn.misses++;
        if (turn.offeringHuman) {
            take(turn, Transition.Kind.GIVE_UP, "");
            enter(turn, offer.next().state());
        } else if (turn.misses >= offer.afterMisses()) {
            take(turn, Transition.Kind.OFFER_HUMAN, "");
            turn.offeringHuman = true;
            turn.messages.add(new Message.Choices(globalText(offer.say(), turn), List.of(
                    new Message.Option(ACCEPT_HUMAN, offer.accept().label().in(turn.locale)),
                    new Message.Option(DECLINE_HUMAN, offer.decline().label().in(turn.locale)))));
        } else {
            take(turn, Transition.Kind.NOT_UNDERSTOOD, "");
            turn.say(globalText(script.global().notUnderstood(), turn));
            prompt(turn);
        }
    }

    /** Says where the conversation stands: the current question again, or that we wait, or that it ended. */
    private void prompt(Turn turn) {
        switch (turn.status) {
            case ACTIVE -> states.get(turn.stateId).render(turn.locale, true, turn.variables(), turn.messages);
            case WAITING_FOR_ACTION -> turn.say(globalText(script.global().busy(), turn));
            default -> turn.say(globalText(script.global().ended(), turn));
        }
    }

    private void onActionResult(Turn turn, UserInput.ActionResult result) {
        if (turn.status != ConversationState.Status.WAITING_FOR_ACTION
                || !result.requestId().equals(turn.pendingRequestId)) {
            return; // stale: the user restarted or moved on while the action ran
        }
        if (!result.action().equals(turn.pendingAction)) {
            throw new IllegalArgumentException("request " + result.requestId() + " was for action '"
                    + turn.pendingAction + "', not '" + result.action() + "'");
        }
        ActionSpec spec = catalogue.action(result.action());
        OutcomeSpec outcome = spec.outcomes().get(result.outcome());
        if (outcome == null) {
            throw new IllegalArgumentException("action '" + result.action() + "' has no outcome '" + result.outcome()
                    + "' (it has: " + String.join(", ", spec.outcomes().keySet()) + ")");
        }
        Map<String, String> variables = turn.writableVariables();
        for (String name : outcome.variables()) {
            String value = result.variables().get(name);
            if (value == null) {
                throw new IllegalArgumentException("action '" + result.action() + "' outcome '" + result.outcome()
                        + "' must set variable '" + name + "'");
            }
            variables.put(name, value);
        }
        State state = states.get(turn.stateId).state;
        move(turn, Transition.Kind.OUTCOME, result.outcome(), state.action().outcomes().get(result.outcome()));
    }

    private void move(Turn turn, Transition.Kind kind, String key, Ref target) {
        turn.taken.add(new Transition(turn.stateId, kind, key, target.state()));
        enter(turn, target.state());
    }

    /** Records a global transition: from any state, to where the behaviour leads. */
    private void take(Turn turn, Transition.Kind kind, String key) {
        String to = switch (kind) {
            case RESTART -> script.start().state();
            case HUMAN -> script.global().human().next().state();
            case OFFER_ACCEPT, GIVE_UP -> script.global().offerHuman().next().state();
            default -> Transition.SAME_STATE;
        };
        turn.taken.add(new Transition(Transition.ANY_STATE, kind, key, to));
    }

    /**
     * Enters a state and keeps going through states that move on by themselves (next, branch)
     * until one waits for the user or an action, or ends.
     */
    private void enter(Turn turn, String stateId) {
        String id = stateId;
        Set<String> skipped = null;
        for (int hop = 0; hop <= maxHops; hop++) {
            CompiledState compiled = states.get(id);
            State state = compiled.state;
            turn.stateId = id;
            turn.status = ConversationState.Status.ACTIVE;
            turn.misses = 0;
            turn.offeringHuman = false;
            turn.pendingAction = null;
            turn.pendingRequestId = null;
            Choice answered = compiled.answered(turn.variables(), fillable);
            if (answered != null && (skipped == null || !skipped.contains(id))) {
                // Answered in passing ("Android 14" in the first message): take the answer, do not ask.
                // Each state at most once per turn, so answers that lead in a circle still stop and ask.
                skipped = skipped == null ? new java.util.HashSet<>(4) : skipped;
                skipped.add(id);
                turn.writableVariables().putAll(answered.set());
                turn.taken.add(new Transition(id, Transition.Kind.CHOICE, answered.id(), answered.next().state()));
                id = answered.next().state();
                continue;
            }
            turn.waitingSaidFrom = turn.messages.size();
            compiled.render(turn.locale, false, turn.variables(), turn.messages);
            if (state.end() != null) {
                end(turn, state.end());
                return;
            }
            if (state.action() != null) {
                turn.actionSeq++;
                turn.pendingAction = state.action().name();
                turn.pendingRequestId = Integer.toString(turn.actionSeq);
                turn.status = ConversationState.Status.WAITING_FOR_ACTION;
                turn.actions.add(new ActionRequest(turn.pendingRequestId, state.action().name(),
                        compiled.actionArguments(turn.variables())));
                return;
            }
            if (state.branch() != null) {
                String value = turn.variables().get(state.branch().variable());
                Ref target = value == null ? null : state.branch().cases().get(value);
                Transition.Kind kind = target != null ? Transition.Kind.BRANCH : Transition.Kind.OTHERWISE;
                target = target != null ? target : state.branch().otherwise();
                turn.taken.add(new Transition(id, kind, kind == Transition.Kind.BRANCH ? value : "", target.state()));
                id = target.state();
                continue;
            }
            if (state.next() != null && state.capture() == null) {
                turn.taken.add(new Transition(id, Transition.Kind.NEXT, "", state.next().state()));
                id = state.next().state();
                continue;
            }
            return; // waits for the user
        }
        // The linter rejects such loops; reaching this means a script was built around it.
        throw new IllegalStateException("script " + script.id() + " moves on by itself in a loop at '" + id + "'");
    }

    private void end(Turn turn, Ending ending) {
        if (ending.kind() == Ending.Kind.RESOLVED) {
            turn.status = ConversationState.Status.RESOLVED;
        } else {
            turn.status = ConversationState.Status.ESCALATED;
            turn.handoff = new Handoff(ending.reason(), turn.variables());
        }
    }

    private static String globalText(org.certdesk.dialogs.script.Localized text, Turn turn) {
        return text.in(turn.locale);
    }
}
