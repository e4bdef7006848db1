package org.certdesk.bot.scripts;

import java.util.List;

/** A script id that is not stored: the admin API answers 404 and names the ids that are. */
class UnknownScriptException extends RuntimeException {
    private final List<String> known;

    UnknownScriptException(String scriptId, List<String> known) {
        super("No script '" + scriptId + "'.", null, false, false);
        this.known = List.copyOf(known);
    }

    List<String> known() {
        return known;
    }
}
