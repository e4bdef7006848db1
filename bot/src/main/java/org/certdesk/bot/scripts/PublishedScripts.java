package org.certdesk.bot.scripts;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.github.benmanes.caffeine.cache.Cache;
import org.certdesk.bot.conversation.ScriptSource;
import org.certdesk.bot.shared.Caches;
import org.certdesk.dialogs.action.Catalogue;
import org.certdesk.dialogs.engine.DialogEngine;
import org.certdesk.dialogs.load.DefaultScripts;
import org.certdesk.dialogs.load.ScriptLoader;
import org.certdesk.dialogs.script.Script;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The script versions the engine runs, from the database. New conversations take the published
 * version, read again at most one second after it was last read, so a publish on any instance
 * reaches every instance within a second; a running conversation asks for the version its state
 * records. Versions never change once stored, so their engines are cached for as long as memory
 * allows. On the very first start the shipped scripts are stored as published by "system".
 *
 * <p>A stored version is loaded with today's linter and catalogue, which a newer bot may have made
 * stricter; publish and rollback refuse what does not load, but a database written by an older bot
 * may still publish such a version. Then new conversations take the newest stored version that does
 * load (logged as an ERROR once), so the bot keeps answering while an admin publishes a fix; if none
 * loads, the shipped default is stored as a new version, unpublished, and taken instead.
 */
@Component
public class PublishedScripts implements ScriptSource {
    private static final Logger log = LoggerFactory.getLogger(PublishedScripts.class);
    static final String SYSTEM = "system";

    private final ScriptStore store;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final ScriptLoader loader;
    private final Catalogue catalogue = Catalogue.standard();
    private final Cache<String, Integer> publishedVersions = Caches.inline()
            .expireAfterWrite(Duration.ofSeconds(1)).build();
    private final Cache<String, DialogEngine> engines = Caches.inline().maximumSize(64).build();
    /** Versions ("id@version") found not to load: reported once, not linted again every second. */
    private final Set<String> broken = ConcurrentHashMap.newKeySet();

    PublishedScripts(ScriptStore store, TransactionTemplate transaction, Clock clock) {
        this.store = store;
        this.transaction = transaction;
        this.clock = clock;
        this.loader = new ScriptLoader(catalogue);
        for (String id : DefaultScripts.ids()) {
            storeDefault(id, transaction, clock);
        }
        // At start-up, so that a published version that no longer loads is in the log at once.
        for (ScriptStore.ScriptInfo script : store.scripts()) {
            try {
                runnableVersion(script.id());
            } catch (IllegalStateException e) {
                log.error("script {}: new conversations of this script will fail: {}", script.id(), e.getMessage());
            }
        }
    }

    /** Stores the shipped script {@code id} unless it is stored already (by us, or an instance racing us). */
    private void storeDefault(String id, TransactionTemplate transaction, Clock clock) {
        if (store.publishedVersion(id).isPresent()) {
            return;
        }
        // A shipped script that does not lint stops the start.
        Script script = DefaultScripts.load(id, loader).orElseThrow();
        try {
            transaction.executeWithoutResult(status -> {
                store.createScript(id, script.version(), clock.instant());
                store.addVersion(id, script.version(), DefaultScripts.yaml(id), SYSTEM, "shipped default", clock.instant());
                store.audit(clock.instant(), SYSTEM, null, "seed", id, script.version(), "shipped default");
            });
            log.info("script {} v{}: stored the shipped default as the published version", id, script.version());
        } catch (DuplicateKeyException e) {
            log.info("script {}: another instance stored the shipped default first", id);
        }
    }

    /** The engine of the version of {@code scriptId} that new conversations start. */
    @Override
    public DialogEngine forNewConversation(String scriptId) {
        return engine(scriptId, publishedVersions.get(scriptId, this::runnableVersion));
    }

    /** The published version if it loads, else the fallback described on the class. */
    private int runnableVersion(String scriptId) {
        int published = store.publishedVersion(scriptId)
                .orElseThrow(() -> new IllegalStateException("no script '" + scriptId + "' is stored"));
        if (loads(scriptId, published)) {
            return published;
        }
        for (ScriptStore.VersionInfo stored : store.versions(scriptId)) { // newest first
            if (loads(scriptId, stored.version())) {
                return stored.version();
            }
        }
        return storeShippedDefault(scriptId).orElseThrow(() -> new IllegalStateException(
                "no stored version of script '" + scriptId + "' loads, and no shipped default replaces it"));
    }

    private boolean loads(String scriptId, int version) {
        String key = scriptId + "@" + version;
        if (broken.contains(key)) {
            return false;
        }
        try {
            engine(scriptId, version);
            return true;
        } catch (IllegalStateException e) {
            broken.add(key);
            log.error("script {} v{} does not load with this bot's linter and actions; new conversations take the"
                    + " newest stored version that does until an admin publishes a fix: {}", scriptId, version,
                    e.getMessage());
            return false;
        }
    }

    /** When nothing stored loads: the shipped text as the next version, not published (an admin decides). */
    private Optional<Integer> storeShippedDefault(String scriptId) {
        if (!DefaultScripts.ids().contains(scriptId)) {
            return Optional.empty();
        }
        // A transaction of its own: reached from a turn, whose rollback must not take the stored
        // version away while its number is already cached for new conversations.
        TransactionTemplate own = new TransactionTemplate(transaction.getTransactionManager());
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        return Optional.ofNullable(own.execute(status -> {
            store.lockPublishedVersion(scriptId);
            int next = store.latestVersion(scriptId) + 1;
            store.addVersion(scriptId, next, ScriptText.withVersion(DefaultScripts.yaml(scriptId), next), SYSTEM,
                    "shipped default: no stored version loads", clock.instant());
            store.audit(clock.instant(), SYSTEM, null, "seed", scriptId, next, "shipped default: no stored version loads");
            log.error("script {}: no stored version loads; stored the shipped default as v{} for new conversations",
                    scriptId, next);
            return next;
        }));
    }

    /**
     * The engine of a stored version.
     *
     * @throws IllegalStateException when that version is not stored or no longer lints
     */
    @Override
    public DialogEngine engine(String scriptId, int version) {
        return engines.get(scriptId + "@" + version, key -> {
            String yaml = store.yaml(scriptId, version).orElseThrow(
                    () -> new IllegalStateException("script " + scriptId + " v" + version + " is not stored"));
            Script script = loader.load(scriptId + ".yaml", yaml).orElseThrow();
            // A conversation records the number its script says: it must be the one it is stored under.
            if (script.version() != version) {
                throw new IllegalStateException("script " + scriptId + " v" + version + " says it is version "
                        + script.version());
            }
            return new DialogEngine(script, catalogue);
        });
    }

    /** Called after a publish or rollback on this instance: no need to wait for the second to pass here. */
    void published(String scriptId) {
        publishedVersions.invalidate(scriptId);
    }

    ScriptLoader loader() {
        return loader;
    }

    Catalogue catalogue() {
        return catalogue;
    }
}
