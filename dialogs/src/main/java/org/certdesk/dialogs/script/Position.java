package org.certdesk.dialogs.script;

/**
 * Where something was written in a script file: 1-based line and column, as editors count them.
 * {@link #NONE} marks elements that were not read from a file (built in code).
 */
public record Position(int line, int column) {

    public static final Position NONE = new Position(0, 0);

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
