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
