package org.certdesk.dialogs.script;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Unmodifiable copies that keep the order things were written in. {@code Map.copyOf} would
 * iterate in an order that changes from one JVM run to the next, and the engine and the linter
 * promise the same output for the same input.
 */
final class Ordered {

    private Ordered() {
    }

    static <K, V> Map<K, V> copy(Map<K, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
