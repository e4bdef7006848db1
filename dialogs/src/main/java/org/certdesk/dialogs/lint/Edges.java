package org.certdesk.dialogs.lint;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.certdesk.dialogs.script.Globals;
import org.certdesk.dialogs.script.Ref;
import org.certdesk.dialogs.script.Script;
import org.certdesk.dialogs.script.State;

/** The outgoing references of a state, skipping parts the loader could not read. */
final class Edges {

    private Edges() {
    }

    static List<Ref> targets(State state) {
        List<Ref> targets = new ArrayList<>();
        state.choices().forEach(c -> targets.add(c.next()));
        state.intents().forEach(i -> targets.add(i.next()));
        targets.add(state.next());
        targets.add(state.fallback());
        if (state.action() != null) {
            targets.addAll(state.action().outcomes().values());
        }
        if (state.branch() != null) {
            targets.addAll(state.branch().cases().values());
            targets.add(state.branch().otherwise());
        }
        targets.removeIf(Objects::isNull);
        return targets;
    }

    /**
     * The states reachable from the start and from the global escalation targets: what the linter
     * calls reachable, and what the admin diagram marks. One computation for both, so they agree.
     */
    static Set<String> reachable(Script script) {
        Deque<String> queue = new ArrayDeque<>();
        if (script.start() != null && script.start().state() != null) {
            queue.add(script.start().state());
        }
        Globals global = script.global();
        if (global != null && global.human() != null && global.human().next() != null) {
            queue.add(global.human().next().state());
        }
        if (global != null && global.offerHuman() != null && global.offerHuman().next() != null) {
            queue.add(global.offerHuman().next().state());
        }
        Set<String> seen = new HashSet<>();
        while (!queue.isEmpty()) {
            String id = queue.poll();
            State state = id == null ? null : script.states().get(id);
            if (state != null && seen.add(id)) {
                Edges.targets(state).forEach(t -> queue.add(t.state()));
            }
        }
        return seen;
    }
}
