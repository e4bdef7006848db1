package org.certdesk.bot.channel.teams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.certdesk.bot.outbox.Outbound;
import org.certdesk.dialogs.engine.Message;
import org.junit.jupiter.api.Test;

class TurnBundleTests {
    private static final List<Message.Option> YES_NO = List.of(new Message.Option("yes", "Yes"), new Message.Option("no", "No"));

    @Test
    void aWelcomeAndItsQuestionAreOneCard() {
        List<Outbound> bundled = TurnBundle.of(List.of(say("Hello, I am the IT assistant.", "en"),
                say("I will find the missing certificate.", "en"),
                new Outbound.Say(new Message.Choices("Which Android version?", YES_NO), "en")));

        assertThat(bundled).containsExactly(new Outbound.Say(new Message.Choices(
                "Hello, I am the IT assistant.\u2029I will find the missing certificate.\u2029Which Android version?", YES_NO), "en"));
    }

    @Test
    void textsAloneAreOneMessage() {
        assertThat(TurnBundle.of(List.of(say("Conversation ended.", "en"), say("Write anything to start again.", "en"))))
                .containsExactly(say("Conversation ended.\u2029Write anything to start again.", "en"));
    }

    @Test
    void cardsTypingAndALanguageChangeKeepTheirOwnActivity() {
        Outbound facts = new Outbound.Say(new Message.Facts(List.of(new Message.Fact("Host", "sts.example.com"))), "fr");
        List<Outbound> replies = List.of(say("D’accord, en français.", "fr"), facts, say("OK.", "en"),
                new Outbound.Say(new Message.Choices("Ça a marché ?", YES_NO), "fr"), new Outbound.Typing());

        assertThat(TurnBundle.of(replies)).containsExactlyElementsOf(replies);
    }

    @Test
    void aQuestionWithoutTextTakesTheTextsBeforeIt() {
        assertThat(TurnBundle.of(List.of(say("Pick one.", "en"), new Outbound.Say(new Message.Choices(null, YES_NO), "en"))))
                .containsExactly(new Outbound.Say(new Message.Choices("Pick one.", YES_NO), "en"));
    }

    private static Outbound say(String text, String locale) {
        return new Outbound.Say(new Message.Text(text), locale);
    }
}
