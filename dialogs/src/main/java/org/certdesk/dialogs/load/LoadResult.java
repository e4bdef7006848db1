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
     * What loads but is likely a mistake (e.g. a state's phrase that is also a global intent's
     * phrase), in file order; each message starts with {@code warning: }.
     */
    List<Problem> warnings();

    /**
     * Returns the script.
     *
     * @throws IllegalStateException listing every problem, one per line, when it did not load
     */
    Script orElseThrow();

    record Loaded(Script script, List<Problem> warnings) implements LoadResult {
        public Loaded {
            warnings = List.copyOf(warnings);
        }

        public Loaded(Script script) {
            this(script, List.of());
        }

        @Override
        public List<Problem> problems() {
            return List.of();
        }

        @Override
        public Script orElseThrow() {
            return script;
        }
    }

    record Rejected(List<Problem> problems, List<Problem> warnings) implements LoadResult {
        public Rejected {
            problems = List.copyOf(problems);
            warnings = List.copyOf(warnings);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("a rejected script has at least one problem");
            }
        }

        public Rejected(List<Problem> problems) {
            this(problems, List.of());
        }

        @Override
        public Script orElseThrow() {
            throw new IllegalStateException("script does not lint:\n"
                    + problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        }
    }
}
