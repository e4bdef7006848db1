package org.certdesk.bot.channel.teams;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.certdesk.bot.conversation.TurnSubmitter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The Bot Framework's signing keys out of reach (its OpenID metadata answers 500): a well-formed
 * activity cannot be judged, so it is answered 503 (Teams retries) and nothing is submitted.
 */
@WebMvcTest
class SigningKeysDownTests {
    private static final WireMockServer server = started();

    @Autowired
    private MockMvc mvc;
    @Autowired
    private MutableClock clock;
    @MockitoBean
    private TurnSubmitter turns;

    private static WireMockServer started() {
        WireMockServer wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        wireMock.start();
        wireMock.stubFor(get(urlEqualTo(TestKeys.METADATA_PATH)).willReturn(aResponse().withStatus(500)));
        return wireMock;
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestKeys.botSettings(registry, server);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void anActivityThatCannotBeJudgedIs503() throws Exception {
        String token = TestKeys.sign(TestKeys.first(), TestKeys.claims(clock.instant(), c -> { }));
        mvc.perform(MockMvcRequestBuilders.post("/api/messages").header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON).content(MessagingEndpointTests.message("hello")))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("signing keys unavailable, try again later"));
        verify(turns, never()).submit(any());
    }
}
