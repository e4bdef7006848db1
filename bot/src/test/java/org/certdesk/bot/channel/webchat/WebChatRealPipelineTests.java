package org.certdesk.bot.channel.webchat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.certdesk.bot.testing.BotTest;
import org.certdesk.bot.testing.LoopbackPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The page on the whole application: the bot core's inbox, turns and outbox, and the real analyzer
 * probing a TLS server on loopback that omits its intermediate. Same clicks as
 * {@link WebChatPageEndToEndTests}, which runs without the core.
 */
@BotTest
class WebChatRealPipelineTests {

    @LocalServerPort
    int port;
    @TempDir
    Path profile;

    /**
     * The employee pastes the Company Portal error text as their first message: it says "support",
     * and still gets the procedure, not a person; the version in a later sentence answers the question.
     */
    @Test
    void aFirstMessageInTheEmployeesOwnWordsGetsTheProcedure() throws Exception {
        LoopbackPki.get().oneMissing();
        try (ChatPage page = ChatPage.open("http://localhost:" + port + "/", "fr-FR", profile)) {
            try {
                page.waitForText("Quelle version d’Android a votre téléphone ?");
                page.type("« Un certificat exigé par le support technique de votre entreprise est manquant »");
                page.waitForText("C’est bien ce que je sais régler");
                page.type("c’est un Pixel sous Android 14");
                page.waitForText("J’ai trouvé ! Il manque à votre téléphone le certificat « Contoso Issuing CA 1 »");
                assertThat(page.transcript()).doesNotContain("Je n’ai pas compris", "Je transmets");
                assertThat(page.browserErrors()).isEmpty();
            } finally {
                page.screenshot("first-message");
            }
        }
    }

    @Test
    void theProcedureRunsOnTheRealPipeline() throws Exception {
        LoopbackPki.get().oneMissing();
        try (ChatPage page = ChatPage.open("http://localhost:" + port + "/", "fr-FR", profile)) {
            try {
                page.waitForText("Quelle version d’Android a votre téléphone ?");
                page.click("Android 11 ou plus récent");
                page.waitForText("J’ai trouvé ! Il manque à votre téléphone le certificat « Contoso Issuing CA 1 »");
                assertThat(page.hasButton("Télécharger le certificat")).isTrue();
                page.click("C’est téléchargé");
                page.click("C’est installé");
                page.click("Oui, ça marche");
                page.waitForText("Parfait ! Votre téléphone a maintenant le certificat qu’il lui fallait.");
                assertThat(page.browserErrors()).isEmpty();
            } finally {
                page.screenshot("real-pipeline");
            }
        }
    }
}
