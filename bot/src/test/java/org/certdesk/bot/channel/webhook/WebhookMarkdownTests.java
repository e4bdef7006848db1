package org.certdesk.bot.channel.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.certdesk.dialogs.engine.Message;
import org.junit.jupiter.api.Test;

/** Engine messages as the Markdown text of one Teams message, in French and English. */
class WebhookMarkdownTests {
    private static final String SHA256 = "3f1c".repeat(16);

    @Test
    void textIsEscapedAndKeepsItsLinesAndLinks() {
        assertThat(WebhookMarkdown.render(new Message.Text("1. Open *Settings* <now> & see https://aka.ms/x_y\n2. Tap [OK]"),
                "en", "certdesk"))
                .isEqualTo("1. Open &#42;Settings&#42; &lt;now&gt; &amp; see https://aka.ms/x_y<br>2. Tap &#91;OK&#93;");
    }

    @Test
    void markdownTypedInsideAUrlCannotMakeALink() {
        // Echoed in "Looking for “…”": in a team channel everyone would see the bot post that link.
        assertThat(WebhookMarkdown.text("https://a.example/[Login](https://evil.example/*x*)"))
                .isEqualTo("https://a.example/%5BLogin%5D%28https://evil.example/%2Ax%2A%29");
    }

    @Test
    void choicesListTheLabelsToReplyWith() {
        Message.Choices choices = new Message.Choices(List.of(new Message.Option("a", "Android 11 or newer"),
                new Message.Option("b", "I don’t know")));

        assertThat(WebhookMarkdown.render(choices, "en-US", "certdesk"))
                .isEqualTo("Reply with @certdesk and one of:<br>• Android 11 or newer<br>• I don’t know");
        assertThat(WebhookMarkdown.render(choices, "fr", "Support PC"))
                .isEqualTo("Répondez en mentionnant @Support PC, suivi de l’une de ces réponses :"
                        + "<br>• Android 11 or newer<br>• I don’t know");
    }

    @Test
    void factsAreLabelValueLines() {
        Message.Facts facts = new Message.Facts(List.of(new Message.Fact("Certificate", "Contoso *CA*"),
                new Message.Fact("SHA-256 fingerprint", SHA256)));

        assertThat(WebhookMarkdown.render(facts, "en", "certdesk"))
                .isEqualTo("Certificate: Contoso &#42;CA&#42;<br>SHA-256 fingerprint: " + SHA256);
        assertThat(WebhookMarkdown.render(facts, "fr-FR", "certdesk"))
                .startsWith("Certificate : Contoso &#42;CA&#42;<br>");
    }

    @Test
    void aDownloadIsAMarkdownLinkWithTheFingerprint() {
        Message.Download download = new Message.Download("https://certdesk.contoso.com/certificates/" + SHA256
                + ".crt?c=42.q3vD(1)", "Contoso-Issuing-CA-1.crt", SHA256);
        String fingerprint = WebhookMarkdown.fingerprint(SHA256);

        assertThat(fingerprint).hasSize(95).startsWith("3F:1C:3F:1C:");
        assertThat(WebhookMarkdown.render(download, "en", "certdesk"))
                .isEqualTo("Download: [Contoso-Issuing-CA-1.crt](https://certdesk.contoso.com/certificates/" + SHA256
                        + ".crt?c=42.q3vD%281%29)<br>SHA-256 fingerprint: " + fingerprint);
        assertThat(WebhookMarkdown.render(download, "fr", "certdesk"))
                .startsWith("Télécharger : [Contoso-Issuing-CA-1.crt](")
                .endsWith("<br>Empreinte SHA-256 : " + fingerprint);
    }

    @Test
    void everyAddedTextHasBothLanguages() {
        for (WebhookTexts text : WebhookTexts.values()) {
            assertThat(text.french()).as(text.name()).isNotBlank().isNotEqualTo(text.english());
            assertThat(text.english()).as(text.name()).isNotBlank();
            assertThat(text.in("fr-CA")).isEqualTo(text.french());
            assertThat(text.in("de-DE")).isEqualTo(text.english());
            assertThat(text.in(null)).isEqualTo(text.english());
        }
    }
}
