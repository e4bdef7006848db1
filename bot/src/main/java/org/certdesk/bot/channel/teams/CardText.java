package org.certdesk.bot.channel.teams;

import org.certdesk.bot.system.BilingualText;

/**
 * Every text this channel adds around the engine's messages, in French and English. A locale whose
 * language is French gets French; any other (or none) gets English.
 */
enum CardText implements BilingualText {
    DOWNLOAD("Télécharger", "Download"),
    FINGERPRINT("Empreinte (SHA-256)", "Fingerprint (SHA-256)"),
    FILE("Fichier", "File"),
    /** Fallback text of a choices card; the argument is the option labels. */
    CHOOSE("Choisissez : %s", "Choose: %s"),
    /** Fallback text of a download card; the arguments are the file name and its URL. */
    DOWNLOAD_SUMMARY("Télécharger %s : %s", "Download %s: %s"),
    /** The invoke response to a Universal Action: shown briefly while the turn runs. */
    RECEIVED("Bien reçu.", "Got it."),
    /** The invoke error of a Universal Action without a choice (a card not made by this bot): Teams shows it. */
    NO_CHOICE("Cette action ne porte aucun choix : répondez avec les boutons de la dernière question.",
            "This action carries no choice: answer with the buttons of the latest question.");

    private final String french;
    private final String english;

    CardText(String french, String english) {
        this.french = french;
        this.english = english;
    }

    @Override
    public String french() {
        return french;
    }

    @Override
    public String english() {
        return english;
    }
}
