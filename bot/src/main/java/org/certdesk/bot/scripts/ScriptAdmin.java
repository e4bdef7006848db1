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
     * @throws UnknownScriptException when no script {@code scriptId} is stored: the bot runs only the
     *     scripts it ships, so a new id would be a script nobody talks to
     */
    int publish(String scriptId, String yaml, Change change) {
        Integer version = transaction.execute(status -> {
            store.lockPublishedVersion(scriptId).orElseThrow(() -> unknown(scriptId));
            int next = store.latestVersion(scriptId) + 1;
            String text = ScriptText.withVersion(yaml, next);
            check(scriptId, text, next);
            store.addVersion(scriptId, next, text, change.who(), change.comment(), clock.instant());
            store.publish(scriptId, next, clock.instant());
            store.audit(clock.instant(), change.who(), change.address(), "publish", scriptId, next, change.comment());
            return next;
        });
        published.published(scriptId);
        return version;
    }

    /**
     * Publishes stored version {@code version} again, once it passes today's linter and catalogue: a
     * version stored under an older one may no longer load, and publishing it would make every new
     * conversation fail. A refused rollback changes nothing and, like a refused publish, is not in the
     * audit log (which records changes).
     *
     * @return false when there is no such version
     * @throws ScriptRejectedException when that version no longer lints; nothing changed
     */
    boolean rollback(String scriptId, int version, Change change) {
        Boolean done = transaction.execute(status -> {
            Optional<Integer> current = store.lockPublishedVersion(scriptId);
            Optional<String> yaml = store.yaml(scriptId, version);
            if (current.isEmpty() || yaml.isEmpty()) {
                return false;
            }
            check(scriptId, yaml.get(), version);
            store.publish(scriptId, version, clock.instant());
            store.audit(clock.instant(), change.who(), change.address(), "rollback", scriptId, version,
                    "from v" + current.get() + (change.comment() == null ? "" : ": " + change.comment()));
            return true;
        });
        published.published(scriptId);
        return Boolean.TRUE.equals(done);
    }

    private UnknownScriptException unknown(String scriptId) {
        return new UnknownScriptException(scriptId, store.scripts().stream().map(ScriptStore.ScriptInfo::id).toList());
    }

    /**
     * Refuses {@code yaml} unless it lints and, once loaded, says it is version {@code version}: a text
     * whose version the server could not rewrite (written {@code "version": 3} or in a flow mapping)
     * would start conversations that record another number, and later run another stored text.
     */
    private void check(String scriptId, String yaml, int version) {
        List<Problem> problems = problems(scriptId, yaml);
        if (problems.isEmpty()) {
            int loaded = published.loader().load(scriptId + ".yaml", yaml).orElseThrow().version();
            if (loaded != version) {
                problems = List.of(new Problem(scriptId + ".yaml", ScriptText.versionLine(yaml), 1,
                        "the server numbers versions and this one will be version " + version + ", but the script says "
                                + loaded + ": write the version as a top-level line of its own, 'version: " + version
                                + "' (not quoted, not inside { }), so the server can set it"));
            }
        }
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
