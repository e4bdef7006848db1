package org.certdesk.analyzer;

import java.util.Locale;
import java.util.Objects;

/** A text in the two languages users read: French and English. */
public record LocalizedText(String fr, String en) {
    public LocalizedText {
        Objects.requireNonNull(fr, "fr");
        Objects.requireNonNull(en, "en");
    }

    /** The French text for a French locale, else the English one. */
    public String in(Locale locale) {
        return locale != null && locale.getLanguage().equals("fr") ? fr : en;
    }

    public String in(String language) {
        return "fr".equalsIgnoreCase(language) ? fr : en;
    }
}
