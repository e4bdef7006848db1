package org.certdesk.bot.channel.webchat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** An address that opens conversations too fast is told to wait, and stores nothing meanwhile. */
@SpringBootTest(classes = { WebChatTestApplication.class, RecordingTurns.class },
        properties = { WebChatTestApplication.DATABASE, "certdesk.webchat.conversations-per-minute=2" })
@AutoConfigureMockMvc
class NewConversationLimitTests {
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestClock clock;

    @Test
    void theThirdConversationInAMinuteIs429WithWhenToRetryAndAnotherAddressIsNotHeldBack() throws Exception {
        mvc.perform(post("/v3/directline/tokens/generate").with(from("192.0.2.10"))).andExpect(status().isOk());
        mvc.perform(post("/v3/directline/tokens/generate").with(from("192.0.2.10"))).andExpect(status().isOk());
        long stored = conversations();

        mvc.perform(post("/v3/directline/tokens/generate").with(from("192.0.2.10")))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "60"))
                .andExpect(jsonPath("$.code").value("TooManyRequests"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("at most 2 a minute")));
        assertThat(conversations()).as("nothing stored for the refused one").isEqualTo(stored);

        mvc.perform(post("/v3/directline/tokens/generate").with(from("192.0.2.11"))).andExpect(status().isOk());

        // One IPv6 subscriber (one /64) counts as one client, whatever address it takes inside it.
        mvc.perform(post("/v3/directline/tokens/generate").with(from("2001:db8:1:2::a"))).andExpect(status().isOk());
        mvc.perform(post("/v3/directline/tokens/generate").with(from("2001:db8:1:2::b"))).andExpect(status().isOk());
        mvc.perform(post("/v3/directline/tokens/generate").with(from("2001:db8:1:2:ffff::c")))
                .andExpect(status().isTooManyRequests());

        clock.advance(Duration.ofSeconds(61));
        mvc.perform(post("/v3/directline/tokens/generate").with(from("192.0.2.10"))).andExpect(status().isOk());
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    private long conversations() {
        return jdbc.sql("SELECT COUNT(*) FROM webchat_conversations").query(Long.class).single();
    }
}
