package org.certdesk.dialogs.engine;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts text into comparable words: lower case, accents removed ("Télécharger" and "telecharger"
 * are one word), apostrophes and punctuation as spaces ("l’orthographe" gives "l" and
 * "orthographe"). Only the first {@link #MAX_CHARS} characters count, which bounds the matching
 * work a long paste can cause.
 */
final class Words {

    static final int MAX_CHARS = 300;
    private static final String[] NONE = new String[0];

    private Words() {
    }

    static String[] of(String text) {
        String cut = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        String plain = isAscii(cut) ? cut : stripAccents(cut);
        List<String> words = new ArrayList<>(8);
        StringBuilder word = new StringBuilder(16);
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                word.append(Character.toLowerCase(c));
            } else if (word.length() > 0) {
                words.add(word.toString());
                word.setLength(0);
            }
        }
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words.isEmpty() ? NONE : words.toArray(NONE);
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static String stripAccents(String text) {
        String ligatures = text.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae");
        String decomposed = Normalizer.normalize(ligatures, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (Character.getType(c) != Character.NON_SPACING_MARK) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * How many typos a word may carry and still match: none up to 4 letters (short words differ
     * by one letter: "oui"/"qui", "yes"/"yet"), one for 5 to 8, two beyond.
     */
    static int typosAllowed(String word) {
        int length = word.length();
        return length <= 4 ? 0 : length <= 8 ? 1 : 2;
    }
}
