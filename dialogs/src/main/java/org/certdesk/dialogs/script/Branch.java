package org.certdesk.dialogs.script;

import java.util.Map;

/**
 * Moves on at once, to the case whose key equals the variable's value, else to {@code otherwise}.
 */
public record Branch(String variable, Map<String, Ref> cases, Ref otherwise, Position at) {

    public Branch {
        cases = Ordered.copy(cases);
    }
}
