package org.certdesk.dialogs.lint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.certdesk.dialogs.action.ActionSpec;
import org.certdesk.dialogs.action.Catalogue;
import org.certdesk.dialogs.action.OutcomeSpec;
import org.certdesk.dialogs.script.Globals;
import org.certdesk.dialogs.script.Localized;
import org.certdesk.dialogs.script.Position;
import org.certdesk.dialogs.script.Ref;
import org.certdesk.dialogs.script.Script;
import org.certdesk.dialogs.script.State;
import org.certdesk.dialogs.script.Template;

/**
 * Templates parse, and each {@code {{variable}}} is set before it is shown: by some choice, intent,
 * capture or action outcome at all (else "set by nothing"), and on every way into the state that
 * shows it (else "may be unset"; a definite-assignment analysis over the script's graph, where a
 * global jump to the human state counts as a way in from every state). Global texts are said in
 * every state, so they may use no variable.
 */
final class VariableCheck implements Linter.Check {

    private final Catalogue catalogue;

    VariableCheck(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** An edge of the graph with the variables it sets. */
    private record Edge(String from, String to, Set<String> sets) {
    }

    /** One template in a state. */
    private record Use(String text, Position at, String what) {
    }

    @Override
    public void run(Script script, Problems problems) {
        Set<String> used = new HashSet<>();
        script.states().values().forEach(state -> uses(state).forEach(use -> used.addAll(quietVariables(use))));
        List<Edge> edges = edges(script, used);
        Set<String> settable = new HashSet<>();
        edges.forEach(e -> settable.addAll(e.sets()));
        if (script.global() != null) {
            // Free text may fill these in any state, but only maybe: they count as set by something,
            // never as definitely set on the way into a state.
            script.global().fills().forEach(fill -> settable.add(fill.variable()));
        }
        Map<String, Set<String>> setOnEntry = definitelySet(script, edges);
        for (State state : script.states().values()) {
            Set<String> reported = new HashSet<>();
            for (Use use : uses(state)) {
                for (String variable : variables(use, problems)) {
                    if (!reported.add(variable)) {
                        continue;
                    }
                    if (!settable.contains(variable)) {
                        problems.add(use.at(), use.what() + ": {{" + variable + "}} is set by nothing"
                                + " (no choice, intent, capture or action outcome sets it)");
                    } else if (setOnEntry.containsKey(state.id()) && !setOnEntry.get(state.id()).contains(variable)) {
                        problems.add(use.at(), use.what() + ": {{" + variable + "}} may be unset here: nothing sets it"
                                + " on the way " + culprit(state.id(), variable, edges, setOnEntry));
                    }
                }
            }
            if (state.branch() != null && state.branch().variable() != null
                    && !settable.contains(state.branch().variable())) {
                problems.add(state.branch().at(), "state '" + state.id() + "': branch variable '"
                        + state.branch().variable() + "' is set by nothing");
            }
        }
        globalTexts(script, problems);
    }

    /**
     * The graph's edges. An action missing from the catalogue (reported by the action check) is
     * taken to set every variable, so that its typo does not also flood the report with unset ones.
     */
    private List<Edge> edges(Script script, Set<String> everyVariable) {
        List<Edge> edges = new ArrayList<>();
        for (State state : script.states().values()) {
            String from = state.id();
            state.choices().forEach(c -> add(edges, from, c.next(), c.set().keySet()));
            state.intents().forEach(i -> add(edges, from, i.next(), i.set().keySet()));
            Set<String> captured = state.capture() != null && state.capture().variable() != null
                    ? Set.of(state.capture().variable()) : Set.of();
            add(edges, from, state.next(), captured);
            add(edges, from, state.fallback(), Set.of());
            if (state.action() != null) {
                ActionSpec spec = state.action().name() == null ? null : catalogue.action(state.action().name());
                state.action().outcomes().forEach((outcome, target) -> {
                    OutcomeSpec outcomeSpec = spec == null ? null : spec.outcomes().get(outcome);
                    Set<String> sets = spec == null ? everyVariable
                            : outcomeSpec == null ? Set.of() : Set.copyOf(outcomeSpec.variables());
                    add(edges, from, target, sets);
                });
            }
            if (state.branch() != null) {
                state.branch().cases().values().forEach(target -> add(edges, from, target, Set.of()));
                add(edges, from, state.branch().otherwise(), Set.of());
            }
            Globals global = script.global();
            if (global != null && global.human() != null) {
                add(edges, from, global.human().next(), Set.of());
            }
            if (global != null && global.offerHuman() != null) {
                add(edges, from, global.offerHuman().next(), Set.of());
            }
        }
        edges.removeIf(e -> !script.states().containsKey(e.to()));
        return edges;
    }

    private static void add(List<Edge> edges, String from, Ref to, Set<String> sets) {
        if (to != null) {
            edges.add(new Edge(from, to.state(), sets));
        }
    }

    /**
     * For each reachable state, the variables set on every path from the start to it. Classic
     * must-analysis: start with "everything" except at the start state, intersect until stable.
     */
    private static Map<String, Set<String>> definitelySet(Script script, List<Edge> edges) {
        Map<String, Set<String>> onEntry = new HashMap<>();
        if (script.start() == null || !script.states().containsKey(script.start().state())) {
            return onEntry;
        }
        String start = script.start().state();
        onEntry.put(start, Set.of());
        boolean changed = true;
        while (changed) {
            changed = false;
            Map<String, Set<String>> next = new HashMap<>();
            next.put(start, Set.of());
            for (Edge edge : edges) {
                Set<String> before = onEntry.get(edge.from());
                if (before == null) {
                    continue; // not reached yet
                }
                Set<String> after = new HashSet<>(before);
                after.addAll(edge.sets());
                next.merge(edge.to(), after, (a, b) -> {
                    Set<String> both = new HashSet<>(a);
                    both.retainAll(b);
                    return both;
                });
            }
            next.put(start, Set.of());
            if (!next.equals(onEntry)) {
                onEntry = next;
                changed = true;
            }
        }
        return onEntry;
    }

    private static String culprit(String state, String variable, List<Edge> edges, Map<String, Set<String>> onEntry) {
        for (Edge edge : edges) {
            Set<String> before = onEntry.get(edge.from());
            if (edge.to().equals(state) && before != null && !before.contains(variable) && !edge.sets().contains(variable)) {
                return "from '" + edge.from() + "'";
            }
        }
        return "from the start";
    }

    private static List<Use> uses(State state) {
        String what = "state '" + state.id() + "'";
        List<Use> uses = new ArrayList<>();
        state.say().forEach(text -> localized(uses, text, what + ": say"));
        localized(uses, state.reask(), what + ": reask");
        state.facts().forEach(fact -> {
            localized(uses, fact.label(), what + ": fact label");
            plain(uses, fact.value(), fact.at(), what + ": fact value");
        });
        if (state.download() != null) {
            plain(uses, state.download().url(), state.download().at(), what + ": download url");
            plain(uses, state.download().fileName(), state.download().at(), what + ": download file_name");
            plain(uses, state.download().sha256(), state.download().at(), what + ": download sha256");
        }
        state.choices().forEach(c -> localized(uses, c.label(), what + ": choice '" + c.id() + "' label"));
        if (state.action() != null) {
            state.action().arguments().forEach((name, value) ->
                    plain(uses, value, state.action().at(), what + ": action argument '" + name + "'"));
        }
        return uses;
    }

    private static void localized(List<Use> uses, Localized text, String what) {
        if (text != null) {
            text.byLocale().forEach((locale, value) -> uses.add(new Use(value, text.at(), what + " in '" + locale + "'")));
        }
    }

    private static void plain(List<Use> uses, String text, Position at, String what) {
        if (text != null) {
            uses.add(new Use(text, at, what));
        }
    }

    private static Set<String> variables(Use use, Problems problems) {
        try {
            return new LinkedHashSet<>(Template.parse(use.text()).variables());
        } catch (IllegalArgumentException e) {
            problems.add(use.at(), use.what() + ": " + e.getMessage());
            return Set.of();
        }
    }

    private static Set<String> quietVariables(Use use) {
        try {
            return new HashSet<>(Template.parse(use.text()).variables());
        } catch (IllegalArgumentException e) {
            return Set.of();
        }
    }

    private static void globalTexts(Script script, Problems problems) {
        Globals global = script.global();
        if (global == null) {
            return;
        }
        List<Use> uses = new ArrayList<>();
        if (global.help() != null) {
            localized(uses, global.help().say(), "global.help: say");
        }
        if (global.restart() != null) {
            localized(uses, global.restart().say(), "global.restart: say");
        }
        if (global.human() != null) {
            localized(uses, global.human().say(), "global.human: say");
        }
        if (global.language() != null) {
            localized(uses, global.language().say(), "global.language: say");
        }
        localized(uses, global.notUnderstood(), "global.not_understood: say");
        localized(uses, global.busy(), "global.busy: say");
        localized(uses, global.ended(), "global.ended: say");
        if (global.offerHuman() != null) {
            localized(uses, global.offerHuman().say(), "global.offer_human: say");
            if (global.offerHuman().accept() != null) {
                localized(uses, global.offerHuman().accept().label(), "global.offer_human.accept: label");
            }
            if (global.offerHuman().decline() != null) {
                localized(uses, global.offerHuman().decline().label(), "global.offer_human.decline: label");
            }
        }
        if (global.topic() != null) {
            localized(uses, global.topic().say(), "global.topic: say");
        }
        global.smallTalk().forEach(talk -> localized(uses, talk.say(), "global.small_talk '" + talk.id() + "': say"));
        for (Use use : uses) {
            for (String variable : variables(use, problems)) {
                problems.add(use.at(), use.what() + ": {{" + variable + "}} cannot be used in a global text,"
                        + " which is said in every state");
            }
        }
    }
}
