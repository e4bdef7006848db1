package org.certdesk.bot.channel.webchat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The web chat's retention as the service runs it ({@code certdesk.webchat.retention}, 30 days by
 * default): a conversation nobody wrote in for longer is deleted by the sweep; one still in use is not.
 */
@WebChatTest
class WebChatRetentionTests {
    @Autowired
    MockMvc mvc;
    @Autowired
    TestClock clock;
    @Autowired
    ActivityLog log;
    @Autowired
    WebChatRetention retention;
    @Autowired
    WebChatProperties properties;

    @AfterEach
    void tearDown() {
        clock.reset();
    }

    @Test
    void aConversationQuietForLongerThanTheRetentionIsDeletedOneInUseStays() throws Exception {
        assertThat(properties.retention()).isEqualTo(Duration.ofDays(30));
        DirectLine directLine = new DirectLine(mvc);
        DirectLine.Session quiet = directLine.open("fr-FR");
        DirectLine.Session inUse = directLine.open("fr-FR");
        directLine.post(quiet.token(), quiet.conversationId(), DirectLine.message("bonjour", "c-1"));

        clock.advance(Duration.ofDays(29));
        log.append(inUse.conversationId(), null, seq -> "{\"text\":\"still here\"}");
        clock.advance(Duration.ofDays(2));

        assertThat(retention.sweep()).isGreaterThanOrEqualTo(1);
        assertThat(log.find(quiet.conversationId())).as("nothing said for 31 days").isEmpty();
        assertThat(log.find(inUse.conversationId())).as("said something 2 days ago").isPresent();
    }
}
