package org.certdesk.dialogs.lint;

import java.util.Comparator;

/**
 * One thing wrong with a script, where it is. Lines and columns are 1-based; {@code 0:0} means the
 * problem concerns the whole file. {@link #toString()} gives the one-line form editors understand:
 * {@code file:line:column: message}.
 */
public record Problem(String file, int line, int column, String message) {

    /** Orders problems as they appear in the file, then alphabetically. */
    public static final Comparator<Problem> IN_FILE_ORDER = Comparator.comparing(Problem::file)
            .thenComparingInt(Problem::line).thenComparingInt(Problem::column)
            .thenComparing(Problem::message);

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
