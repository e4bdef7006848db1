package org.certdesk.bot.system;

import java.util.Locale;

/**
 * A text the service writes, in French and English. A feature's texts are an enum implementing this,
 * so that choosing the language ({@link Languages}) and filling in the arguments is written once.
 */
public interface BilingualText {

    String french();

    String english();

    /** The text in {@code languageTag}'s language ({@code fr-FR}, {@code fr}, {@code en-US}, null…). */
    default String in(String languageTag) {
        return Languages.isFrench(languageTag) ? french() : english();
    }

    /** The text in {@code languageTag}'s language with {@code args} filled in ({@link String#format}). */
    default String format(String languageTag, Object... args) {
        return String.format(Languages.isFrench(languageTag) ? Locale.FRENCH : Locale.ENGLISH, in(languageTag), args);
    }
}
