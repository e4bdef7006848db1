package org.certdesk.bot.channel.webchat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.certdesk.bot.outbox.Outbound;
import org.certdesk.dialogs.engine.Message;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** How each engine message looks to Web Chat. */
class ActivityRendererTests {
    private static final Instant NOW = Instant.parse("2026-11-20T09:15:30.250Z");

    private static JsonNode render(Outbound outbound) {
        return ActivityRenderer.render(outbound, "conv1", 7, NOW);
    }

    private static JsonNode say(Message message, String locale) {
        return render(new Outbound.Say(message, locale));
    }

    @Test
    void everyActivityIsFromTheBotWithItsLogPosition() {
        JsonNode activity = say(new Message.Text("Bonjour"), "fr");
        assertThat(activity.get("id").stringValue()).isEqualTo("conv1|0000007");
        assertThat(activity.get("timestamp").stringValue()).isEqualTo("2026-11-20T09:15:30.250Z");
        assertThat(activity.get("channelId").stringValue()).isEqualTo("directline");
        assertThat(activity.at("/conversation/id").stringValue()).isEqualTo("conv1");
        assertThat(activity.at("/from/role").stringValue()).isEqualTo("bot");
        assertThat(activity.at("/channelData/webchat:sequence-id").asLong()).isEqualTo(7);
        assertThat(activity.get("locale").stringValue()).isEqualTo("fr");
        assertThat(activity.has("replyToId")).as("Web Chat would hold it back waiting for the original").isFalse();
    }

    @Test
    void aTextIsAPlainTextMessage() {
        JsonNode activity = say(new Message.Text("Ouvrez [ce lien](https://evil.example) *vite*"), "fr");
        assertThat(activity.get("type").stringValue()).isEqualTo("message");
        assertThat(activity.get("text").stringValue()).isEqualTo("Ouvrez [ce lien](https://evil.example) *vite*");
        assertThat(activity.get("textFormat").stringValue()).isEqualTo("plain");
        assertThat(activity.has("attachments")).isFalse();
    }

    @Test
    void aQuestionAndItsButtonsAreOneActivity() {
        JsonNode activity = say(new Message.Choices("Quelle version d’Android a votre téléphone ?",
                List.of(new Message.Option("android_11_plus", "Android 11 ou plus récent"))), "fr");
        assertThat(activity.get("text").stringValue()).isEqualTo("Quelle version d’Android a votre téléphone ?");
        assertThat(activity.get("textFormat").stringValue()).isEqualTo("plain");
        assertThat(activity.at("/suggestedActions/actions/0/value").stringValue()).isEqualTo("android_11_plus");
    }

    @Test
    void choicesAreSuggestedActionsThatSendTheChoiceId() {
        JsonNode activity = say(new Message.Choices(List.of(new Message.Option("android_11_plus", "Android 11 ou plus récent"),
                new Message.Option("version_unknown", "Je ne sais pas"))), "fr");
        assertThat(activity.get("type").stringValue()).isEqualTo("message");
        assertThat(activity.has("text")).as("no empty bubble: the buttons alone").isFalse();
        JsonNode actions = activity.at("/suggestedActions/actions");
        assertThat(actions).hasSize(2);
        JsonNode first = actions.get(0);
        assertThat(first.get("type").stringValue()).isEqualTo("messageBack");
        assertThat(first.get("title").stringValue()).isEqualTo("Android 11 ou plus récent");
        assertThat(first.get("displayText").stringValue()).isEqualTo("Android 11 ou plus récent");
        assertThat(first.get("value").stringValue()).isEqualTo("android_11_plus");
        assertThat(activity.at("/suggestedActions/to").isMissingNode()).as("shown to whoever chats").isTrue();
    }

    @Test
    void factsAreAnAdaptiveCardFactSetWithTheirTextsEscaped() {
        JsonNode activity = say(new Message.Facts(List.of(new Message.Fact("Certificat", "Contoso_CA [2]"),
                new Message.Fact("Empreinte SHA-256", "11f0"))), "fr");
        JsonNode attachment = activity.get("attachments").get(0);
        assertThat(attachment.get("contentType").stringValue()).isEqualTo("application/vnd.microsoft.card.adaptive");
        JsonNode card = attachment.get("content");
        assertThat(card.get("type").stringValue()).isEqualTo("AdaptiveCard");
        assertThat(card.get("version").stringValue()).isEqualTo("1.5");
        JsonNode facts = card.at("/body/0/facts");
        assertThat(card.at("/body/0/type").stringValue()).isEqualTo("FactSet");
        assertThat(facts.get(0).get("title").stringValue()).isEqualTo("Certificat");
        assertThat(facts.get(0).get("value").stringValue()).isEqualTo("Contoso\\_CA \\[2\\]");
        assertThat(facts.get(1).get("title").stringValue()).isEqualTo("Empreinte SHA\\-256");
    }

    @Test
    void aDownloadIsACardWithTheFingerprintAndAnOpenUrlButtonInTheConversationsLanguage() {
        Message.Download download = new Message.Download("https://certdesk.example.com/certificates/11f0.crt",
                "contoso.crt", "11f0b04e");
        JsonNode french = say(download, "fr").at("/attachments/0/content");
        assertThat(french.at("/body/0/text").stringValue()).isEqualTo("contoso\\.crt");
        assertThat(french.at("/body/1/text").stringValue()).isEqualTo("Empreinte SHA-256");
        assertThat(french.at("/body/2/text").stringValue()).isEqualTo("11f0b04e");
        assertThat(french.at("/body/2/fontType").stringValue()).isEqualTo("Monospace");
        assertThat(french.at("/actions/0/type").stringValue()).isEqualTo("Action.OpenUrl");
        assertThat(french.at("/actions/0/title").stringValue()).isEqualTo("Télécharger le certificat");
        assertThat(french.at("/actions/0/url").stringValue()).isEqualTo("https://certdesk.example.com/certificates/11f0.crt");

        JsonNode english = say(download, "en-GB").at("/attachments/0/content");
        assertThat(english.at("/body/1/text").stringValue()).isEqualTo("SHA-256 fingerprint");
        assertThat(english.at("/actions/0/title").stringValue()).isEqualTo("Download the certificate");
    }

    @Test
    void aDownloadLinkThatIsNotHttpGetsNoButton() {
        JsonNode card = say(new Message.Download("javascript:alert(1)", "x.crt", "00"), "en").at("/attachments/0/content");
        assertThat(card.has("actions")).isFalse();
        assertThat(card.at("/body/3/text").stringValue()).isEqualTo("javascript\\:alert\\(1\\)");
    }

    @Test
    void typingIsATypingActivity() {
        JsonNode typing = render(new Outbound.Typing());
        assertThat(typing.get("type").stringValue()).isEqualTo("typing");
        assertThat(typing.at("/from/role").stringValue()).isEqualTo("bot");
        assertThat(typing.has("text")).isFalse();
    }

    @Test
    void escapingLeavesLettersDigitsAndSpacesAlone() {
        assertThat(AdaptiveCards.escape("Contoso Issuing CA 2 é")).isEqualTo("Contoso Issuing CA 2 é");
        assertThat(AdaptiveCards.escape("# *x* `y` <b>")).isEqualTo("\\# \\*x\\* \\`y\\` \\<b\\>");
        assertThat(AdaptiveCards.escape(null)).isEmpty();
    }
}
