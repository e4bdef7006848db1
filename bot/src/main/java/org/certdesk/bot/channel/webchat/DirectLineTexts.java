package org.certdesk.bot.channel.webchat;

import org.certdesk.bot.system.BilingualText;

/**
 * The Direct Line endpoint's refusals, in French and English: the {@code detail} of its problem JSON
 * ({@link DirectLineErrors} chooses the language from the request). Arguments are filled in with
 * {@link String#format}.
 */
enum DirectLineTexts implements BilingualText {
    BAD_WATERMARK("Le watermark doit être un nombre renvoyé par une lecture précédente.",
            "The watermark must be a number returned by an earlier poll."),
    /** The argument is the expiry (an instant). */
    TOKEN_EXPIRED("Le jeton Direct Line a expiré le %s. Rechargez la page pour commencer une nouvelle conversation.",
            "The Direct Line token expired at %s. Reload the page to start a new conversation."),
    /** The argument is the conversation id asked for. */
    TOKEN_OF_ANOTHER_CONVERSATION("Le jeton Direct Line est celui d’une autre conversation que %s.",
            "The Direct Line token is for another conversation than %s."),
    NO_TOKEN("Aucun jeton Direct Line : envoyez « Authorization: Bearer <jeton> » avec un jeton obtenu par"
            + " POST /v3/directline/tokens/generate.",
            "No Direct Line token: send 'Authorization: Bearer <token>' with a token from"
            + " POST /v3/directline/tokens/generate."),
    NOT_BEARER("L’en-tête Authorization doit être « Bearer <jeton> ».",
            "The Authorization header must be 'Bearer <token>'."),
    INVALID_TOKEN("Ce jeton n’est pas un jeton Direct Line de ce serveur.",
            "The token is not a Direct Line token of this server."),
    NO_TYPE("L’activité n’a pas de \"type\" : envoyez {\"type\": \"message\", \"text\": ...}.",
            "The activity has no \"type\": send {\"type\": \"message\", \"text\": ...}."),
    /** The argument is the type received, shortened. */
    WRONG_TYPE("Les activités de type \"%s\" ne sont pas acceptées ici, seulement \"message\".",
            "Activities of type \"%s\" are not accepted here, only \"message\"."),
    NO_TEXT_NOR_CHOICE("Le message n’a ni \"text\" ni \"value\" de choix.",
            "The message has neither a \"text\" nor a choice \"value\"."),
    /** The argument is the limit. */
    CHOICE_TOO_LONG("La valeur du choix dépasse %d caractères.", "The choice value is longer than %d characters."),
    /** The argument is the field's name. */
    NOT_A_STRING("\"%s\" doit être une chaîne de caractères.", "\"%s\" must be a string."),
    /** The arguments are the field's name and the limit. */
    FIELD_TOO_LONG("\"%s\" dépasse %d caractères.", "\"%s\" is longer than %d characters."),
    SIGN_IN_REQUIRED("Il faut se connecter pour discuter (certdesk.webchat.require-sign-in), et cette requête"
            + " n’est pas connectée.",
            "Sign-in is required to chat (certdesk.webchat.require-sign-in), and this request is not signed in."),
    NOT_THE_CONVERSATIONS_USER("Seul l’utilisateur connecté pour qui cette conversation a été ouverte peut"
            + " renouveler son jeton (certdesk.webchat.require-sign-in).",
            "Only the signed-in user this conversation was opened for may refresh its token"
            + " (certdesk.webchat.require-sign-in)."),
    /** The argument is the limit a minute. */
    TOO_MANY_CONVERSATIONS("Trop de nouvelles conversations depuis cette adresse : %d par minute au plus"
            + " (certdesk.webchat.conversations-per-minute).",
            "Too many new conversations from this address: at most %d a minute"
            + " (certdesk.webchat.conversations-per-minute)."),
    /** The argument is the limit in bytes. */
    TOO_LARGE("L’activité dépasse la limite de %d octets.", "The activity is larger than the limit of %d bytes."),
    EMPTY_BODY("Le corps de la requête est vide : une activité JSON est attendue.",
            "The request body is empty: a JSON activity is expected."),
    /** The argument is the parser's message (in English). */
    NOT_JSON("Le corps de la requête n’est pas du JSON valide : %s.", "The request body is not valid JSON: %s."),
    /** The arguments are the parser's message (in English), the line and the column. */
    NOT_JSON_AT("Le corps de la requête n’est pas du JSON valide : %s (ligne %d, colonne %d).",
            "The request body is not valid JSON: %s (line %d, column %d)."),
    /** The argument is the JSON type received (array, string…). */
    NOT_AN_OBJECT("Le corps de la requête doit être un objet JSON, pas %s.",
            "The request body must be a JSON object, not %s."),
    /** The argument is the conversation id. */
    NO_CONVERSATION("Il n’y a pas de conversation de web chat %s.", "No web chat conversation %s."),
    NOT_RECORDED("Le message n’a pas pu être enregistré ; rien n’a été gardé. Réessayez.",
            "The message could not be recorded; nothing was kept. Try again.");

    private final String french;
    private final String english;

    DirectLineTexts(String french, String english) {
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
