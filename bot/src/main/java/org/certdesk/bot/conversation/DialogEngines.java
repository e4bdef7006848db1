package org.certdesk.bot.conversation;

import org.certdesk.dialogs.engine.ConversationState;
import org.certdesk.dialogs.engine.DialogEngine;
import org.certdesk.dialogs.load.DefaultScripts;
import org.springframework.stereotype.Component;

/**
 * The engine of each turn. New conversations start the published version of the script (an admin's
 * publish reaches them within a second, on every instance); a stored conversation gets the engine of
 * the script and version it started with, so publishing a new version never changes a running
 * conversation.
 */
@Component
class DialogEngines {
    private final ScriptSource scripts;

    DialogEngines(ScriptSource scripts) {
        this.scripts = scripts;
    }

    /** The engine new conversations start. */
    DialogEngine forNewConversation() {
        return scripts.forNewConversation(DefaultScripts.ANDROID_MISSING_CERTIFICATE);
    }

    /**
     * The engine of the script version {@code state} runs.
     *
     * @throws IllegalStateException when that version is not stored
     */
    DialogEngine of(ConversationState state) {
        return scripts.engine(state.scriptId(), state.scriptVersion());
    }
}
