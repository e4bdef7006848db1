package org.certdesk.dialogs.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.certdesk.dialogs.action.Catalogue;
import org.certdesk.dialogs.engine.ConversationState;
import org.certdesk.dialogs.engine.DialogEngine;
import org.certdesk.dialogs.engine.TurnResult;
import org.certdesk.dialogs.engine.UserInput;
import org.certdesk.dialogs.load.DefaultScripts;
import org.certdesk.dialogs.load.ScriptLoader;
import org.certdesk.dialogs.script.Transition;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * What employees really type, French and English, each with the meaning it must get in a given
 * situation of the default script ({@code corpus/employee-messages.yaml}). Prints how many pass
 * and lists the others; every message must pass.
 *
 * <p>Situations: {@code first_contact} is checked both ways a first message arrives: typed after
 * the welcome (web chat) and as the message that starts the conversation (Teams, no welcome);
 * {@code ask_version}, {@code show_missing}, {@code install} (Android 11+ steps) and
 * {@code result} (can you sign in now?) are reached with buttons. {@code means} lists the
 * transitions the message must take ({@code topic}, {@code small_talk:greeting},
 * {@code choice:installed}, {@code human}…); a message must not be "not understood", offer or
 * hand over to a person unless it says so (the script's own hand-overs, such as a second missing
 * certificate, are answers); {@code version} is the Android version it must leave in
 * the conversation.
 */
class EmployeeMessagesTests {

    private static final DialogEngine ENGINE = new DialogEngine(
            DefaultScripts.load(DefaultScripts.ANDROID_MISSING_CERTIFICATE, ScriptLoader.standard()).orElseThrow(),
            Catalogue.standard());

    @Test
    @SuppressWarnings("unchecked")
    void everyMessageGetsItsMeaning() throws IOException {
        List<Map<String, Object>> corpus;
        try (InputStream in = getClass().getResourceAsStream("/corpus/employee-messages.yaml")) {
            corpus = (List<Map<String, Object>>) new Load(LoadSettings.builder().build())
                    .loadFromString(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        List<String> failures = new ArrayList<>();
        for (Map<String, Object> entry : corpus) {
            String situation = (String) entry.get("in");
            String locale = (String) entry.get("locale");
            String text = (String) entry.get("text");
            List<String> means = (List<String>) entry.getOrDefault("means", List.of());
            String version = (String) entry.get("version");
            List<TurnResult> results = new ArrayList<>();
            String before = null;
            if (situation.equals("first_contact")) {
                results.add(ENGINE.step(ENGINE.start(locale).state(), new UserInput.Text(text)));
                results.add(ENGINE.start(locale, text));
            } else {
                ConversationState state = reach(situation, locale);
                before = state.variables().get("android_version");
                results.add(ENGINE.step(state, new UserInput.Text(text)));
            }
            for (TurnResult result : results) {
                String problem = problem(result, means, version == null ? before : version);
                if (problem != null) {
                    failures.add("[" + locale + ", " + situation + "] \"" + text + "\": " + problem);
                    break;
                }
            }
        }
        int passed = corpus.size() - failures.size();
        System.out.printf("employee message corpus: %d/%d understood as expected (%.1f%%)%n", passed, corpus.size(),
                100.0 * passed / corpus.size());
        failures.forEach(f -> System.out.println("  FAILED " + f));
        assertThat(corpus).as("the corpus holds at least 80 messages").hasSizeGreaterThanOrEqualTo(80);
        assertThat(failures).as("messages not understood as expected").isEmpty();
    }

    /**
     * Why {@code result} is not what the entry expects, or {@code null}.
     *
     * @param version the Android version the conversation must hold afterwards ({@code null}: none)
     */
    private static String problem(TurnResult result, List<String> means, String version) {
        List<String> taken = result.taken().stream().map(EmployeeMessagesTests::label).toList();
        for (String expected : means) {
            if (!taken.contains(expected)) {
                return "expected " + expected + ", took " + taken;
            }
        }
        for (String unwanted : List.of("not_understood", "offer_human", "give_up", "human")) {
            if (taken.contains(unwanted) && !means.contains(unwanted)) {
                return "took " + unwanted + " (" + taken + ")";
            }
        }
        String handoff = result.handoff().map(h -> h.reason()).orElse("none");
        boolean askedFor = handoff.equals("user_asked") || handoff.equals("not_understood");
        if (askedFor != means.contains("human")) {
            return "handoff " + handoff + " (" + taken + ")";
        }
        String actual = result.state().variables().get("android_version");
        if (!java.util.Objects.equals(version, actual)) {
            return "android_version " + actual + ", expected " + version + " (" + taken + ")";
        }
        return null;
    }

    private static String label(Transition transition) {
        String kind = transition.kind().name().toLowerCase();
        return transition.key().isEmpty() ? kind : kind + ":" + transition.key();
    }

    /** The conversation in {@code situation}, reached with buttons. */
    private static ConversationState reach(String situation, String locale) {
        ConversationState state = ENGINE.start(locale).state();
        if (situation.equals("ask_version")) {
            return state;
        }
        state = ENGINE.step(state, new UserInput.Choice("android_11_plus")).state();
        state = ENGINE.step(state, new UserInput.ActionResult(state.pendingRequestId(), "cert.analyze", "one_missing",
                Map.of("missing_name", "Contoso Issuing CA 2", "missing_sha256", "11f0b04e", "missing_download_url",
                        "https://certdesk.example.com/c.crt", "missing_file_name", "c.crt", "verdict",
                        "INTERMEDIATE_NOT_SENT", "report_summary", "intermediate not sent"))).state();
        if (situation.equals("show_missing")) {
            return state;
        }
        state = ENGINE.step(state, new UserInput.Choice("downloaded")).state();
        if (situation.equals("install")) {
            return state;
        }
        state = ENGINE.step(state, new UserInput.Choice("installed")).state();
        if (situation.equals("result")) {
            return state;
        }
        throw new IllegalArgumentException("unknown situation '" + situation + "'");
    }
}
