package org.certdesk.dialogs.testkit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.certdesk.dialogs.engine.TurnResult;
import org.certdesk.dialogs.script.Script;
import org.certdesk.dialogs.script.Transition;

/**
 * Which states and transitions of one script the transcripts went through, per locale. A state
 * counts in the locale its texts were said in; a transition counts in the locale the conversation
 * had when it was taken (a language switch counts in the language switched from).
 */
public final class Coverage {

    private final Script script;
    private final Map<String, Set<String>> states = new HashMap<>();
    private final Map<String, Set<Transition>> transitions = new HashMap<>();

    public Coverage(Script script) {
        this.script = script;
        script.locales().forEach(locale -> {
            states.put(locale, new LinkedHashSet<>());
            transitions.put(locale, new LinkedHashSet<>());
        });
    }

    public synchronized void record(String localeBefore, TurnResult result) {
        String localeAfter = result.state().locale();
        for (Transition transition : result.taken()) {
            transitions.get(localeBefore).add(transition);
            visit(localeAfter, transition.from());
            visit(localeAfter, transition.to());
        }
        visit(localeAfter, result.state().stateId());
    }

    private void visit(String locale, String state) {
        if (script.states().containsKey(state)) {
            states.get(locale).add(state);
        }
    }

    public synchronized boolean complete() {
        return script.locales().stream().allMatch(l -> missingStates(l).isEmpty() && missingTransitions(l).isEmpty());
    }

    public synchronized List<String> missingStates(String locale) {
        List<String> missing = new ArrayList<>(script.states().keySet());
        missing.removeAll(states.get(locale));
        return missing;
    }

    public synchronized List<Transition> missingTransitions(String locale) {
        List<Transition> missing = new ArrayList<>(script.transitions());
        missing.removeAll(transitions.get(locale));
        return missing;
    }

    /** One line per locale, then what is missing, e.g. for the build log. */
    public synchronized String report() {
        StringBuilder out = new StringBuilder();
        int allStates = script.states().size();
        int allTransitions = script.transitions().size();
        for (String locale : script.locales()) {
            int visitedStates = allStates - missingStates(locale).size();
            int takenTransitions = allTransitions - missingTransitions(locale).size();
            out.append(String.format("transcript coverage of %s v%d [%s]: states %d/%d (%.1f%%), transitions %d/%d (%.1f%%)%n",
                    script.id(), script.version(), locale, visitedStates, allStates, 100.0 * visitedStates / allStates,
                    takenTransitions, allTransitions, 100.0 * takenTransitions / allTransitions));
            missingStates(locale).forEach(s -> out.append("  never visited [").append(locale).append("]: ").append(s).append('\n'));
            missingTransitions(locale).forEach(t -> out.append("  never taken [").append(locale).append("]: ").append(t).append('\n'));
        }
        return out.toString();
    }
}
