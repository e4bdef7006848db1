package org.certdesk.bot.conversation;

import java.util.HashMap;
import java.util.Map;

import org.certdesk.dialogs.action.Catalogue;
import org.certdesk.dialogs.engine.ConversationState;
import org.certdesk.dialogs.engine.DialogEngine;
import org.certdesk.dialogs.load.DefaultScripts;
import org.certdesk.dialogs.load.ScriptLoader;
import org.certdesk.dialogs.script.Script;
import org.springframework.stereotype.Component;

/**
 * One engine per script version. New conversations start the shipped default script; a stored
 * conversation gets the engine of the script and version it started with, so publishing a new
 * version never changes a running conversation. (The admin script editor will register the
 * versions it publishes here.)
 */
@Component
class DialogEngines {
    private final Map<String, DialogEngine> byVersion = new HashMap<>();
    private final DialogEngine current;

    DialogEngines() {
        ScriptLoader loader = ScriptLoader.standard();
        for (String id : DefaultScripts.ids()) {
            register(DefaultScripts.load(id, loader).orElseThrow()); // a shipped script that does not lint stops the start
        }
        current = byVersion.values().stream()
                .filter(e -> e.script().id().equals(DefaultScripts.ANDROID_MISSING_CERTIFICATE))
                .max(java.util.Comparator.comparingInt(e -> e.script().version()))
                .orElseThrow();
    }

    private void register(Script script) {
        byVersion.put(script.id() + "@" + script.version(), new DialogEngine(script, Catalogue.standard()));
    }

    /** The engine new conversations start. */
    DialogEngine forNewConversation() {
        return current;
    }

    /**
     * The engine of the script version {@code state} runs.
     *
     * @throws IllegalStateException when that version is not loaded
     */
    DialogEngine of(ConversationState state) {
        DialogEngine engine = byVersion.get(state.scriptId() + "@" + state.scriptVersion());
        if (engine == null) {
            throw new IllegalStateException("script " + state.scriptId() + " v" + state.scriptVersion() + " is not loaded");
        }
        return engine;
    }
}
