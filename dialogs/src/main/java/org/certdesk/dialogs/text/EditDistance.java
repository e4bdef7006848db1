package org.certdesk.dialogs.text;

/**
 * Levenshtein distance, bounded: the engine's typo-tolerant matching of what users type and the
 * linter's "did you mean" hints share it.
 */
public final class EditDistance {

    private EditDistance() {
    }

    /**
     * The distance between {@code a} and {@code b}, or {@code limit} when it is at least that. Stops
     * as soon as every path is at {@code limit} already, so a far-off word costs little.
     */
    public static int between(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) >= limit) {
            return limit;
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            int rowMin = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                rowMin = Math.min(rowMin, current[j]);
            }
            if (rowMin >= limit) {
                return limit; // no cell of a later row can be smaller than this row's smallest
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return Math.min(previous[b.length()], limit);
    }

    /** True when {@code a} and {@code b} are within {@code limit} edits. */
    public static boolean within(String a, String b, int limit) {
        return between(a, b, limit + 1) <= limit;
    }
}
