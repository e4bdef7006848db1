package org.certdesk.dialogs.load;

import java.util.List;
import java.util.stream.Collectors;
import org.certdesk.dialogs.lint.Problem;
import org.certdesk.dialogs.script.Script;

/** A script that passed the linter, or every problem that kept it from loading; never both. */
public sealed interface LoadResult {

    /** The problems found, in file order; empty when loaded. */
    List<Problem> problems();

    /**
     * Returns the script.
     *
     * @throws IllegalStateException listing every problem, one per line, when it did not load
     */
    Script orElseThrow();

    record Loaded(Script script) implements LoadResult {
        @Override
        public List<Problem> problems() {
            return List.of();
        }

        @Override
        public Script orElseThrow() {
            return script;
        }
    }

    record Rejected(List<Problem> problems) implements LoadResult {
        public Rejected {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("a rejected script has at least one problem");
            }
        }

        @Override
        public Script orElseThrow() {
            throw new IllegalStateException("script does not lint:\n"
                    + problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        }
    }
}
