package org.certdesk.dialogs.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.certdesk.dialogs.script.Ref;
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
}
