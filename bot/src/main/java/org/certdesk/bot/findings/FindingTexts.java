package org.certdesk.bot.findings;

import java.util.Locale;

import org.certdesk.bot.system.Languages;

/**
 * What findings say, in French and English: to the helpdesk's Teams channel (in
 * {@code certdesk.helpdesk.locale}) and to the employee who meets one (in the conversation's
 * language). {@code {0}}, {@code {1}}: see each text.
 */
enum FindingTexts {
    /** {0}: finding number, {1}: host, {2}: the problem in words. */
    OPENED_TITLE("Constat serveur n° {0} : {1} — {2}", "Server finding {0}: {1} — {2}"),
    /** {0}: finding number, {1}: host, {2}: the problem in words. */
    CLOSED_TITLE("Constat serveur n° {0} clos : {1} — {2} n’est plus constaté", "Server finding {0} closed: {1} — {2} is no longer seen"),
    SERVER("Serveur", "Server"),
    CERTIFICATE("Certificat", "Certificate"),
    ANDROID("Android concernés", "Android releases affected"),
    EMPLOYEES("Employés concernés", "Employees affected"),
    FIX("Correctif", "Fix"),
    OPEN_PAGE("Voir les constats", "See the findings"),
    /** {0}: host, {1}: finding number. Said to the employee whose analysis met an open finding. */
    EMPLOYEE_NOTE("Bon à savoir : l’équipe informatique connaît déjà ce problème du serveur de connexion {0}"
            + " (constat n° {1}) et le corrige pour tout le monde.",
            "Good to know: the IT team already knows about this problem with the sign-in server {0}"
                    + " (finding {1}) and is fixing it for everyone."),
    /** On the helpdesk's card of a case whose employee met findings. {0}: the numbers. */
    CASE_FACT("Constat serveur", "Server finding"),

    CODE_INCOMPLETE_CHAIN("certificat intermédiaire non envoyé", "intermediate certificate not sent"),
    CODE_ROOT_MISSING_ON_THIS_ANDROID("racine absente de certaines versions d’Android",
            "root missing on some Android releases"),
    CODE_UNTRUSTED_ROOT("racine privée ou d’inspection TLS", "private or TLS-inspection root"),
    CODE_EXPIRED("certificat expiré", "certificate expired"),
    CODE_EXPIRES_SOON("certificat bientôt expiré", "certificate expiring soon"),
    CODE_NOT_YET_VALID("certificat pas encore valide", "certificate not valid yet"),
    CODE_HOSTNAME_MISMATCH("le certificat ne porte pas le nom du serveur", "the certificate does not name the server"),
    CODE_WEAK_SIGNATURE("signature faible (SHA-1 ou MD5)", "weak signature (SHA-1 or MD5)"),
    CODE_INVALID_CHAIN("chaîne refusée par Android", "chain Android rejects");

    private final String fr;
    private final String en;

    FindingTexts(String fr, String en) {
        this.fr = fr;
        this.en = en;
    }

    String in(String locale) {
        return Languages.isFrench(locale) ? fr : en;
    }

    String format(String locale, Object... arguments) {
        String text = in(locale);
        for (int i = 0; i < arguments.length; i++) {
            text = text.replace("{" + i + "}", String.valueOf(arguments[i]));
        }
        return text;
    }

    /** A finding's code in words; the code itself for one this release does not know. */
    static String code(String code, String locale) {
        try {
            return valueOf("CODE_" + code.toUpperCase(Locale.ROOT)).in(locale);
        } catch (IllegalArgumentException e) {
            return code;
        }
    }
}
