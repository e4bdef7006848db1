package org.certdesk.bot.channel.teams;

import java.util.Locale;

import org.certdesk.bot.system.Languages;

/**
 * Every text this channel adds around the engine's messages, in French and English. A locale whose
 * language is French gets French; any other (or none) gets English.
 */
enum CardText {
    DOWNLOAD("Télécharger", "Download"),
    FINGERPRINT("Empreinte (SHA-256)", "Fingerprint (SHA-256)"),
    FILE("Fichier", "File"),
    /** Fallback text of a choices card; the argument is the option labels. */
    CHOOSE("Choisissez : %s", "Choose: %s"),
    /** Fallback text of a download card; the arguments are the file name and its URL. */
    DOWNLOAD_SUMMARY("Télécharger %s : %s", "Download %s: %s"),
    /** The invoke response to a Universal Action: shown briefly while the turn runs. */
    RECEIVED("Bien reçu.", "Got it.");

    private final String french;
    private final String english;

    CardText(String french, String english) {
        this.french = french;
        this.english = english;
    }

    /** The text in {@code languageTag}'s language ({@code fr-FR}, {@code fr}, {@code en-US}, null…). */
    String in(String languageTag) {
        return Languages.isFrench(languageTag) ? french : english;
    }

    /** The text in {@code languageTag}'s language with {@code args} filled in. */
    String format(String languageTag, Object... args) {
        return String.format(Languages.isFrench(languageTag) ? Locale.FRENCH : Locale.ENGLISH, in(languageTag), args);
    }

    String french() {
        return french;
    }

    String english() {
        return english;
    }

}
