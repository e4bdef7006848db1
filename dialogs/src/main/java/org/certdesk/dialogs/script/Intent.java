package org.certdesk.dialogs.script;

import java.util.Map;

/** Free text without a button: typing one of {@code phrases} sets {@code set} and moves to {@code next}. */
public record Intent(String id, Phrases phrases, Map<String, String> set, Ref next, Position at) {

    public Intent {
        set = Ordered.copy(set);
    }
}
