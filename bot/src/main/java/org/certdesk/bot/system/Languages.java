package org.certdesk.bot.system;

import java.util.Locale;

/**
 * The one rule for "French or English": every text the service writes exists in both, and French is
 * chosen for any French locale (fr, fr-FR, fr_CA…), English for everything else, unknown included.
 */
public final class Languages {
    private Languages() {}

    /** @param languageTag a BCP 47 tag or a Java locale name ({@code fr-FR}, {@code fr_FR}, {@code fr}), or null */
    public static boolean isFrench(String languageTag) {
        return languageTag != null && "fr".equals(Locale.forLanguageTag(languageTag.replace('_', '-')).getLanguage());
    }

    public static boolean isFrench(Locale locale) {
        return locale != null && "fr".equals(locale.getLanguage());
    }
}
