package org.certdesk.bot.channel.webchat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The page as an employee uses it: the real page and Web Chat bundle served by the running app, in
 * headless Chromium, through the whole procedure by clicking the suggested actions, to "resolved".
 * The bot is {@link EngineTurns} (the default script in memory, a canned analyzer answer), so this
 * test needs nothing but the web chat. Screenshots go to target/webchat-e2e/, also when it fails.
 */
@SpringBootTest(classes = { WebChatTestApplication.class, EngineTurns.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { WebChatTestApplication.DATABASE, "certdesk.analyzer.adfs-host=sts.contoso.com" })
class WebChatPageEndToEndTests {

    @LocalServerPort
    int port;
    @TempDir
    Path profile;

    @Test
    void anEmployeeGoesThroughTheProcedureByClickingTheButtons() throws Exception {
        try (ChatPage page = ChatPage.open("http://localhost:" + port + "/", "fr-FR", profile)) {
            try {
                page.waitForText("Quelle version d’Android a votre téléphone ?");
                assertThat(page.text("heading")).isEqualTo("« Un certificat est manquant » sur Android ?");
                assertThat(page.hosts()).containsExactly("portal.manage.microsoft.com", "login.microsoftonline.com",
                        "sts.contoso.com");
                assertThat(page.language()).isEqualTo("fr");
                page.screenshot("1-welcome");

                page.click("Android 11 ou plus récent");
                page.waitForText("J’ai trouvé ! Il manque à votre téléphone le certificat « Contoso Issuing CA 2 »");
                page.waitForText(EngineTurns.FILE_NAME); // the download card, its underscores shown as written
                page.waitForText(EngineTurns.SHA256);
                assertThat(page.hasButton("Télécharger le certificat")).isTrue();
                page.screenshot("2-certificate");

                page.click("C’est téléchargé");
                page.waitForText("Depuis Android 11, un certificat d’autorité s’installe depuis les paramètres :");
                page.click("C’est installé");
                page.waitForText("La connexion fonctionne-t-elle maintenant ?");
                page.click("Oui, ça marche");
                page.waitForText("Parfait ! Votre téléphone a maintenant le certificat qu’il lui fallait.");

                // Every click came back as the user's own message (Web Chat's echo), none marked as failed.
                assertThat(page.transcript()).contains("Android 11 ou plus récent", "C’est téléchargé", "C’est installé",
                        "Oui, ça marche").doesNotContain("Échec de l’envoi", "Send failed");
                assertThat(page.browserErrors()).isEmpty();
            } finally {
                page.screenshot("3-resolved");
            }
        }
    }

    @Test
    void anEnglishBrowserGetsThePageAndTheBotInEnglish() throws Exception {
        try (ChatPage page = ChatPage.open("http://localhost:" + port + "/", "en-US", profile)) {
            try {
                page.waitForText("Which Android version is your phone running?");
                assertThat(page.text("heading")).isEqualTo("“A certificate is missing” on Android?");
                assertThat(page.title()).isEqualTo("Certificate assistant – Company Portal");
                page.waitForButton("I don’t know");
                assertThat(page.browserErrors()).isEmpty();
            } finally {
                page.screenshot("en-welcome");
            }
        }
    }
}
