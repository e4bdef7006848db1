package org.certdesk.dialogs.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.certdesk.dialogs.engine.ActionRequest;
import org.certdesk.dialogs.engine.ConversationState;
import org.certdesk.dialogs.engine.DialogEngine;
import org.certdesk.dialogs.engine.Message;
import org.certdesk.dialogs.engine.TurnResult;
import org.certdesk.dialogs.engine.UserInput;

/**
 * Plays a transcript against an engine in one locale and checks every expectation. Between steps
 * the conversation state goes through JSON and back, as it does when the bot stores it, so every
 * transcript also proves that a conversation resumes after a restart at any point.
 *
 * <p>Step keys. One input: {@code start} (true, or a language tag), {@code start_with} (a first
 * message that starts the conversation, as in Teams without a welcome), {@code say} (free text),
 * {@code choose} (a choice id), {@code outcome} (the pending action's outcome, with
 * {@code variables}; {@code request} overrides the request id), {@code switch_locale},
 * {@code resume} (a state id). Expectations: {@code bot} (substrings of what the bot said),
 * {@code bot_exact} (whole text messages, or the question of a choices message), {@code not_bot} (substrings the bot must not say), {@code state}, {@code status}, {@code choices} (the ids
 * offered, in order), {@code action} and {@code with} (the action requested), {@code handoff} (the
 * escalation reason), {@code silent} (nothing said). An action or handoff the step does not expect
 * fails it. Texts may be one string, a list, or a map of locale to either. {@code note} is a comment.
 */
public final class TranscriptRunner {

    private static final Set<String> INPUTS = Set.of("start", "start_with", "say", "choose", "outcome",
            "switch_locale", "resume");
    private static final Set<String> KEYS = Set.of("start", "start_with", "not_bot", "say", "choose", "outcome", "variables", "request",
            "switch_locale", "resume", "bot", "bot_exact", "state", "status", "choices", "action", "with",
            "handoff", "silent", "note");

    private final DialogEngine engine;
    private final Coverage coverage;

    public TranscriptRunner(DialogEngine engine, Coverage coverage) {
        this.engine = engine;
        this.coverage = coverage;
    }

    /**
     * Runs {@code transcript} in {@code locale}.
     *
     * @throws AssertionError naming the transcript, locale and step, with what the bot said
     */
    public void run(Transcript transcript, String locale) {
        ConversationState state = null;
        for (int i = 0; i < transcript.steps().size(); i++) {
            Map<String, Object> step = transcript.steps().get(i);
            String where = transcript.file() + " [" + locale + "] step " + (i + 1) + " " + describe(step);
            for (String key : step.keySet()) {
                if (!KEYS.contains(key)) {
                    throw new AssertionError(where + ": unknown key '" + key + "'");
                }
            }
            String localeBefore = state == null ? locale : state.locale();
            TurnResult result = play(step, state, locale, where);
            coverage.record(localeBefore, result);
            check(step, result, locale, where);
            String json = result.state().toJson();
            state = ConversationState.fromJson(json);
            if (!state.equals(result.state())) {
                throw new AssertionError(where + ": state changed through JSON: " + json);
            }
        }
    }

    private TurnResult play(Map<String, Object> step, ConversationState state, String locale, String where) {
        List<String> inputs = step.keySet().stream().filter(INPUTS::contains).toList();
        if (inputs.size() != 1) {
            throw new AssertionError(where + ": a step has exactly one input of " + INPUTS + ", has " + inputs);
        }
        String kind = inputs.get(0);
        Object value = step.get(kind);
        if (kind.equals("start")) {
            String tag = value instanceof String text ? text : locale;
            return state == null ? engine.start(tag) : engine.step(state, new UserInput.Start(tag));
        }
        if (kind.equals("start_with")) {
            if (state != null) {
                throw new AssertionError(where + ": 'start_with' starts a conversation: it must be the first step");
            }
            return engine.start(locale, one(value, locale, where));
        }
        if (state == null) {
            throw new AssertionError(where + ": the first step must be 'start' or 'start_with'");
        }
        UserInput input = switch (kind) {
            case "say" -> new UserInput.Text(one(value, locale, where));
            case "choose" -> new UserInput.Choice(String.valueOf(value));
            case "switch_locale" -> new UserInput.SwitchLocale(String.valueOf(value));
            case "resume" -> new UserInput.Resume(String.valueOf(value));
            default -> new UserInput.ActionResult(
                    step.containsKey("request") ? String.valueOf(step.get("request")) : state.pendingRequestId(),
                    state.pendingAction() == null ? "none" : state.pendingAction(), String.valueOf(value),
                    strings(step.get("variables")));
        };
        return engine.step(state, input);
    }

    private static void check(Map<String, Object> step, TurnResult result, String locale, String where) {
        List<String> said = lines(result);
        String context = "\n  bot said:\n    " + String.join("\n    ", said) + "\n  state: " + result.state().stateId()
                + " (" + result.state().status() + ")";
        for (String expected : many(step.get("bot"), locale, where)) {
            if (said.stream().noneMatch(line -> line.contains(expected))) {
                throw new AssertionError(where + ": bot did not say \"" + expected + "\"" + context);
            }
        }
        for (String unexpected : many(step.get("not_bot"), locale, where)) {
            if (said.stream().anyMatch(line -> line.contains(unexpected))) {
                throw new AssertionError(where + ": bot said \"" + unexpected + "\"" + context);
            }
        }
        for (String expected : many(step.get("bot_exact"), locale, where)) {
            boolean found = result.messages().stream()
                    .anyMatch(m -> m instanceof Message.Text text && text.text().equals(expected)
                            || m instanceof Message.Choices choices && expected.equals(choices.text()));
            if (!found) {
                throw new AssertionError(where + ": no message was exactly \"" + expected + "\"" + context);
            }
        }
        expectEqual(step, "state", result.state().stateId(), where, context);
        expectEqual(step, "status", result.state().status().name().toLowerCase(), where, context);
        if (step.containsKey("choices")) {
            List<String> offered = result.messages().stream().filter(m -> m instanceof Message.Choices)
                    .flatMap(m -> ((Message.Choices) m).options().stream()).map(Message.Option::id).toList();
            if (!offered.equals(step.get("choices"))) {
                throw new AssertionError(where + ": offered choices " + offered + ", expected " + step.get("choices") + context);
            }
        }
        checkAction(step, result, where, context);
        String handoff = result.handoff().map(h -> h.reason()).orElse(null);
        Object expectedHandoff = step.get("handoff");
        if (expectedHandoff == null ? handoff != null : !expectedHandoff.equals(handoff)) {
            throw new AssertionError(where + ": handoff " + handoff + ", expected " + expectedHandoff + context);
        }
        if (Boolean.TRUE.equals(step.get("silent")) && !result.messages().isEmpty()) {
            throw new AssertionError(where + ": expected no reply" + context);
        }
    }

    private static void checkAction(Map<String, Object> step, TurnResult result, String where, String context) {
        List<ActionRequest> actions = result.actions();
        Object expected = step.get("action");
        if (expected == null) {
            if (!actions.isEmpty()) {
                throw new AssertionError(where + ": unexpected action request " + actions + context);
            }
            return;
        }
        if (actions.size() != 1 || !actions.get(0).name().equals(expected)) {
            throw new AssertionError(where + ": expected action " + expected + ", got " + actions + context);
        }
        if (step.containsKey("with") && !actions.get(0).arguments().equals(strings(step.get("with")))) {
            throw new AssertionError(where + ": action arguments " + actions.get(0).arguments() + ", expected "
                    + step.get("with") + context);
        }
    }

    private static void expectEqual(Map<String, Object> step, String key, String actual, String where, String context) {
        if (step.containsKey(key) && !String.valueOf(step.get(key)).equals(actual)) {
            throw new AssertionError(where + ": " + key + " is '" + actual + "', expected '" + step.get(key) + "'" + context);
        }
    }

    /** What the bot said, one line per text, option, fact or download, for substring checks. */
    static List<String> lines(TurnResult result) {
        List<String> lines = new ArrayList<>();
        for (Message message : result.messages()) {
            if (message instanceof Message.Text text) {
                lines.add(text.text());
            } else if (message instanceof Message.Choices choices) {
                if (choices.text() != null) {
                    lines.add(choices.text());
                }
                choices.options().forEach(o -> lines.add("[" + o.label() + "]"));
            } else if (message instanceof Message.Facts facts) {
                facts.facts().forEach(f -> lines.add(f.label() + ": " + f.value()));
            } else if (message instanceof Message.Download download) {
                lines.add("download " + download.fileName() + " " + download.url() + " sha256 " + download.sha256());
            }
        }
        return lines;
    }

    /** A text that may be given per locale. */
    private static String one(Object value, String locale, String where) {
        List<String> texts = many(value, locale, where);
        if (texts.size() != 1) {
            throw new AssertionError(where + ": expected one text for '" + locale + "', got " + texts);
        }
        return texts.get(0);
    }

    /** Texts that may be given as one string, a list, or per locale. */
    private static List<String> many(Object value, String locale, String where) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof Map<?, ?> byLocale) {
            if (!byLocale.containsKey(locale)) {
                throw new AssertionError(where + ": no text for locale '" + locale + "' in " + value);
            }
            return many(byLocale.get(locale), locale, where);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value));
    }

    private static Map<String, String> strings(Object value) {
        Map<String, String> strings = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> strings.put(String.valueOf(k), String.valueOf(v)));
        }
        return strings;
    }

    private static String describe(Map<String, Object> step) {
        return step.keySet().stream().filter(INPUTS::contains).findFirst()
                .map(k -> "(" + k + ": " + step.get(k) + ")").orElse("");
    }
}
