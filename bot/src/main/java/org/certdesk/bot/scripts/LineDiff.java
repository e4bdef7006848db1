package org.certdesk.bot.scripts;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff of two texts (longest common subsequence after trimming the common head and tail).
 * Scripts are a few hundred lines and edits are local, so the middle part is small; when it is not
 * (over {@link #MAX_CELLS} comparisons) the middle is shown as removed then added, which is still
 * a correct diff, only a coarse one.
 */
final class LineDiff {
    static final long MAX_CELLS = 4_000_000;

    enum Op { SAME, REMOVED, ADDED }

    /** One line of the diff; {@code fromLine}/{@code toLine} are 1-based, 0 when the line is not on that side. */
    record Line(Op op, String text, int fromLine, int toLine) {}

    private LineDiff() {
    }

    static List<Line> between(String from, String to) {
        String[] a = lines(from);
        String[] b = lines(to);
        int head = 0;
        while (head < a.length && head < b.length && a[head].equals(b[head])) {
            head++;
        }
        int tail = 0;
        while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail].equals(b[b.length - 1 - tail])) {
            tail++;
        }
        List<Line> out = new ArrayList<>();
        for (int i = 0; i < head; i++) {
            out.add(new Line(Op.SAME, a[i], i + 1, i + 1));
        }
        middle(a, head, a.length - tail, b, head, b.length - tail, out);
        for (int k = tail; k > 0; k--) {
            int i = a.length - k;
            int j = b.length - k;
            out.add(new Line(Op.SAME, a[i], i + 1, j + 1));
        }
        return out;
    }

    private static void middle(String[] a, int aStart, int aEnd, String[] b, int bStart, int bEnd, List<Line> out) {
        int n = aEnd - aStart;
        int m = bEnd - bStart;
        if ((long) n * m > MAX_CELLS) {
            for (int i = aStart; i < aEnd; i++) {
                out.add(new Line(Op.REMOVED, a[i], i + 1, 0));
            }
            for (int j = bStart; j < bEnd; j++) {
                out.add(new Line(Op.ADDED, b[j], 0, j + 1));
            }
            return;
        }
        // lcs[i][j]: length of the LCS of a[aStart+i..] and b[bStart+j..]
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a[aStart + i].equals(b[bStart + j]) ? lcs[i + 1][j + 1] + 1
                        : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a[aStart + i].equals(b[bStart + j])) {
                out.add(new Line(Op.SAME, a[aStart + i], aStart + i + 1, bStart + j + 1));
                i++;
                j++;
            } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                // removed lines first, then the added ones: reads as "this became that"
                out.add(new Line(Op.REMOVED, a[aStart + i], aStart + i + 1, 0));
                i++;
            } else {
                out.add(new Line(Op.ADDED, b[bStart + j], 0, bStart + j + 1));
                j++;
            }
        }
    }

    private static String[] lines(String text) {
        if (text.isEmpty()) {
            return new String[0];
        }
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return body.split("\r?\n", -1);
    }
}
