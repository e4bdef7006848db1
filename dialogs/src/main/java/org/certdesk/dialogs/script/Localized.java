package org.certdesk.dialogs.script;

import java.util.Map;

/**
 * One text written in several languages, keyed by locale ({@code fr}, {@code en}). The text may
 * hold {@code {{variable}}} placeholders (see {@link Template}).
 */
public record Localized(Map<String, String> byLocale, Position at) {

    public Localized {
        byLocale = Ordered.copy(byLocale);
    }

    /** Returns the text for {@code locale}, or {@code null} when it was not translated. */
    public String in(String locale) {
        return byLocale.get(locale);
    }
}
