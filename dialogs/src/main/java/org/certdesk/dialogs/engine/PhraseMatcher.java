package org.certdesk.dialogs.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.certdesk.dialogs.text.EditDistance;
import org.certdesk.dialogs.text.Words;

/**
 * Finds what free text means among candidate phrases, by the strength of the whole match.
 *
 * <p>A phrase matches when each of its words appears among the input's words, in any order,
 * exactly or within {@link Words#typosAllowed}. A meaning's strength is how many of the input's
 * words its matching phrases cover together (exact words count a little more than near ones):
 * "Un certificat exigé par le support technique de votre entreprise est manquant" is mostly
 * about a missing certificate, even though "support" alone could mean "the helpdesk". A longer
 * phrase covers more, so "ne marche pas" still beats "marche". A tie between different meanings
 * is no match, because guessing would move the user somewhere they did not ask for.
 *
 * @param <T> what a phrase means
 */
final class PhraseMatcher<T> {

    private final String locale;
    /** Phrases as ids into {@link #vocabulary}: a word shared by many phrases is looked for once per input. */
    private final Map<T, List<int[]>> byMeaning = new LinkedHashMap<>();
    private final List<String> vocabulary = new ArrayList<>();
    private final Map<String, Integer> ids = new HashMap<>();
    private int longest = 1;

    /**
     * A match: its meaning, its score (higher is better: words covered * 100 + exact words covered)
     * and which input words it covers (0 none, 1 near, 2 exact).
     */
    record Match<T>(T meaning, int score, int[] marks) {

        /** This match with the words of {@code background} covered too (both arrays of one input). */
        Match<T> with(int[] background) {
            int[] union = marks.clone();
            for (int i = 0; i < union.length; i++) {
                union[i] = Math.max(union[i], background[i]);
            }
            return new Match<>(meaning, PhraseMatcher.score(union), union);
        }
    }

    /** @param locale the language the phrases are written in, which decides how words are compared */
    PhraseMatcher(String locale) {
        this.locale = locale;
    }

    String locale() {
        return locale;
    }

    void add(String phrase, T meaning) {
        String[] words = Words.of(phrase, locale);
        if (words.length > 0) {
            int[] phraseIds = new int[words.length];
            for (int i = 0; i < words.length; i++) {
                phraseIds[i] = ids.computeIfAbsent(words[i], w -> {
                    vocabulary.add(w);
                    return vocabulary.size() - 1;
                });
            }
            byMeaning.computeIfAbsent(meaning, m -> new ArrayList<>()).add(phraseIds);
            longest = Math.max(longest, words.length);
        }
    }

    boolean isEmpty() {
        return byMeaning.isEmpty();
    }

    /**
     * Returns the best match, {@code null} when nothing (or an ambiguous tie) matches.
     *
     * @param input the input's words, cut by {@link Words#of} in this matcher's locale
     * @param whole a phrase must be the whole input, not part of it (used where free text is
     *              captured, so a certificate name containing "help" is not taken for help)
     */
    Match<T> best(String[] input, boolean whole) {
        if (input.length == 0) {
            return null;
        }
        Match<T> best = null;
        boolean tie = false;
        int[] marks = new int[input.length];
        int[] found = new int[longest];
        int[] where = lookups();
        for (Map.Entry<T, List<int[]>> entry : byMeaning.entrySet()) {
            Arrays.fill(marks, 0);
            if (!cover(entry.getValue(), input, whole, where, found, marks)) {
                continue;
            }
            int score = score(marks);
            if (best != null && score < best.score()) {
                continue;
            }
            if (best != null && score == best.score()) {
                tie = true; // meanings are distinct keys
            } else {
                best = new Match<>(entry.getKey(), score, marks.clone());
                tie = false;
            }
        }
        return tie ? null : best;
    }

    /**
     * The input words that any phrase of this matcher covers, whatever their meaning: 0 for none,
     * 1 for a near occurrence, 2 for an exact one; {@code null} when no phrase matches.
     */
    int[] coverage(String[] input) {
        int[] marks = new int[input.length];
        int[] found = new int[longest];
        int[] where = lookups();
        boolean any = false;
        for (List<int[]> phrases : byMeaning.values()) {
            any |= cover(phrases, input, false, where, found, marks);
        }
        return any ? marks : null;
    }

    /**
     * Marks in {@code marks} the input words that the matching ones of {@code phrases} cover (2
     * exact, 1 near, keeping the better mark); true when at least one phrase matches.
     */
    private boolean cover(List<int[]> phrases, String[] input, boolean whole, int[] where, int[] found, int[] marks) {
        boolean any = false;
        for (int[] phrase : phrases) {
            if ((whole && phrase.length != input.length) || !locate(phrase, input, found, where)) {
                continue;
            }
            any = true;
            for (int i = 0; i < phrase.length; i++) {
                int position = found[i] >> 1;
                marks[position] = Math.max(marks[position], 1 + (found[i] & 1));
            }
        }
        return any;
    }

    /** Words covered * 100, plus one per word covered exactly. */
    static int score(int[] marks) {
        int score = 0;
        for (int mark : marks) {
            score += mark == 0 ? 0 : mark == 2 ? 101 : 100;
        }
        return score;
    }

    /**
     * Finds each word of {@code phrase} in {@code input}: {@code found[i]} is the position * 2,
     * plus 1 when the occurrence is exact. False when a word is missing.
     */
    private boolean locate(int[] phrase, String[] input, int[] found, int[] where) {
        for (int i = 0; i < phrase.length; i++) {
            int id = phrase[i];
            if (where[id] == UNKNOWN) {
                where[id] = find(vocabulary.get(id), input);
            }
            int at = where[id];
            if (at < 0) {
                return false;
            }
            found[i] = at;
        }
        return true;
    }

    private static final int UNKNOWN = -2;

    /** Where each vocabulary word is in the input, looked up on first need: all {@link #UNKNOWN}. */
    private int[] lookups() {
        int[] where = new int[vocabulary.size()];
        Arrays.fill(where, UNKNOWN);
        return where;
    }

    /** position * 2 + 1 for an exact occurrence, position * 2 for a near one, -1 for none. */
    private static int find(String word, String[] input) {
        for (int j = 0; j < input.length; j++) {
            if (input[j].equals(word)) {
                return j * 2 + 1;
            }
        }
        int allowed = Words.typosAllowed(word);
        if (allowed > 0) {
            for (int j = 0; j < input.length; j++) {
                if (EditDistance.within(word, input[j], allowed)) {
                    return j * 2;
                }
            }
        }
        return -1;
    }
}
