package org.certdesk.bot.scripts;

import java.util.List;

import org.certdesk.dialogs.lint.Problem;

/** A script that does not lint: nothing was stored; the problems say what to fix, where. */
class ScriptRejectedException extends RuntimeException {
    private final transient List<Problem> problems;

    ScriptRejectedException(List<Problem> problems) {
        super(problems.size() + " problem(s)", null, false, false);
        this.problems = List.copyOf(problems);
    }

    List<Problem> problems() {
        return problems;
    }
}
