package org.certdesk.bot.conversation;

import org.certdesk.dialogs.engine.DialogEngine;

/**
 * The script port: the dialog engines of the published scripts, implemented by the script admin
 * (which stores and publishes them), so that the turn loop never imports it.
 */
public interface ScriptSource {

    /** The engine of the version new conversations start. */
    DialogEngine forNewConversation(String scriptId);

    /**
     * The engine of a stored version.
     *
     * @throws IllegalStateException when that version is not stored
     */
    DialogEngine engine(String scriptId, int version);
}
