package org.certdesk.dialogs.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.certdesk.dialogs.load.LoadResult;
import org.certdesk.dialogs.load.ScriptLoader;
import org.junit.jupiter.api.Test;

/**
 * Feeds the loader broken variants of a small valid script ({@code lint/minimal.yaml}, whose line
 * numbers the expected positions refer to) and checks each problem's position and wording.
 */
class LinterTests {

    private static final String MINIMAL = resource("lint/minimal.yaml");

    @Test
    void theMinimalScriptLoads() {
        assertThat(problems(MINIMAL)).isEmpty();
    }

    @Test
    void unknownTargetStateIsReportedWhereItIsWrittenWithASuggestion() {
        String yaml = replace(MINIMAL, "        next: done\n      - id: check", "        next: dne\n      - id: check");
        assertThat(problems(yaml)).containsExactly(
                "minimal.yaml:27:15: state 'ask': transition target 'dne' is not a state (did you mean 'done'?)");
    }

    @Test
    void unreachableState() {
        String yaml = MINIMAL + "  orphan:\n    say: { fr: \"Seul.\", en: \"Alone.\" }\n    end: resolved\n";
        assertThat(problems(yaml)).containsExactly("minimal.yaml:46:3: state 'orphan' is unreachable from start 'ask'");
    }

    @Test
    void nonTerminalStateWithNoWayOut() {
        String yaml = replace(MINIMAL, "    next: done\n  done:", "  done:");
        assertThat(problems(yaml)).containsExactly("minimal.yaml:36:3: state 'found' is not an end state but has no way"
                + " out (add choices, intents, capture, next, an action, a branch or 'end')");
    }

    @Test
    void missingAndUndeclaredTranslations() {
        String yaml = replace(MINIMAL, "say: { fr: \"Fini.\", en: \"Done.\" }", "say: { fr: \"Fini.\", de: \"Fertig.\" }");
        assertThat(problems(yaml)).containsExactly(
                "minimal.yaml:40:10: state 'done': say: 'de' is not one of the script's locales [fr, en]",
                "minimal.yaml:40:10: state 'done': say: missing 'en' text");
    }

    @Test
    void missingTranslationOfAChoiceLabelAndOfAGlobalIntent() {
        String yaml = replace(MINIMAL, "label: { fr: \"Vérifier\", en: \"Check\" }", "label: { fr: \"Vérifier\" }");
        yaml = replace(yaml, "human: { phrases: { fr: [humain], en: [human] }", "human: { phrases: { fr: [humain] }");
        assertThat(problems(yaml)).containsExactly(
                "minimal.yaml:8:21: global.human: missing 'en' phrases",
                "minimal.yaml:29:16: state 'ask': choice 'check': label: missing 'en' text");
    }

    @Test
    void translationsMustUseTheSameVariables() {
        String yaml = replace(MINIMAL, "en: \"Found {{missing_name}}.\"", "en: \"Found it.\"");
        assertThat(problems(yaml)).containsExactly(
                "minimal.yaml:37:10: state 'found': say: 'fr' uses [missing_name] but 'en' uses []");
    }

    @Test
    void unknownActionName() {
        String yaml = replace(MINIMAL, "name: cert.lookup-by-name", "name: cert.lookup-by-nam");
        assertThat(problems(yaml)).containsExactly(
                "minimal.yaml:33:7: state 'check': unknown action 'cert.lookup-by-nam' (known: cert.analyze, cert.lookup-by-name)");
    }

    @Test
    void unhandledUnknownOutcomesAndWrongArguments() {
        String yaml = replace(MINIMAL, "outcomes: { found: found, not_found: done }", "outcomes: { found: found, missing: done }");
        yaml = replace(yaml, "with: { name: \"x\" }", "with: { nom: \"x\" }");
        assertThat(problems(yaml)).containsExactly(
                "minimal.yaml:33:7: state 'check': action 'cert.lookup-by-name' needs argument 'name' under 'with'",
                "minimal.yaml:33:7: state 'check': action 'cert.lookup-by-name' takes no argument 'nom' (it takes: name)",
                "minimal.yaml:33:7: state 'check': action 'cert.lookup-by-name': outcome 'not_found' is not handled",
                "minimal.yaml:35:42: state 'check': action 'cert.lookup-by-name' has no outcome 'missing' (it has: found, not_found)");
    }

    @Test
    void templateVariableThatNothingSets() {
        String yaml = replace(MINIMAL, "say: { fr: \"Fini.\", en: \"Done.\" }",
                "say: { fr: \"Fini {{missing_nme}}.\", en: \"Done {{missing_nme}}.\" }");
        assertThat(problems(yaml)).containsExactly(
                "minimal.yaml:40:10: state 'done': say in 'fr': {{missing_nme}} is set by nothing"
                        + " (no choice, intent, capture or action outcome sets it)");
    }

    @Test
    void templateVariableThatMayBeUnsetOnSomeWayIn() {
        String yaml = replace(MINIMAL, "say: { fr: \"Fini.\", en: \"Done.\" }",
                "say: { fr: \"Fini {{missing_name}}.\", en: \"Done {{missing_name}}.\" }");
        assertThat(problems(yaml)).containsExactly("minimal.yaml:40:10: state 'done': say in 'fr':"
                + " {{missing_name}} may be unset here: nothing sets it on the way from 'ask'");
    }

    @Test
    void globalTextsCannotUseVariables() {
        String yaml = replace(MINIMAL, "\"Un instant.\"", "\"Un instant {{missing_name}}.\"");
        yaml = replace(yaml, "\"One moment.\"", "\"One moment {{missing_name}}.\"");
        assertThat(problems(yaml)).containsExactly(
                "minimal.yaml:19:16: global.busy: say in 'en': {{missing_name}} cannot be used in a global text, which is said in every state",
                "minimal.yaml:19:16: global.busy: say in 'fr': {{missing_name}} cannot be used in a global text, which is said in every state");
    }

    @Test
    void brokenTemplate() {
        String yaml = replace(MINIMAL, "\"Je passe la main.\"", "\"Je passe {{la main.\"");
        assertThat(problems(yaml)).containsExactly(
                "minimal.yaml:43:10: state 'human': say in 'fr': unclosed '{{' at offset 9");
    }

    @Test
    void duplicateStateIsAProblemAtTheSecondKey() {
        String yaml = MINIMAL + "  done:\n    say: { fr: \"Encore.\", en: \"Again.\" }\n    end: resolved\n";
        assertThat(problems(yaml)).containsExactly("minimal.yaml:46:3: states: duplicate key 'done' (first at line 39)");
    }

    @Test
    void duplicateChoiceIdInAState() {
        String yaml = replace(MINIMAL, "- id: check", "- id: works");
        assertThat(problems(yaml)).containsExactly(
                "minimal.yaml:28:9: state 'ask': choice id 'works' is already used in this state (line 25)");
    }

    @Test
    void bareYesIdReadsAsABooleanElsewhere() {
        String yaml = replace(MINIMAL, "- id: works", "- id: yes");
        assertThat(problems(yaml)).containsExactly("minimal.yaml:25:13: state 'ask': choice id 'yes' reads as"
                + " true/false in YAML 1.1 tools; use a longer id such as 'yes_answer'");
    }

    @Test
    void unknownKeyListsTheKnownOnes() {
        String yaml = replace(MINIMAL, "    next: done\n  done:", "    nxt: done\n  done:");
        assertThat(problems(yaml)).containsExactly(
                "minimal.yaml:36:3: state 'found' is not an end state but has no way out"
                        + " (add choices, intents, capture, next, an action, a branch or 'end')",
                "minimal.yaml:38:5: state 'found': unknown key 'nxt' (expected one of: action, branch, capture,"
                        + " choices, description, download, end, facts, fallback, intents, next, reask, reason, say)");
    }

    @Test
    void statesThatMoveOnByThemselvesInALoop() {
        String yaml = replace(MINIMAL, "    next: done\n  done:", "    next: loop\n  loop:\n    next: found\n  done:");
        assertThat(problems(yaml)).containsExactly(
                "minimal.yaml:36:3: state 'found' moves on by itself in a loop (found -> loop -> found) without waiting for the user");
    }

    @Test
    void humanTargetMustEscalate() {
        String yaml = replace(MINIMAL, "next: human }", "next: done }");
        assertThat(problems(yaml)).containsExactly(
                "minimal.yaml:8:58: global.human: next 'done' must be a state with 'end: escalated'");
    }

    @Test
    void unknownEscalationReason() {
        String yaml = replace(MINIMAL, "reason: user_asked", "reason: user_asks");
        assertThat(problems(yaml)).anySatisfy(p -> assertThat(p).startsWith(
                "minimal.yaml:45:13: state 'human': unknown escalation reason 'user_asks' (known: lookup_failed,"));
    }

    @Test
    void missingGlobalPartsAndScriptKeys() {
        String yaml = replace(MINIMAL, "  busy: { say: { fr: \"Un instant.\", en: \"One moment.\" } }\n", "");
        yaml = replace(yaml, "version: 1\n", "");
        assertThat(problems(yaml)).containsExactly(
                "minimal.yaml:1:1: script: missing 'version'",
                "minimal.yaml:5:3: global: missing 'busy'");
    }

    @Test
    void yamlSyntaxErrorHasItsPosition() {
        String yaml = replace(MINIMAL, "    end: resolved\n  human:", "    end: resolved\n   human: [\n");
        List<String> problems = problems(yaml);
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).startsWith("minimal.yaml:4").contains("YAML syntax error");
    }

    @Test
    void aliasesTagsAndDeepNestingAreRefused() {
        assertThat(problems("a: &x [1]\nb: *x\n")).containsExactly(
                "minimal.yaml:2:4: aliases (*name) are not allowed in scripts; repeat the text instead");
        assertThat(problems("a: !!python/object:os.System {}\n")).containsExactly(
                "minimal.yaml:1:4: explicit YAML tags are not allowed in scripts");
        assertThat(problems("a: " + "[".repeat(30) + "]".repeat(30) + "\n")).containsExactly(
                "minimal.yaml:1:23: nested deeper than 20 levels");
        assertThat(problems("")).containsExactly("minimal.yaml:1:1: the file is empty");
        assertThat(problems("x".repeat(300_000))).containsExactly(
                "minimal.yaml:1:1: the file is longer than 262144 characters");
    }

    @Test
    void everyProblemIsReportedAtOnceInFileOrder() {
        String yaml = replace(MINIMAL, "start: ask", "start: akk");
        yaml = replace(yaml, "say: { fr: \"Fini.\", en: \"Done.\" }", "say: { fr: \"Fini.\" }");
        yaml = replace(yaml, "name: cert.lookup-by-name", "name: cert.nope");
        List<String> problems = problems(yaml);
        assertThat(problems).containsExactly(
                "minimal.yaml:4:8: start 'akk' is not a state (did you mean 'ask'?)",
                "minimal.yaml:33:7: state 'check': unknown action 'cert.nope' (known: cert.analyze, cert.lookup-by-name)",
                "minimal.yaml:40:10: state 'done': say: missing 'en' text");
    }

    @Test
    void problemsAreRecordsForTheAdminEditor() {
        LoadResult result = ScriptLoader.standard().load("minimal.yaml", replace(MINIMAL, "start: ask", "start: akk"));
        assertThat(result).isInstanceOf(LoadResult.Rejected.class);
        assertThat(result.problems().get(0)).isEqualTo(new Problem("minimal.yaml", 4, 8,
                "start 'akk' is not a state (did you mean 'ask'?)"));
    }

    @Test
    void aStatePhraseThatIsAlsoAGlobalIntentPhraseIsAWarningNotAProblem() {
        String yaml = replace(MINIMAL, "        label: { fr: \"Oui\", en: \"Yes\" }\n",
                "        label: { fr: \"Oui\", en: \"Yes\" }\n        phrases: { fr: [Humains, oui], en: [yes] }\n");
        LoadResult result = ScriptLoader.standard().load("minimal.yaml", yaml);
        assertThat(result.problems()).isEmpty();
        assertThat(result.warnings()).extracting(Problem::toString).containsExactly(
                "minimal.yaml:27:18: warning: state 'ask': choice 'works': phrase 'Humains' (fr) is also a phrase of"
                        + " global.human; in this state it means the state's answer, not the global one");
    }

    @Test
    void topicSmallTalkAndFillsAreLintedLikeTheRest() {
        String yaml = replace(MINIMAL, "  busy: {", ""
                + "  topic: { phrases: { fr: [certificat] }, say: { fr: \"Je vois.\", en: \"I see {{who}}.\" } }\n"
                + "  small_talk:\n"
                + "    - id: greeting\n"
                + "      phrases: { fr: [bonjour], en: [hello] }\n"
                + "    - id: thanks\n"
                + "      phrases: { en: [thanks] }\n"
                + "      say: { fr: \"Merci.\", en: \"Thanks.\" }\n"
                + "  fill:\n"
                + "    - variable: Phone\n"
                + "      values: { new: { fr: [android 14], en: [android 14] } }\n"
                + "  busy: {");
        assertThat(problems(yaml)).containsExactly(
                "minimal.yaml:19:21: global.topic: missing 'en' phrases",
                "minimal.yaml:19:48: global.topic: say in 'en': {{who}} cannot be used in a global text, which is said in"
                        + " every state",
                "minimal.yaml:19:48: global.topic: say: 'fr' uses [] but 'en' uses [who]",
                "minimal.yaml:24:16: global.small_talk 'thanks': missing 'fr' phrases",
                "minimal.yaml:27:17: global.fill variable 'Phone' must be snake_case (lowercase letters, digits and '_',"
                        + " starting with a letter)");
    }

    private static List<String> problems(String yaml) {
        return ScriptLoader.standard().load("minimal.yaml", yaml).problems().stream().map(Problem::toString).toList();
    }

    private static String replace(String text, String from, String to) {
        assertThat(text).contains(from);
        return text.replace(from, to);
    }

    private static String resource(String name) {
        try (InputStream in = LinterTests.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
