package org.certdesk.dialogs.lint;

import java.util.TreeSet;
import org.certdesk.dialogs.action.ActionSpec;
import org.certdesk.dialogs.action.Catalogue;
import org.certdesk.dialogs.script.ActionCall;
import org.certdesk.dialogs.script.Script;
import org.certdesk.dialogs.script.State;

/**
 * Actions exist in the catalogue, get exactly their arguments, and every outcome they can report
 * leads somewhere (an unhandled outcome would strand the conversation). Escalation reasons are
 * ones the helpdesk knows.
 */
final class ActionCheck implements Linter.Check {

    private final Catalogue catalogue;

    ActionCheck(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    public void run(Script script, Problems problems) {
        for (State state : script.states().values()) {
            if (state.action() != null && state.action().name() != null) {
                checkAction(state, state.action(), problems);
            }
            if (state.end() != null && state.end().reason() != null
                    && !catalogue.escalationReasons().contains(state.end().reason())) {
                problems.add(state.end().at(), "state '" + state.id() + "': unknown escalation reason '"
                        + state.end().reason() + "' (known: " + String.join(", ",
                        new TreeSet<>(catalogue.escalationReasons())) + ")");
            }
        }
    }

    private void checkAction(State state, ActionCall call, Problems problems) {
        String what = "state '" + state.id() + "'";
        ActionSpec spec = catalogue.action(call.name());
        if (spec == null) {
            problems.add(call.at(), what + ": unknown action '" + call.name() + "' (known: "
                    + String.join(", ", catalogue.actions().keySet()) + ")");
            return;
        }
        String action = what + ": action '" + call.name() + "'";
        for (String argument : spec.arguments()) {
            if (!call.arguments().containsKey(argument)) {
                problems.add(call.at(), action + " needs argument '" + argument + "' under 'with'");
            }
        }
        for (String argument : new TreeSet<>(call.arguments().keySet())) {
            if (!spec.arguments().contains(argument)) {
                problems.add(call.at(), action + " takes no argument '" + argument + "' (it takes: "
                        + String.join(", ", spec.arguments()) + ")");
            }
        }
        for (String outcome : spec.outcomes().keySet()) {
            if (!call.outcomes().containsKey(outcome)) {
                problems.add(call.at(), action + ": outcome '" + outcome + "' is not handled");
            }
        }
        call.outcomes().entrySet().stream()
                .filter(e -> !spec.outcomes().containsKey(e.getKey()))
                .sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> problems.add(e.getValue().at(), action + " has no outcome '" + e.getKey()
                        + "' (it has: " + String.join(", ", spec.outcomes().keySet()) + ")"));
    }
}
