package org.certdesk.bot.channel.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.certdesk.analyzer.CertAnalyzer;
import org.certdesk.analyzer.Target;
import org.certdesk.bot.testing.LoopbackPki;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Whole conversations over the webhook, through the real inbox, turns, outbox and analyzer (a TLS
 * server on loopback that omits its intermediate), with requests signed as Teams signs them and
 * sent over HTTP: each mention is answered with that turn's replies, within the reply timeout.
 */
@WebhookBotTest
class WebhookConversationTests {
    private static final Pattern LINK = Pattern.compile(
            "\\[([^\\]]+)\\]\\((https://certdesk\\.test/certificates/([0-9a-f]{64})\\.crt\\?c=[^)\\s]+)\\)");

    @LocalServerPort
    int port;
    @Autowired
    CertAnalyzer analyzer;

    @BeforeEach
    void fastAndWarm() {
        LoopbackPki.get().oneMissing();
        SlowTlsRelay.get().delay(Duration.ZERO);
        // The first analysis of a JVM loads the Android stores: not what the reply timeout is about.
        analyzer.analyze(Target.parse(SlowTlsRelay.get().host()), 36);
    }

    @AfterEach
    void fastAgain() {
        SlowTlsRelay.get().delay(Duration.ZERO);
    }

    @Test
    void fromTheFirstMentionToTheCertificateAndOn() throws Exception {
        TeamsWebhook teams = new TeamsWebhook("http://localhost:" + port, "fr-FR");

        TeamsWebhook.Answer welcome = teams.post(teams.mention(""));
        assertThat(welcome.contentType()).startsWith("application/json");
        assertThat(welcome.json().path("type").asString()).isEqualTo("message");
        assertThat(welcome.text())
                .contains("Bonjour ! Je vais vous aider")
                .contains("Quelle version d’Android a votre téléphone ?")
                .contains("Répondez en mentionnant @certdesk, suivi de l’une de ces réponses :"
                        + "<br>• Android 11 ou plus récent<br>• Android 7 à 10<br>• Je ne sais pas");

        long started = System.nanoTime();
        String found = teams.say("Android 11 ou plus récent");
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .isLessThan(Duration.ofSeconds(WebhookBotTest.REPLY_TIMEOUT_SECONDS));
        assertThat(found)
                .contains("Je vérifie les certificats des serveurs de connexion de votre entreprise…")
                .contains("J’ai trouvé ! Il manque à votre téléphone le certificat « Contoso Issuing CA 1 »")
                .contains("Certificat : Contoso Issuing CA 1")
                .contains("• C’est téléchargé")
                .doesNotContain(WebhookTexts.CHECKING.french());
        assertThat(found.indexOf("Je vérifie")).as("in the order they were said").isLessThan(found.indexOf("J’ai trouvé"));
        Matcher link = LINK.matcher(found);
        assertThat(link.find()).as("a Markdown link to the certificate in %s", found).isTrue();
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(LoopbackPki.get().issuing1().getEncoded()));
        assertThat(link.group(3)).isEqualTo(sha256);
        assertThat(link.group(1)).isEqualTo("Contoso-Issuing-CA-1.crt");
        assertThat(found).contains("Empreinte SHA-256 : " + WebhookMarkdown.fingerprint(sha256));
        assertThat(download(link.group(2))).isEqualTo(LoopbackPki.get().issuing1().getEncoded());

        assertThat(teams.say("C’est téléchargé"))
                .contains("Depuis Android 11, un certificat d’autorité s’installe depuis les paramètres")
                .contains("• C’est installé");
        assertThat(teams.say("c'est installé"))
                .contains("fermez complètement l’application Portail d’entreprise")
                .contains("La connexion fonctionne-t-elle maintenant ?")
                .contains("• Oui, ça marche");
        byte[] works = teams.mention("Oui, ça marche");
        assertThat(teams.post(works).text()).contains("Parfait ! Votre téléphone a maintenant le certificat");

        assertThat(teams.post(works).text()).as("the same activity delivered again")
                .isEqualTo(WebhookTexts.NOTHING_NEW.french());
    }

    @Test
    void aSlowCheckIsAnnouncedAndItsResultGivenOnTheNextMention() throws Exception {
        TeamsWebhook teams = new TeamsWebhook("http://localhost:" + port, "en-US");
        assertThat(teams.say("")).contains("Which Android version is your phone running?")
                .contains("Reply with @certdesk and one of:<br>• Android 11 or newer");
        SlowTlsRelay.get().delay(Duration.ofSeconds(WebhookBotTest.REPLY_TIMEOUT_SECONDS + 2));

        long started = System.nanoTime();
        String checking = teams.say("Android 11 or newer");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(
                WebhookBotTest.REPLY_TIMEOUT_SECONDS * 1000L + 900)).as("Teams waits 5 s at most");
        assertThat(checking)
                .isEqualTo("I’m checking the certificates of your company’s sign-in servers…"
                        + "<br><br>I’m checking the certificates, mention me again in a moment for the result.");

        // The user mentions the webhook again, without text, until the result is there.
        List<String> later = new ArrayList<>();
        long giveUp = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (later.stream().noneMatch(a -> a.contains("Found it!")) && System.nanoTime() < giveUp) {
            later.add(teams.say(""));
        }
        assertThat(later).last().asString()
                .contains("Found it! Your phone is missing the certificate “Contoso Issuing CA 1”")
                .contains("Download: [Contoso-Issuing-CA-1.crt](https://certdesk.test/certificates/")
                .contains("• Downloaded")
                .doesNotContain("I’m checking the certificates, mention me again");
        assertThat(later.subList(0, later.size() - 1))
                .allMatch(a -> a.equals(WebhookTexts.CHECKING.english()), "only 'checking' before the result");
        assertThat(String.join("\n", later)).as("a bare mention is no misunderstanding")
                .doesNotContain("didn’t understand");

        assertThat(teams.say("")).as("once given, the result is not given again; the question is")
                .doesNotContain("Found it!")
                .contains("Download the certificate “Contoso Issuing CA 1” with the button below, then tell me.")
                .contains("• Downloaded");
        assertThat(teams.say("done")).contains("Since Android 11, authority certificates are installed from Settings");
    }

    private byte[] download(String link) throws Exception {
        URI uri = URI.create(link);
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + uri.getRawPath() + "?" + uri.getRawQuery())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
