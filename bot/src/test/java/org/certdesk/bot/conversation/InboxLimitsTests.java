package org.certdesk.bot.conversation;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;

import org.certdesk.bot.shared.ChannelAddress;
import org.certdesk.dialogs.engine.UserInput;
import org.junit.jupiter.api.Test;

/** What the store could not keep is refused before anything is stored (the channel answers 400). */
class InboxLimitsTests {
    private final Inbox inbox = new Inbox(null, null, null, null, null, null, null);

    @Test
    void aUserNameLongerThanItsColumnIsRefused() {
        ChannelAddress address = new ChannelAddress("msteams", "a:1", "https://smba.example/", "28:bot", "bot",
                "29:user", "x".repeat(513), null, null, "personal");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> inbox.submit(new Inbound("1", address, new UserInput.Text("hi"), "en", Instant.now())))
                .withMessage("user name must have at most 512 characters, has 513");
    }

    @Test
    void aTenantIdLongerThanItsColumnIsRefused() {
        ChannelAddress address = new ChannelAddress("msteams", "a:1", "https://smba.example/", "28:bot", "bot",
                "29:user", "User", null, "t".repeat(65), "personal");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> inbox.submit(new Inbound("1", address, new UserInput.Text("hi"), "en", Instant.now())))
                .withMessageStartingWith("tenant id must have at most 64");
    }
}
