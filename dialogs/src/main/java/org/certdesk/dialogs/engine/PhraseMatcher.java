package org.certdesk.dialogs.engine;

import java.util.ArrayList;
import java.util.List;
import org.certdesk.dialogs.text.EditDistance;

/**
 * Finds what free text means among candidate phrases. A phrase matches when each of its words
 * appears among the input's words, in any order, exactly or within {@link Words#typosAllowed}.
 * The longest matching phrase wins (so "ne marche pas" beats "marche"), exact words beat fuzzy
 * ones; a tie between phrases of different meanings is no match, because guessing would move
 * the user somewhere they did not ask for.
 *
 * @param <T> what a phrase means
 */
final class PhraseMatcher<T> {

    private final List<Candidate<T>> candidates = new ArrayList<>();

    private record Candidate<T>(String[] words, T meaning) {
    }

    /** A match: its meaning and a score (higher is better). */
    record Match<T>(T meaning, int score) {
    }

    void add(String phrase, T meaning) {
        String[] words = Words.of(phrase);
        if (words.length > 0) {
            candidates.add(new Candidate<>(words, meaning));
        }
    }

    boolean isEmpty() {
        return candidates.isEmpty();
    }

    /**
     * Returns the best match, {@code null} when nothing (or an ambiguous tie) matches.
     *
     * @param whole the phrase must be the whole input, not part of it (used where free text is
     *              captured, so a certificate name containing "help" is not taken for help)
     */
    Match<T> best(String[] input, boolean whole) {
        Match<T> best = null;
        boolean tie = false;
        for (Candidate<T> candidate : candidates) {
            if (whole && candidate.words().length != input.length) {
                continue;
            }
            int score = score(candidate.words(), input);
            if (score < 0 || (best != null && score < best.score())) {
                continue;
            }
            if (best != null && score == best.score()) {
                tie |= !best.meaning().equals(candidate.meaning());
            } else {
                best = new Match<>(candidate.meaning(), score);
                tie = false;
            }
        }
        return tie ? null : best;
    }

    /** -1 when a phrase word is missing from the input; else words * 100 + exact words. */
    private static int score(String[] phrase, String[] input) {
        int exact = 0;
        for (String word : phrase) {
            int found = find(word, input);
            if (found < 0) {
                return -1;
            }
            exact += found;
        }
        return phrase.length * 100 + exact;
    }

    /** 1 for an exact occurrence, 0 for a near one, -1 for none. */
    private static int find(String word, String[] input) {
        for (String candidate : input) {
            if (candidate.equals(word)) {
                return 1;
            }
        }
        int allowed = Words.typosAllowed(word);
        if (allowed > 0) {
            for (String candidate : input) {
                if (EditDistance.within(word, candidate, allowed)) {
                    return 0;
                }
            }
        }
        return -1;
    }
}
