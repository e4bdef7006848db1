package org.certdesk.bot.channel.teams;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InboundTextTests {
    @Test
    void removesTheBotMentionAndKeepsOtherNames() {
        assertThat(InboundText.clean("<at>CertDesk</at> ask <at>Bob Smith</at> please", List.of("<at>CertDesk</at>")))
                .isEqualTo("ask Bob Smith please");
    }

    @Test
    void withoutEntitiesEveryMentionIsRemoved() {
        assertThat(InboundText.clean("<at>CertDesk</at>  hello", List.of())).isEqualTo("hello");
    }

    @Test
    void decodesEntitiesAndDropsFormattingTags() {
        assertThat(InboundText.clean("<p>Mon&nbsp;t&#233;l&#xE9;phone &amp; &lt;Android 14&gt;</p>", List.of()))
                .isEqualTo("Mon téléphone & <Android 14>");
    }

    @Test
    void keepsLineBreaksAndCollapsesSpaces() {
        assertThat(InboundText.clean("first   line<br>second\n\n third ", List.of())).isEqualTo("first line\nsecond\nthird");
    }

    @Test
    void nullAndMentionOnlyBecomeEmpty() {
        assertThat(InboundText.clean(null, List.of())).isEmpty();
        assertThat(InboundText.clean("<at>CertDesk</at>", List.of("<at>CertDesk</at>"))).isEmpty();
    }

    @Test
    void textThatLooksLikeMarkupButIsNotIsKept() {
        assertThat(InboundText.clean("CN=<Contoso CA> & co; 3 < 4", List.of())).isEqualTo("CN=<Contoso CA> & co; 3 < 4");
    }
}
