package org.certdesk.dialogs.script;

import java.util.List;
import java.util.Map;

/**
 * What a user may type to mean something, per locale: keywords, phrases and synonyms. Matching is
 * case-, accent- and order-insensitive and tolerates small typos (see the engine).
 */
public record Phrases(Map<String, List<String>> byLocale, Position at) {

    public static final Phrases NONE = new Phrases(Map.of(), Position.NONE);

    public Phrases {
        var copy = new java.util.LinkedHashMap<String, List<String>>();
        byLocale.forEach((locale, phrases) -> copy.put(locale, List.copyOf(phrases)));
        byLocale = java.util.Collections.unmodifiableMap(copy);
    }

    /** Returns the phrases for {@code locale}, empty when none were written. */
    public List<String> in(String locale) {
        return byLocale.getOrDefault(locale, List.of());
    }
}
