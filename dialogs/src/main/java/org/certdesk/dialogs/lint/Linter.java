package org.certdesk.dialogs.lint;

import java.util.List;
import org.certdesk.dialogs.action.Catalogue;
import org.certdesk.dialogs.script.Script;

/**
 * Checks what a script means, after the loader has checked its shape: references, reachability,
 * translations, actions and variables. Every check runs and reports everything it finds, because
 * an admin fixing a script wants the whole list, not one problem per save.
 *
 * <p>Works on partial scripts (parts the loader could not read are {@code null}) and never throws
 * for a broken script.
 */
public final class Linter {

    private final Catalogue catalogue;

    public Linter(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** Adds the problems of {@code script} to {@code problems}. */
    public void check(Script script, Problems problems) {
        for (Check check : List.of(new GraphCheck(), new TranslationCheck(), new ActionCheck(catalogue),
                new VariableCheck(catalogue), new SharedPhraseCheck())) {
            check.run(script, problems);
        }
    }

    /** One family of checks. */
    interface Check {
        void run(Script script, Problems problems);
    }
}
