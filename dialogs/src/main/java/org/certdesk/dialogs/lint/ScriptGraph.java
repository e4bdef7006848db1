package org.certdesk.dialogs.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.certdesk.dialogs.script.Ref;
import org.certdesk.dialogs.script.Script;
import org.certdesk.dialogs.script.State;

/**
 * A script as a picture: its states, the transitions written in them, and the marks an admin looks
 * for first (states nothing leads to, states with no way out). Built from a partial script too, so
 * the admin editor can draw a draft that does not lint yet; the linter's {@link GraphCheck} reports
 * the same marks as problems.
 *
 * @param start the start state's id, or {@code null} when the script names none
 */
public record ScriptGraph(String start, List<Node> states, List<Edge> edges) {

    public ScriptGraph {
        states = List.copyOf(states);
        edges = List.copyOf(edges);
    }

    /** What a state does, for its shape in the diagram. */
    public enum Kind { ASK, CAPTURE, ACTION, BRANCH, NEXT, RESOLVED, ESCALATED, NONE }

    /**
     * @param line        where the state is written (1-based), 0 when unknown
     * @param unreachable no path leads to it from the start (or a global escalation)
     * @param deadEnd     not an end state, yet no transition leaves it
     */
    public record Node(String id, Kind kind, int line, boolean unreachable, boolean deadEnd) {
    }

    /** A transition; {@code label} is the choice, intent, outcome or case that takes it, or a keyword. */
    public record Edge(String from, String to, String label, boolean toMissingState) {
    }

    /** The graph of {@code script}, which may be partial (parts the loader could not read are absent). */
    public static ScriptGraph of(Script script) {
        Map<String, State> states = script.states();
        Set<String> reachable = Edges.reachable(script);
        List<Node> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        for (State state : states.values()) {
            List<Edge> out = edges(state, states);
            edges.addAll(out);
            nodes.add(new Node(state.id(), kind(state), state.at() == null ? 0 : state.at().line(),
                    !reachable.contains(state.id()), state.end() == null && out.isEmpty()));
        }
        return new ScriptGraph(script.start() == null ? null : script.start().state(), nodes, edges);
    }

    private static List<Edge> edges(State state, Map<String, State> states) {
        List<Edge> edges = new ArrayList<>();
        state.choices().forEach(c -> add(edges, state, c.next(), c.id()));
        state.intents().forEach(i -> add(edges, state, i.next(), i.id()));
        add(edges, state, state.next(), state.capture() != null && state.capture().variable() != null
                ? "{{" + state.capture().variable() + "}}" : "next");
        add(edges, state, state.fallback(), "fallback");
        if (state.action() != null) {
            state.action().outcomes().forEach((outcome, target) -> add(edges, state, target, outcome));
        }
        if (state.branch() != null) {
            state.branch().cases().forEach((value, target) -> add(edges, state, target, value));
            add(edges, state, state.branch().otherwise(), "otherwise");
        }
        return edges.stream().map(e -> new Edge(e.from(), e.to(), e.label(), !states.containsKey(e.to()))).toList();
    }

    private static void add(List<Edge> edges, State from, Ref to, String label) {
        if (to != null && to.state() != null) {
            edges.add(new Edge(from.id(), to.state(), label == null ? "" : label, false));
        }
    }

    private static Kind kind(State state) {
        if (state.end() != null) {
            return state.end().kind() == org.certdesk.dialogs.script.Ending.Kind.ESCALATED ? Kind.ESCALATED : Kind.RESOLVED;
        }
        if (state.action() != null) {
            return Kind.ACTION;
        }
        if (state.branch() != null) {
            return Kind.BRANCH;
        }
        if (state.capture() != null) {
            return Kind.CAPTURE;
        }
        if (!state.choices().isEmpty() || !state.intents().isEmpty()) {
            return Kind.ASK;
        }
        return state.next() != null ? Kind.NEXT : Kind.NONE;
    }
}
