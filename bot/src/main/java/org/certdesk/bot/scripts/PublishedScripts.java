package org.certdesk.bot.scripts;

import java.time.Clock;
import java.time.Duration;

import org.certdesk.dialogs.action.Catalogue;
import org.certdesk.dialogs.engine.DialogEngine;
import org.certdesk.dialogs.load.DefaultScripts;
import org.certdesk.dialogs.load.ScriptLoader;
import org.certdesk.dialogs.script.Script;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The script versions the engine runs, from the database. New conversations take the published
 * version, read again at most one second after it was last read, so a publish on any instance
 * reaches every instance within a second; a running conversation asks for the version its state
 * records. Versions never change once stored, so their engines are cached for as long as memory
 * allows. On the very first start the shipped scripts are stored as published by "system".
 */
@Component
public class PublishedScripts {
    private static final Logger log = LoggerFactory.getLogger(PublishedScripts.class);
    static final String SYSTEM = "system";

    private final ScriptStore store;
    private final ScriptLoader loader;
    private final Catalogue catalogue = Catalogue.standard();
    private final Cache<String, Integer> publishedVersions = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofSeconds(1)).build();
    private final Cache<String, DialogEngine> engines = Caffeine.newBuilder().maximumSize(64).build();

    PublishedScripts(ScriptStore store, TransactionTemplate transaction, Clock clock) {
        this.store = store;
        this.loader = new ScriptLoader(catalogue);
        for (String id : DefaultScripts.ids()) {
            storeDefault(id, transaction, clock);
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
    public DialogEngine forNewConversation(String scriptId) {
        Integer version = publishedVersions.get(scriptId, id -> store.publishedVersion(id)
                .orElseThrow(() -> new IllegalStateException("no script '" + id + "' is stored")));
        return engine(scriptId, version);
    }

    /**
     * The engine of a stored version.
     *
     * @throws IllegalStateException when that version is not stored or no longer lints
     */
    public DialogEngine engine(String scriptId, int version) {
        return engines.get(scriptId + "@" + version, key -> {
            String yaml = store.yaml(scriptId, version).orElseThrow(
                    () -> new IllegalStateException("script " + scriptId + " v" + version + " is not stored"));
            return new DialogEngine(loader.load(scriptId + ".yaml", yaml).orElseThrow(), catalogue);
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
