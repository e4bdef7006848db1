package org.certdesk.bot.helpdesk;

import java.util.Locale;

import org.certdesk.bot.system.BilingualText;

/**
 * What the helpdesk says, in French and English: to the employee (in the conversation's language)
 * and to the agents (in {@code certdesk.helpdesk.locale}). {@code {0}}, {@code {1}}: see each text.
 */
enum HelpdeskTexts implements BilingualText {
    /** {0}: case number. */
    CASE_OPENED("Votre demande porte le numéro de dossier {0}. Une personne du support va vous répondre dans"
            + " cette conversation ; d’ici là, je ne réponds plus à sa place. Pour annuler la demande, écrivez"
            + " « annuler ».",
            "Your request is case number {0}. A person from the helpdesk will answer you in this conversation;"
                    + " until then, I won’t answer in their place. To cancel the request, type “cancel”."),
    /** {0}: case number. */
    CANCELLED("D’accord, j’ai annulé la demande n° {0}. Écrivez « recommencer » pour reprendre depuis le début.",
            "OK, I cancelled request {0}. Type “restart” to start again."),
    /** {0}: agent, {1}: case number. */
    TAKEN("{0}, du support, s’occupe de votre demande n° {1}.",
            "{0} from the helpdesk is handling your request {1}."),
    /** {0}: agent, {1}: what the agent wrote. */
    AGENT_SAYS("{0} (support) : {1}", "{0} (helpdesk): {1}"),
    /** {0}: agent, {1}: case number. */
    RESOLVED("{0} a clos votre demande n° {1} : problème résolu. Si cela recommence, écrivez « recommencer ».",
            "{0} closed your request {1} as resolved. If it happens again, type “restart”."),
    /** {0}: agent. */
    RETURNED("{0} me rend la main : je reprends avec vous.",
            "{0} handed you back to me: I’m taking over again."),

    /** {0}: case number, {1}: the reason in words. */
    NOTICE_TITLE("Nouveau dossier n° {0} : {1}", "New case {0}: {1}"),
    NOTICE_EMPLOYEE("Employé", "Employee"),
    NOTICE_ANDROID("Android", "Android"),
    NOTICE_MISSING("Certificats manquants", "Missing certificates"),
    NOTICE_CHANNEL("Canal", "Channel"),
    NOTICE_TAKE("Prendre le dossier", "Take case"),
    UNKNOWN("inconnu", "unknown"),

    REASON_SECOND_CERTIFICATE_MISSING("un deuxième certificat manque", "a second certificate is missing"),
    REASON_SEVERAL_MISSING("plusieurs certificats manquent", "several certificates are missing"),
    REASON_SERVER_PROBLEM("problème du serveur de connexion", "sign-in server problem"),
    REASON_NO_PC("pas de PC pour trouver le certificat", "no PC to find the certificate"),
    REASON_NO_PADLOCK("pas de cadenas dans le navigateur", "no padlock in the browser"),
    REASON_USER_ASKED("l’employé demande une personne", "the employee asked for a person"),
    REASON_NOT_UNDERSTOOD("le bot n’a pas compris l’employé", "the bot did not understand the employee"),
    REASON_LOOKUP_FAILED("certificat introuvable par son nom", "certificate not found by its name"),

    // The analyzer's verdicts (org.certdesk.analyzer.ProblemCode), as an agent reads them in the console.
    VERDICT_OK("rien n’empêche ce téléphone de faire confiance au serveur",
            "nothing stops this phone from trusting the server"),
    VERDICT_UNREACHABLE("serveur injoignable", "server unreachable"),
    VERDICT_REFUSED_ADDRESS("adresse privée ou locale, non analysée", "private or local address, not analysed"),
    VERDICT_NOT_TLS("le serveur ne répond pas en TLS", "the server does not answer with TLS"),
    VERDICT_EXPIRED("certificat expiré", "certificate expired"),
    VERDICT_NOT_YET_VALID("certificat pas encore valide (ou horloge fausse)",
            "certificate not valid yet (or a wrong clock)"),
    VERDICT_HOSTNAME_MISMATCH("le certificat ne porte pas le nom du serveur",
            "the certificate does not name the server"),
    VERDICT_WEAK_SIGNATURE("signature faible (SHA-1 ou MD5)", "weak signature (SHA-1 or MD5)"),
    VERDICT_INVALID_CHAIN("chaîne invalide pour Android", "chain invalid for Android"),
    VERDICT_UNTRUSTED_ROOT("racine inconnue d’Android (privée ou inspection TLS)",
            "root no Android trusts (private or TLS inspection)"),
    VERDICT_ROOT_MISSING_ON_THIS_ANDROID("racine absente de cette version d’Android",
            "root missing on this Android version"),
    VERDICT_INCOMPLETE_CHAIN("chaîne incomplète : le serveur omet des certificats intermédiaires",
            "incomplete chain: the server omits intermediate certificates"),
    VERDICT_WRONG_ORDER("certificats envoyés dans le désordre", "certificates sent out of order"),
    VERDICT_EXTRA_CERTIFICATES("certificats superflus envoyés", "extra certificates sent");

    private final String fr;
    private final String en;

    HelpdeskTexts(String fr, String en) {
        this.fr = fr;
        this.en = en;
    }

    @Override
    public String french() {
        return fr;
    }

    @Override
    public String english() {
        return en;
    }

    @Override
    public String format(String locale, Object... arguments) {
        // Plain substitution rather than MessageFormat's: apostrophes and braces typed by people stay as typed.
        String text = in(locale);
        for (int i = 0; i < arguments.length; i++) {
            text = text.replace("{" + i + "}", String.valueOf(arguments[i]));
        }
        return text;
    }

    /** An escalation reason in words; the code itself when it is not one the script knows. */
    static String reason(String reason, String locale) {
        return coded("REASON_", reason, locale);
    }

    /**
     * The analyzer's verdict in words; the code itself when it is one this release does not know
     * (an analyzer newer than the bot), and null without a verdict (a case that never analyzed).
     */
    static String verdict(String verdict, String locale) {
        return coded("VERDICT_", verdict, locale);
    }

    private static String coded(String prefix, String code, String locale) {
        if (code == null) {
            return null;
        }
        try {
            return valueOf(prefix + code.toUpperCase(Locale.ROOT)).in(locale);
        } catch (IllegalArgumentException e) {
            return code;
        }
    }
}
