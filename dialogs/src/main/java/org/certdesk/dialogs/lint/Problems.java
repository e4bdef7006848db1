package org.certdesk.dialogs.lint;

import java.util.ArrayList;
import java.util.List;
import org.certdesk.dialogs.script.Position;

/** Collects problems of one file, so that every check reports everything it finds. */
public final class Problems {

    private final String file;
    private final List<Problem> found = new ArrayList<>();

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

    public boolean isEmpty() {
        return found.isEmpty();
    }

    /** The problems found so far, in file order, each once. */
    public List<Problem> sorted() {
        return found.stream().distinct().sorted(Problem.IN_FILE_ORDER).toList();
    }
}
