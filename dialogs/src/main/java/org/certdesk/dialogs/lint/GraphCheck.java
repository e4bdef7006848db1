package org.certdesk.dialogs.lint;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.certdesk.dialogs.script.Ending;
import org.certdesk.dialogs.script.Globals;
import org.certdesk.dialogs.script.Ref;
import org.certdesk.dialogs.script.Script;
import org.certdesk.dialogs.script.State;
import org.certdesk.dialogs.text.EditDistance;

/**
 * The script as a graph: targets that are not states, what each state does (exactly one thing),
 * states with no way out, unreachable states, states that move on by themselves in a loop, and
 * duplicate choice or intent ids.
 */
final class GraphCheck implements Linter.Check {

    @Override
    public void run(Script script, Problems problems) {
        Map<String, State> states = script.states();
        if (script.start() != null && !states.containsKey(script.start().state())) {
            problems.add(script.start().at(), "start '" + script.start().state() + "' is not a state" + hint(script.start(), states));
        }
        checkGlobalTargets(script, problems);
        for (State state : states.values()) {
            for (Ref target : Edges.targets(state)) {
                if (!states.containsKey(target.state())) {
                    problems.add(target.at(), "state '" + state.id() + "': transition target '" + target.state()
                            + "' is not a state" + hint(target, states));
                }
            }
            checkShape(state, problems);
            checkDuplicateIds(state, problems);
        }
        checkReachable(script, problems);
        checkAutomaticLoops(script, problems);
    }

    private static void checkGlobalTargets(Script script, Problems problems) {
        Globals global = script.global();
        if (global == null) {
            return;
        }
        if (global.human() != null) {
            escalates(script, global.human().next(), "global.human: next", problems);
        }
        if (global.offerHuman() != null) {
            escalates(script, global.offerHuman().next(), "global.offer_human: next", problems);
        }
    }

    /** A human was asked for, so these targets must open a helpdesk case: an escalated end. */
    private static void escalates(Script script, Ref target, String what, Problems problems) {
        if (target == null) {
            return;
        }
        State state = script.states().get(target.state());
        if (state == null) {
            problems.add(target.at(), what + " '" + target.state() + "' is not a state" + hint(target, script.states()));
        } else if (state.end() == null || state.end().kind() != Ending.Kind.ESCALATED) {
            problems.add(target.at(), what + " '" + target.state() + "' must be a state with 'end: escalated'");
        }
    }

    private static void checkShape(State state, Problems problems) {
        String what = "state '" + state.id() + "'";
        boolean waits = !state.choices().isEmpty() || !state.intents().isEmpty();
        if (state.end() != null) {
            for (String part : parts(state)) {
                problems.add(state.at(), what + ": an end state cannot also have '" + part + "'");
            }
            return;
        }
        if (state.action() != null || state.branch() != null) {
            String own = state.action() != null ? "action" : "branch";
            for (String part : parts(state)) {
                if (!part.equals(own)) {
                    problems.add(state.at(), what + ": a state with '" + own + "' cannot also have '" + part + "'");
                }
            }
            return;
        }
        if (state.capture() != null && state.next() == null) {
            problems.add(state.capture().at(), what + ": capture needs 'next' (where to go with the text)");
        }
        if (state.capture() != null && state.fallback() != null) {
            problems.add(state.fallback().at(), what + ": capture takes all free text, so 'fallback' is never used");
        }
        if (state.capture() == null && waits && state.next() != null) {
            problems.add(state.next().at(), what + ": 'next' would move on before the user chooses;"
                    + " remove it or make the state a capture");
        }
        if (!waits && state.fallback() != null) {
            problems.add(state.fallback().at(), what + ": 'fallback' needs choices or intents to fall back from");
        }
        if (!waits && state.capture() == null && state.next() == null) {
            problems.add(state.at(), what + " is not an end state but has no way out"
                    + " (add choices, intents, capture, next, an action, a branch or 'end')");
        }
    }

    /** The parts that give a state its way out, by key name. */
    private static List<String> parts(State state) {
        List<String> parts = new ArrayList<>();
        if (!state.choices().isEmpty()) {
            parts.add("choices");
        }
        if (!state.intents().isEmpty()) {
            parts.add("intents");
        }
        if (state.capture() != null) {
            parts.add("capture");
        }
        if (state.action() != null) {
            parts.add("action");
        }
        if (state.branch() != null) {
            parts.add("branch");
        }
        if (state.next() != null) {
            parts.add("next");
        }
        if (state.fallback() != null) {
            parts.add("fallback");
        }
        return parts;
    }

    private static void checkDuplicateIds(State state, Problems problems) {
        Map<String, Integer> firstLine = new HashMap<>();
        state.choices().forEach(c -> duplicate(state, "choice", c.id(), c.at().line(), firstLine, c.at(), problems));
        state.intents().forEach(i -> duplicate(state, "intent", i.id(), i.at().line(), firstLine, i.at(), problems));
    }

    private static void duplicate(State state, String kind, String id, int line, Map<String, Integer> firstLine,
            org.certdesk.dialogs.script.Position at, Problems problems) {
        if (id == null) {
            return;
        }
        Integer first = firstLine.putIfAbsent(id, line);
        if (first != null) {
            problems.add(at, "state '" + state.id() + "': " + kind + " id '" + id
                    + "' is already used in this state (line " + first + ")");
        }
    }

    private static void checkReachable(Script script, Problems problems) {
        if (script.start() == null || !script.states().containsKey(script.start().state())) {
            return;
        }
        Set<String> seen = Edges.reachable(script);
        for (State state : script.states().values()) {
            if (!seen.contains(state.id())) {
                problems.add(state.at(), "state '" + state.id() + "' is unreachable from start '"
                        + script.start().state() + "'");
            }
        }
    }

    /** States that move on by themselves (next without waiting, branch) must not go round in a loop. */
    private static void checkAutomaticLoops(Script script, Problems problems) {
        Map<String, List<String>> automatic = new LinkedHashMap<>();
        for (State state : script.states().values()) {
            List<String> targets = new ArrayList<>();
            if (state.branch() != null) {
                state.branch().cases().values().forEach(r -> targets.add(r.state()));
                if (state.branch().otherwise() != null) {
                    targets.add(state.branch().otherwise().state());
                }
            } else if (state.next() != null && state.capture() == null && state.end() == null
                    && state.action() == null && state.choices().isEmpty() && state.intents().isEmpty()) {
                targets.add(state.next().state());
            }
            if (!targets.isEmpty()) {
                automatic.put(state.id(), targets);
            }
        }
        Set<String> reported = new HashSet<>();
        for (String start : automatic.keySet()) {
            List<String> loop = findLoop(start, automatic);
            if (loop != null && reported.add(loop.stream().min(Comparator.naturalOrder()).orElseThrow())) {
                problems.add(script.states().get(start).at(), "state '" + start + "' moves on by itself in a loop ("
                        + String.join(" -> ", loop) + ") without waiting for the user");
            }
        }
    }

    /** A path from {@code start} back to itself over automatic edges, or {@code null}. */
    private static List<String> findLoop(String start, Map<String, List<String>> automatic) {
        Deque<List<String>> paths = new ArrayDeque<>();
        paths.add(List.of(start));
        Set<String> visited = new HashSet<>();
        while (!paths.isEmpty()) {
            List<String> path = paths.poll();
            for (String next : automatic.getOrDefault(path.get(path.size() - 1), List.of())) {
                List<String> longer = new ArrayList<>(path);
                longer.add(next);
                if (next.equals(start)) {
                    return longer;
                }
                if (visited.add(next)) {
                    paths.add(longer);
                }
            }
        }
        return null;
    }

    /** Suggests the closest state id for a typo, e.g. " (did you mean 'install_steps'?)". */
    private static String hint(Ref target, Map<String, State> states) {
        String best = null;
        int bestDistance = 3;
        for (String id : states.keySet()) {
            int distance = EditDistance.between(id, target.state(), bestDistance);
            if (distance < bestDistance) {
                best = id;
                bestDistance = distance;
            }
        }
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }
}
