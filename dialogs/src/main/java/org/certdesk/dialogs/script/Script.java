package org.certdesk.dialogs.script;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dialog script: a passive model of states and transitions, as read from one YAML file. It does
 * nothing by itself; the linter checks it and the engine walks it. A loaded script has passed the
 * linter, so every reference in it resolves.
 *
 * @param file    the name the script was loaded from, used in problem reports
 * @param locales the languages the script speaks; the first is the default
 * @param states  in the order they were written
 */
public record Script(String file, String id, int version, String description, List<String> locales,
        Ref start, Globals global, Map<String, State> states, Position at) {

    public Script {
        locales = List.copyOf(locales);
        states = Collections.unmodifiableMap(new LinkedHashMap<>(states));
    }

    public State state(String stateId) {
        return states.get(stateId);
    }

    /** The default locale: the first one the script declares. */
    public String defaultLocale() {
        return locales.get(0);
    }

    /**
     * Picks the script locale for a language tag such as {@code fr-CA} or {@code EN}; falls back to
     * the default locale when the tag is {@code null} or not spoken by the script.
     */
    public String localeFor(String languageTag) {
        if (languageTag != null) {
            String language = languageTag.strip().toLowerCase(java.util.Locale.ROOT).split("[-_]", 2)[0];
            if (locales.contains(language)) {
                return language;
            }
        }
        return defaultLocale();
    }

    /**
     * Every transition of the script: the edges written in its states, then the global ones
     * (one {@code LANGUAGE} transition per locale). Coverage is measured against this list.
     */
    public List<Transition> transitions() {
        List<Transition> all = new ArrayList<>();
        for (State state : states.values()) {
            String from = state.id();
            state.choices().forEach(c -> all.add(edge(from, Transition.Kind.CHOICE, c.id(), c.next())));
            state.intents().forEach(i -> all.add(edge(from, Transition.Kind.INTENT, i.id(), i.next())));
            if (state.next() != null) {
                Transition.Kind kind = state.capture() != null ? Transition.Kind.CAPTURE : Transition.Kind.NEXT;
                String key = state.capture() != null ? state.capture().variable() : "";
                all.add(edge(from, kind, key, state.next()));
            }
            if (state.fallback() != null) {
                all.add(edge(from, Transition.Kind.FALLBACK, "", state.fallback()));
            }
            if (state.action() != null) {
                state.action().outcomes().entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .forEach(e -> all.add(edge(from, Transition.Kind.OUTCOME, e.getKey(), e.getValue())));
            }
            if (state.branch() != null) {
                state.branch().cases().entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .forEach(e -> all.add(edge(from, Transition.Kind.BRANCH, e.getKey(), e.getValue())));
                if (state.branch().otherwise() != null) {
                    all.add(edge(from, Transition.Kind.OTHERWISE, "", state.branch().otherwise()));
                }
            }
        }
        all.addAll(globalTransitions());
        return all;
    }

    private List<Transition> globalTransitions() {
        String any = Transition.ANY_STATE;
        String same = Transition.SAME_STATE;
        List<Transition> all = new ArrayList<>();
        all.add(new Transition(any, Transition.Kind.HELP, "", same));
        all.add(new Transition(any, Transition.Kind.RESTART, "", start.state()));
        all.add(new Transition(any, Transition.Kind.HUMAN, "", global.human().next().state()));
        locales.forEach(l -> all.add(new Transition(any, Transition.Kind.LANGUAGE, l, same)));
        all.add(new Transition(any, Transition.Kind.NOT_UNDERSTOOD, "", same));
        all.add(new Transition(any, Transition.Kind.OFFER_HUMAN, "", same));
        all.add(new Transition(any, Transition.Kind.OFFER_DECLINE, "", same));
        String offerTarget = global.offerHuman().next().state();
        all.add(new Transition(any, Transition.Kind.OFFER_ACCEPT, "", offerTarget));
        all.add(new Transition(any, Transition.Kind.GIVE_UP, "", offerTarget));
        if (global.topic() != null) {
            all.add(new Transition(any, Transition.Kind.TOPIC, "", same));
        }
        global.smallTalk().forEach(talk -> all.add(new Transition(any, Transition.Kind.SMALL_TALK, talk.id(), same)));
        return all;
    }

    private static Transition edge(String from, Transition.Kind kind, String key, Ref to) {
        return new Transition(from, kind, key, to.state());
    }
}
