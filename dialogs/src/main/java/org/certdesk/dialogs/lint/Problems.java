package org.certdesk.dialogs.lint;

import java.util.ArrayList;
import java.util.List;
import org.certdesk.dialogs.script.Position;

/** Collects problems of one file, so that every check reports everything it finds. */
public final class Problems {

    private final String file;
    private final List<Problem> found = new ArrayList<>();
    private final List<Problem> warnings = new ArrayList<>();

    public Problems(String file) {
        this.file = file;
    }

    public String file() {
        return file;
    }

    public void add(Position at, String message) {
        Position where = at == null ? Position.NONE : at;
        found.add(new Problem(file, where.line(), where.column(), message));
    }

    /** Something that works but is likely not what the admin meant; it does not reject the script. */
    public void warn(Position at, String message) {
        Position where = at == null ? Position.NONE : at;
        warnings.add(new Problem(file, where.line(), where.column(), "warning: " + message));
    }

    /** The warnings found so far, in file order, each once. */
    public List<Problem> sortedWarnings() {
        return warnings.stream().distinct().sorted(Problem.IN_FILE_ORDER).toList();
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    /** The problems found so far, in file order, each once. */
    public List<Problem> sorted() {
        return found.stream().distinct().sorted(Problem.IN_FILE_ORDER).toList();
    }
}
