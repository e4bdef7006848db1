package org.certdesk.bot.scripts;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.certdesk.dialogs.lint.Problem;
import org.certdesk.dialogs.load.LoadResult;
import org.certdesk.dialogs.script.Script;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishing and rolling back, each in one transaction with its audit entry. A publish stores a new
 * version (the next number, see {@link ScriptText}) and makes it the published one at once; a
 * rollback makes an older stored version the published one again, without copying it, so the history
 * keeps one row per text ever written and the audit log says who went back when.
 */
@Service
class ScriptAdmin {
    /** Script ids as the linter accepts them (kebab case), so a path never names a script no file could. */
    static final Pattern SCRIPT_ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    static final int MAX_COMMENT = 1000;

    private final ScriptStore store;
    private final PublishedScripts published;
    private final TransactionTemplate transaction;
    private final Clock clock;

    ScriptAdmin(ScriptStore store, PublishedScripts published, TransactionTemplate transaction, Clock clock) {
        this.store = store;
        this.published = published;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** Who did it, from where, why: what the audit log records with each change. */
    record Change(String who, String address, String comment) {
        Change {
            comment = comment == null || comment.isBlank() ? null : comment.strip();
            if (comment != null && comment.length() > MAX_COMMENT) {
                comment = comment.substring(0, MAX_COMMENT);
            }
        }
    }

    /**
     * Lints {@code yaml} as version {@code next} of {@code scriptId} would be, and stores and publishes it.
     *
     * @return the new version's number
     * @throws ScriptRejectedException when it does not lint (or names another script); nothing is stored
     */
    int publish(String scriptId, String yaml, Change change) {
        Integer version = transaction.execute(status -> {
            Optional<Integer> current = store.lockPublishedVersion(scriptId);
            int next = current.isPresent() ? store.latestVersion(scriptId) + 1 : 1;
            String text = ScriptText.withVersion(yaml, next);
            check(scriptId, text);
            if (current.isEmpty()) {
                store.createScript(scriptId, next, clock.instant());
            }
            store.addVersion(scriptId, next, text, change.who(), change.comment(), clock.instant());
            store.publish(scriptId, next, clock.instant());
            store.audit(clock.instant(), change.who(), change.address(), "publish", scriptId, next, change.comment());
            return next;
        });
        published.published(scriptId);
        return version;
    }

    /**
     * Publishes stored version {@code version} again.
     *
     * @return false when there is no such version
     */
    boolean rollback(String scriptId, int version, Change change) {
        Boolean done = transaction.execute(status -> {
            Optional<Integer> current = store.lockPublishedVersion(scriptId);
            if (current.isEmpty() || store.yaml(scriptId, version).isEmpty()) {
                return false;
            }
            store.publish(scriptId, version, clock.instant());
            store.audit(clock.instant(), change.who(), change.address(), "rollback", scriptId, version,
                    "from v" + current.get() + (change.comment() == null ? "" : ": " + change.comment()));
            return true;
        });
        published.published(scriptId);
        return Boolean.TRUE.equals(done);
    }

    private void check(String scriptId, String yaml) {
        List<Problem> problems = problems(scriptId, yaml);
        if (!problems.isEmpty()) {
            throw new ScriptRejectedException(problems);
        }
    }

    /** The linter's problems with {@code yaml}; a script must also carry the id it is stored under. */
    List<Problem> problems(String scriptId, String yaml) {
        LoadResult result = published.loader().load(scriptId + ".yaml", yaml);
        List<Problem> problems = new ArrayList<>(result.problems());
        if (result instanceof LoadResult.Loaded loaded) {
            Script script = loaded.script();
            if (!scriptId.equals(script.id())) {
                problems.add(new Problem(scriptId + ".yaml", ScriptText.idLine(yaml), 1, "the script's id is '"
                        + script.id() + "' but it is published as '" + scriptId + "': make them the same"));
            }
        }
        return problems;
    }
}
