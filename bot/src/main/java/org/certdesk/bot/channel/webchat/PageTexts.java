package org.certdesk.bot.channel.webchat;

import java.util.Locale;
import java.util.Map;

/**
 * What the page says around the chat, in French and English; the chat itself speaks the dialog
 * script's language. {@code PageTextsTests} fails the build when one language misses a key.
 */
final class PageTexts {

    /** The page's language and the locale Web Chat and the bot's welcome get, so all three agree. */
    record Language(String lang, String locale) {}

    static final Map<String, String> FR = Map.of(
            "title", "Assistant certificats – Portail d’entreprise",
            "heading", "« Un certificat est manquant » sur Android ?",
            "intro", "Cet assistant trouve le certificat qui manque à votre téléphone Android pour se connecter au"
                    + " Portail d’entreprise, vous le donne et vous guide pour l’installer.",
            "hosts", "Pour cela, il vérifie les certificats que présentent ces serveurs de connexion de votre entreprise :",
            "hostsNone", "Pour cela, il vérifie les certificats que présentent les serveurs de connexion de votre entreprise.",
            "footer", "certdesk · Vos messages sont enregistrés. Ils sont transmis au support informatique si vous"
                    + " demandez l’aide d’une personne.",
            "connecting", "Connexion à l’assistant…",
            "failed", "L’assistant ne répond pas pour le moment. Rechargez la page dans un instant.",
            "signInRequired", "Connectez-vous pour utiliser l’assistant. La connexion n’est pas encore proposée sur ce"
                    + " serveur : adressez-vous au support informatique.");

    static final Map<String, String> EN = Map.of(
            "title", "Certificate assistant – Company Portal",
            "heading", "“A certificate is missing” on Android?",
            "intro", "This assistant finds the certificate your Android phone is missing to sign in to Company Portal,"
                    + " gives it to you and guides you through installing it.",
            "hosts", "To do so, it checks the certificates presented by these sign-in servers of your company:",
            "hostsNone", "To do so, it checks the certificates presented by your company’s sign-in servers.",
            "footer", "certdesk · Your messages are recorded. They are passed on to the IT helpdesk if you ask for"
                    + " a person’s help.",
            "connecting", "Connecting to the assistant…",
            "failed", "The assistant is not answering right now. Reload the page in a moment.",
            "signInRequired", "Sign in to use the assistant. Sign-in is not offered on this server yet: please contact"
                    + " the IT helpdesk.");

    private PageTexts() {
    }

    /** French for a browser that prefers French, English for every other language. */
    static Language languageOf(String browserLocale) {
        String tag = browserLocale == null ? "" : browserLocale.strip().toLowerCase(Locale.ROOT);
        return tag.equals("fr") || tag.startsWith("fr-") ? new Language("fr", "fr-FR") : new Language("en", "en-US");
    }

    static Map<String, String> in(Language language) {
        return "fr".equals(language.lang()) ? FR : EN;
    }
}
