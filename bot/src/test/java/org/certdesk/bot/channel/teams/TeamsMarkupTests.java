package org.certdesk.bot.channel.teams;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TeamsMarkupTests {

    @Test
    void urlsStayLinksAndTheRestIsEscaped() {
        assertThat(TeamsMarkup.messageText("See *this* https://aka.ms/x_y [OK]"))
                .isEqualTo("See &#42;this&#42; https://aka.ms/x_y &#91;OK&#93;");
    }

    @Test
    void markdownTypedInsideAUrlCannotMakeALink() {
        // The engine echoes typed text ("Looking for “…”"): in a group chat everyone sees the bot's message.
        assertThat(TeamsMarkup.messageText("https://a.example/[Login](https://evil.example/*x*)"))
                .isEqualTo("https://a.example/%5BLogin%5D%28https://evil.example/%2Ax%2A%29");
    }
}
