package org.certdesk.dialogs.engine;

import java.util.Map;

/**
 * Asks the bot to run an action. The bot answers with a {@link UserInput.ActionResult} carrying the
 * same {@code requestId}; a result for an older request (the user restarted meanwhile) is ignored.
 */
public record ActionRequest(String requestId, String name, Map<String, String> arguments) {

    public ActionRequest {
        arguments = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(arguments));
    }
}
