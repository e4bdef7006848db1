package org.certdesk.bot.channel.webhook;

import org.certdesk.bot.system.BilingualText;

/**
 * Every text this channel adds around the engine's messages, in French and English. A locale whose
 * language is French gets French; any other (or none) gets English. Arguments are plain text.
 */
enum WebhookTexts implements BilingualText {
    /** Before the labels of a choice: a webhook message has no buttons. The argument is the webhook's name. */
    REPLY_WITH("Répondez en mentionnant @%s, suivi de l’une de ces réponses :", "Reply with @%s and one of:"),
    /** A fact as a line: label, value. */
    FACT("%s : %s", "%s: %s"),
    /** Before the download link. */
    DOWNLOAD("Télécharger :", "Download:"),
    /** Under the download link; the argument is the fingerprint as Android shows it. */
    FINGERPRINT("Empreinte SHA-256 : %s", "SHA-256 fingerprint: %s"),
    /** The analyzer is still running when Teams' 5 seconds are nearly up. */
    CHECKING("Je vérifie les certificats, mentionnez-moi à nouveau dans un instant pour avoir le résultat.",
            "I’m checking the certificates, mention me again in a moment for the result."),
    /** The replies are not all there in time, for another reason (a busy server). */
    NOT_DONE("Je n’ai pas encore fini, mentionnez-moi à nouveau dans un instant pour avoir la suite.",
            "I’m not done yet, mention me again in a moment for the rest."),
    /** A mention that brought nothing to say (a repeated delivery of one already answered). */
    NOTHING_NEW("Je n’ai rien de nouveau pour l’instant.", "Nothing new for now.");

    private final String french;
    private final String english;

    WebhookTexts(String french, String english) {
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
