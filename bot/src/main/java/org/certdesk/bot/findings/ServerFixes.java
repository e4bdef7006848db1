package org.certdesk.bot.findings;

import java.util.List;

import org.certdesk.analyzer.LocalizedText;
import org.certdesk.analyzer.AndroidVersion;

/**
 * The fix of a finding for the person who owns the server, in French and English: for AD FS and its
 * Web Application Proxy (WAP) which certificate goes into which store, then which command shows it
 * worked; a line for other web servers. {host}, {port}, {certificate}, {sha256}, {levels}, {detail}
 * are filled in.
 */
enum ServerFixes {
    INCOMPLETE_CHAIN(
            "Le serveur {host} envoie son certificat sans l’intermédiaire « {certificate} » (SHA-256 {sha256}) ;"
                    + " Android ne va pas le chercher, les navigateurs de PC si (d’où « ça marche sur le PC »)."
                    + " Sur chaque serveur AD FS et chaque proxy d’application web (WAP) : importez ce certificat"
                    + " (téléchargez-le depuis le lien de l’autorité ou le tableau de bord) dans Ordinateur local\\"
                    + "Autorités de certification intermédiaires (certlm.msc > Autorités de certification"
                    + " intermédiaires > Certificats > Toutes les tâches > Importer), puis redémarrez le service"
                    + " (Restart-Service adfssrv sur AD FS, Restart-Service appproxysvc sur le WAP) ou le serveur."
                    + " Vérifiez : openssl s_client -connect {host}:{port} -servername {host} -showcerts doit lister"
                    + " « {certificate} » après le certificat du serveur ; sous Windows, certutil -verify -urlfetch"
                    + " sur le certificat du serveur exporté doit montrer la chaîne complète. Autre serveur web"
                    + " (nginx, Apache, répartiteur) : servez le fichier de chaîne complet (certificat du serveur"
                    + " puis intermédiaires).",
            "The server {host} sends its certificate without the intermediate “{certificate}” (SHA-256 {sha256});"
                    + " Android does not fetch it, desktop browsers do (hence “it works on the PC”). On every AD FS"
                    + " server and every Web Application Proxy (WAP): import that certificate (download it from the"
                    + " authority's link or the dashboard) into Local Computer\\Intermediate Certification"
                    + " Authorities (certlm.msc > Intermediate Certification Authorities > Certificates > All Tasks"
                    + " > Import), then restart the service (Restart-Service adfssrv on AD FS, Restart-Service"
                    + " appproxysvc on the WAP) or the server. Check: openssl s_client -connect {host}:{port}"
                    + " -servername {host} -showcerts must list “{certificate}” after the server's own certificate;"
                    + " on Windows, certutil -verify -urlfetch on the exported server certificate must show the whole"
                    + " chain. Another web server (nginx, Apache, a load balancer): serve the full chain file (server"
                    + " certificate, then the intermediates)."),
    ROOT_MISSING_ON_THIS_ANDROID(
            "La chaîne de {host} se termine à la racine « {certificate} », absente d’Android {levels} : ces"
                    + " téléphones ne peuvent pas faire confiance au serveur, quoi qu’il envoie. Demandez à votre"
                    + " autorité de certification une chaîne qui aboutit à une racine présente sur ces versions"
                    + " (intermédiaire à signature croisée), importez cet intermédiaire sur chaque serveur AD FS et"
                    + " WAP dans Ordinateur local\\Autorités de certification intermédiaires, puis redémarrez"
                    + " (Restart-Service adfssrv, Restart-Service appproxysvc). D’ici là, le bot fait installer la"
                    + " racine aux employés concernés. Vérifiez : openssl s_client -connect {host}:{port}"
                    + " -servername {host} -showcerts ; certutil -verify sur le certificat du serveur.",
            "The chain of {host} ends at the root “{certificate}”, which Android {levels} lacks: those phones"
                    + " cannot trust the server whatever it sends. Ask your certificate authority for a chain that"
                    + " ends at a root those releases have (a cross-signed intermediate), import that intermediate on"
                    + " every AD FS and WAP server into Local Computer\\Intermediate Certification Authorities, then"
                    + " restart (Restart-Service adfssrv, Restart-Service appproxysvc). Until then the bot has the"
                    + " employees concerned install the root. Check: openssl s_client -connect {host}:{port}"
                    + " -servername {host} -showcerts; certutil -verify on the server certificate."),
    UNTRUSTED_ROOT(
            "La chaîne de {host} se termine à « {certificate} », une racine privée ou d’inspection TLS qu’aucun"
                    + " Android ne connaît ; depuis Android 7, Portail d’entreprise ignore les racines installées"
                    + " par l’utilisateur, donc l’installer n’aide pas. Remplacez le certificat de communication du"
                    + " service AD FS (Set-AdfsSslCertificate -Thumbprint …) et celui du WAP"
                    + " (Set-WebApplicationProxySslCertificate -Thumbprint …) par un certificat d’une autorité"
                    + " publique, importé avec ses intermédiaires (Ordinateur local\\Personnel pour le certificat,"
                    + " Autorités de certification intermédiaires pour les intermédiaires), puis redémarrez ; ou"
                    + " exemptez {host} de l’inspection TLS sur le proxy ou le pare-feu. Vérifiez : openssl s_client"
                    + " -connect {host}:{port} -servername {host} -showcerts doit finir à une racine publique.",
            "The chain of {host} ends at “{certificate}”, a private or TLS-inspection root no Android knows;"
                    + " since Android 7 Company Portal ignores roots users install, so installing it does not help."
                    + " Replace the AD FS service communications certificate (Set-AdfsSslCertificate -Thumbprint …)"
                    + " and the WAP's (Set-WebApplicationProxySslCertificate -Thumbprint …) with one from a public"
                    + " certificate authority, imported with its intermediates (Local Computer\\Personal for the"
                    + " certificate, Intermediate Certification Authorities for the intermediates), then restart; or"
                    + " exempt {host} from TLS inspection on the proxy or firewall. Check: openssl s_client -connect"
                    + " {host}:{port} -servername {host} -showcerts must end at a public root."),
    EXPIRED(
            "Le certificat « {certificate} » envoyé par {host} a expiré ({detail}) : aucun téléphone ne se"
                    + " connecte. Renouvelez-le, importez le nouveau sur chaque serveur AD FS et WAP (Ordinateur"
                    + " local\\Personnel, ses intermédiaires dans Autorités de certification intermédiaires), liez-le"
                    + " (Set-AdfsSslCertificate -Thumbprint …, Set-WebApplicationProxySslCertificate -Thumbprint …)"
                    + " et redémarrez. Vérifiez : openssl s_client -connect {host}:{port} -servername {host}"
                    + " | openssl x509 -noout -enddate.",
            "The certificate “{certificate}” that {host} sends has expired ({detail}): no phone signs in. Renew"
                    + " it, import the new one on every AD FS and WAP server (Local Computer\\Personal, its"
                    + " intermediates into Intermediate Certification Authorities), bind it (Set-AdfsSslCertificate"
                    + " -Thumbprint …, Set-WebApplicationProxySslCertificate -Thumbprint …) and restart. Check:"
                    + " openssl s_client -connect {host}:{port} -servername {host} | openssl x509 -noout -enddate."),
    EXPIRES_SOON(
            "Le certificat « {certificate} » envoyé par {host} {detail} : renouvelez-le avant. Importez le nouveau"
                    + " sur chaque serveur AD FS et WAP (Ordinateur local\\Personnel, ses intermédiaires dans"
                    + " Autorités de certification intermédiaires), liez-le (Set-AdfsSslCertificate -Thumbprint …,"
                    + " Set-WebApplicationProxySslCertificate -Thumbprint …) et redémarrez. Vérifiez : openssl"
                    + " s_client -connect {host}:{port} -servername {host} | openssl x509 -noout -enddate.",
            "The certificate “{certificate}” that {host} sends {detail}: renew it before then. Import the new one"
                    + " on every AD FS and WAP server (Local Computer\\Personal, its intermediates into Intermediate"
                    + " Certification Authorities), bind it (Set-AdfsSslCertificate -Thumbprint …,"
                    + " Set-WebApplicationProxySslCertificate -Thumbprint …) and restart. Check: openssl s_client"
                    + " -connect {host}:{port} -servername {host} | openssl x509 -noout -enddate."),
    NOT_YET_VALID(
            "Le certificat « {certificate} » envoyé par {host} n’est pas encore valide ({detail}) : vérifiez"
                    + " l’heure des serveurs AD FS et WAP, ou remettez l’ancien certificat jusqu’à sa date de début."
                    + " Vérifiez : openssl s_client -connect {host}:{port} -servername {host} | openssl x509 -noout"
                    + " -dates.",
            "The certificate “{certificate}” that {host} sends is not valid yet ({detail}): check the clock of the"
                    + " AD FS and WAP servers, or put the previous certificate back until its start date. Check:"
                    + " openssl s_client -connect {host}:{port} -servername {host} | openssl x509 -noout -dates."),
    HOSTNAME_MISMATCH(
            "Le certificat « {certificate} » ne porte pas le nom {host} dans ses noms alternatifs (SAN ;"
                    + " Android ignore le CN). Faites émettre un certificat qui le porte, importez-le dans"
                    + " Ordinateur local\\Personnel sur chaque serveur AD FS et WAP, liez-le (Set-AdfsSslCertificate,"
                    + " Set-WebApplicationProxySslCertificate) et redémarrez. Vérifiez : openssl s_client -connect"
                    + " {host}:{port} -servername {host} | openssl x509 -noout -ext subjectAltName.",
            "The certificate “{certificate}” does not name {host} in its subject alternative names (Android"
                    + " ignores the CN). Have one issued that does, import it into Local Computer\\Personal on every"
                    + " AD FS and WAP server, bind it (Set-AdfsSslCertificate, Set-WebApplicationProxySslCertificate)"
                    + " and restart. Check: openssl s_client -connect {host}:{port} -servername {host} | openssl x509"
                    + " -noout -ext subjectAltName."),
    WEAK_SIGNATURE(
            "« {certificate} » est signé en SHA-1 ou MD5, refusé par Android {levels}. Faites-le réémettre en"
                    + " SHA-256, importez-le sur chaque serveur AD FS et WAP (Personnel, ou Autorités de"
                    + " certification intermédiaires pour un intermédiaire) et redémarrez. Vérifiez : openssl"
                    + " s_client -connect {host}:{port} -servername {host} -showcerts | openssl x509 -noout -text"
                    + " (Signature Algorithm).",
            "“{certificate}” is signed with SHA-1 or MD5, which Android {levels} rejects. Have it reissued with"
                    + " SHA-256, import it on every AD FS and WAP server (Personal, or Intermediate Certification"
                    + " Authorities for an intermediate) and restart. Check: openssl s_client -connect {host}:{port}"
                    + " -servername {host} -showcerts | openssl x509 -noout -text (Signature Algorithm)."),
    INVALID_CHAIN(
            "La chaîne de {host} enfreint une règle d’Android à « {certificate} » ({detail}) : émetteur qui"
                    + " n’est pas une autorité, longueur de chemin, usage de clé, ou certificat du serveur sans"
                    + " l’usage « authentification du serveur ». Faites réémettre le certificat avec les bonnes"
                    + " extensions, importez-le sur chaque serveur AD FS et WAP et redémarrez. Vérifiez : certutil"
                    + " -verify sur le certificat exporté ; openssl s_client -connect {host}:{port} -servername {host}"
                    + " -showcerts.",
            "The chain of {host} breaks a rule Android enforces at “{certificate}” ({detail}): an issuer that is"
                    + " no CA, the path length, key usage, or a server certificate without the “server"
                    + " authentication” purpose. Have the certificate reissued with the right extensions, import it"
                    + " on every AD FS and WAP server and restart. Check: certutil -verify on the exported"
                    + " certificate; openssl s_client -connect {host}:{port} -servername {host} -showcerts.");

    private final String fr;
    private final String en;

    ServerFixes(String fr, String en) {
        this.fr = fr;
        this.en = en;
    }

    /** The fix of a finding; a short generic line for a code this release has no text for. */
    static LocalizedText of(ServerFinding finding) {
        ServerFixes fix;
        try {
            fix = valueOf(finding.code());
        } catch (IllegalArgumentException e) {
            return new LocalizedText("Voir le détail de l’analyse de " + finding.target() + ".",
                    "See the analysis of " + finding.target() + ".");
        }
        return new LocalizedText(fix.fill(fix.fr, finding, true), fix.fill(fix.en, finding, false));
    }

    private String fill(String text, ServerFinding finding, boolean french) {
        String unknown = french ? "inconnue" : "unknown";
        return text.replace("{host}", finding.host())
                .replace("{port}", Integer.toString(finding.port()))
                .replace("{certificate}", finding.certificateName() != null ? finding.certificateName() : finding.host())
                .replace("{sha256}", finding.certificateSha256() != null ? finding.certificateSha256() : unknown)
                .replace("{levels}", releases(finding.androidLevels()))
                .replace("{detail}", detail(finding, french));
    }

    private static String detail(ServerFinding finding, boolean french) {
        String detail = finding.detail() == null ? "" : finding.detail();
        if (french && detail.startsWith("expires on ")) {
            return "expire le " + detail.substring("expires on ".length());
        }
        return detail;
    }

    /** "7.0, 7.1, 8.0", as people name Android releases. */
    static String releases(List<Integer> levels) {
        return String.join(", ", levels.stream().map(AndroidVersion::release).toList());
    }
}
