package org.certdesk.dialogs.script;

import java.util.Map;

/**
 * A button: pressing it (or typing its label or one of its phrases) sets {@code set} variables and
 * moves to {@code next}.
 */
public record Choice(String id, Localized label, Phrases phrases, Map<String, String> set, Ref next,
        Position at) {

    public Choice {
        set = Ordered.copy(set);
    }
}
