package org.certdesk.bot.channel.teams;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import org.certdesk.bot.conversation.Inbound;
import org.certdesk.bot.conversation.TurnSubmitter;
import org.certdesk.bot.shared.ChannelAddress;
import org.certdesk.dialogs.engine.UserInput;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/** {@code POST /api/messages} with authentication on: the token matrix and what each activity submits. */
@WebMvcTest
class MessagingEndpointTests {
    private static final WireMockServer server = started();

    @Autowired
    private MockMvc mvc;
    @Autowired
    private MutableClock clock;
    @Autowired
    private MessagingEndpointRegistration endpoint;
    @MockitoBean
    private TurnSubmitter turns;

    private static WireMockServer started() {
        WireMockServer wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        wireMock.start();
        return wireMock;
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestKeys.botSettings(registry, server);
        registry.add("certdesk.bot.max-activity-size", () -> "16KB");
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void setUp() {
        server.resetAll();
        TestKeys.serve(server, List.of("msteams", "skype"), TestKeys.first());
        reset(turns);
        when(turns.submit(any())).thenReturn(TurnSubmitter.Submission.ACCEPTED);
        when(turns.submit(any(), any())).thenCallRealMethod(); // answered as submit(Inbound) is
    }

    // ---- the token matrix ------------------------------------------------------------------

    @Test
    void noToken() throws Exception {
        post(null, message("hello")).andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Bearer error=\"invalid_token\""))
                .andExpect(jsonPath("$.detail").value("missing bearer token"));
        verify(turns, never()).submit(any());
    }

    @Test
    void notABearerToken() throws Exception {
        mvc.perform(MockMvcRequestBuilders.post("/api/messages").header("Authorization", "Basic dXNlcjpwYXNz")
                        .contentType(MediaType.APPLICATION_JSON).content(message("hello")))
                .andExpect(status().isUnauthorized());
        verify(turns, never()).submit(any());
    }

    @Test
    void badSignature() throws Exception {
        rejected(TestKeys.tamper(token(c -> { })), "bad signature");
    }

    @Test
    void signedByAnUnpublishedKey() throws Exception {
        rejected(TestKeys.sign(TestKeys.stranger(), claims(c -> { })), "unknown signing key");
    }

    @Test
    void anUnknownKeyIdFetchesTheKeysExactlyOnceMore() throws Exception {
        post(token(c -> { }), message("warm up")).andExpect(status().isOk());
        clock.advance(Duration.ofMinutes(10));
        server.resetRequests();

        String unknown = TestKeys.sign(TestKeys.stranger(), claims(c -> { }));
        post(unknown, message("one")).andExpect(status().isUnauthorized());
        post(unknown, message("two")).andExpect(status().isUnauthorized());

        assertThat(server.findAll(getRequestedFor(urlEqualTo(TestKeys.KEYS_PATH)))).hasSize(1);
        verify(turns, times(1)).submit(any());
    }

    @Test
    void aRotatedKeyIsAcceptedAfterOneRefresh() throws Exception {
        post(token(c -> { }), message("warm up")).andExpect(status().isOk());
        clock.advance(Duration.ofMinutes(10));
        TestKeys.serve(server, List.of("msteams"), TestKeys.first(), TestKeys.second());
        server.resetRequests();

        post(TestKeys.sign(TestKeys.second(), claims(c -> { })), message("after rotation")).andExpect(status().isOk());

        assertThat(server.findAll(getRequestedFor(urlEqualTo(TestKeys.KEYS_PATH)))).hasSize(1);
    }

    @Test
    void wrongIssuer() throws Exception {
        rejected(token(c -> c.issuer("https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/")), "wrong issuer");
    }

    @Test
    void wrongAudience() throws Exception {
        rejected(token(c -> c.audience("another-bot")), "wrong audience");
    }

    @Test
    void expired() throws Exception {
        rejected(token(c -> c.expirationTime(java.util.Date.from(clock.instant().minus(Duration.ofMinutes(6))))),
                "token expired");
    }

    @Test
    void expiredWithinTheSkewIsAccepted() throws Exception {
        post(token(c -> c.expirationTime(java.util.Date.from(clock.instant().minus(Duration.ofMinutes(4))))),
                message("hi")).andExpect(status().isOk());
    }

    @Test
    void aTokenAcceptedBeforeIsRefusedOnceItExpired() throws Exception {
        String token = token(c -> c.expirationTime(java.util.Date.from(clock.instant().plus(Duration.ofMinutes(1)))));
        post(token, message("first")).andExpect(status().isOk());
        post(token, message("second")).andExpect(status().isOk());

        clock.advance(Duration.ofMinutes(7)); // past expiry and the 5 minutes of skew

        post(token, message("third")).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.detail").value("token expired"));
        verify(turns, times(2)).submit(any());
    }

    @Test
    void notYetValid() throws Exception {
        rejected(token(c -> c.notBeforeTime(java.util.Date.from(clock.instant().plus(Duration.ofMinutes(6))))),
                "token not yet valid");
    }

    @Test
    void algNone() throws Exception {
        rejected(TestKeys.unsigned(claims(c -> { })), "signing algorithm not allowed");
    }

    @Test
    void hmacWithThePublicKeyAsSecret() throws Exception {
        rejected(TestKeys.signHmac(TestKeys.first(), claims(c -> { })), "signing algorithm not allowed");
    }

    @Test
    void garbageToken() throws Exception {
        rejected("not.a.jwt", "malformed token");
    }

    @Test
    void serviceUrlMismatch() throws Exception {
        rejected(token(c -> c.claim("serviceurl", "https://evil.example/")), "serviceUrl does not match the token");
    }

    @Test
    void noServiceUrlClaim() throws Exception {
        rejected(token(c -> c.claim("serviceurl", null)), "serviceUrl does not match the token");
    }

    @Test
    void channelNotEndorsedByTheKey() throws Exception {
        String body = message("hi").replace("\"channelId\":\"msteams\"", "\"channelId\":\"slack\"");
        post(token(c -> { }), body).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.detail").value("signing key does not endorse the channel"));
        verify(turns, never()).submit(any());
    }

    @Test
    void rs512IsAccepted() throws Exception {
        post(TestKeys.sign(TestKeys.first(), JWSAlgorithm.RS512, claims(c -> { })), message("hi")).andExpect(status().isOk());
    }

    @Test
    void anUnknownKeyDuringAKeyServiceOutageIsStill401() throws Exception {
        post(token(c -> { }), message("warm up")).andExpect(status().isOk());
        server.resetAll();
        clock.advance(Duration.ofDays(2));
        reset(turns);
        when(turns.submit(any(), any())).thenCallRealMethod();

        post(TestKeys.sign(TestKeys.stranger(), claims(c -> { })), message("hi")).andExpect(status().isUnauthorized());
        post(token(c -> { }), message("cached keys still work")).andExpect(status().isOk());
        verify(turns, times(1)).submit(any());
    }

    // ---- valid tokens: what is submitted ---------------------------------------------------------

    @Test
    void textMessage() throws Exception {
        post(token(c -> { }), message("Bonjour, mon certificat")).andExpect(status().isOk()).andExpect(content().string(""));

        Inbound inbound = submitted();
        assertThat(inbound.activityId()).isEqualTo("1715000000000");
        assertThat(inbound.input()).isEqualTo(new UserInput.Text("Bonjour, mon certificat"));
        assertThat(inbound.locale()).isEqualTo("fr-FR");
        assertThat(inbound.receivedAt()).isEqualTo(clock.instant());
        assertThat(inbound.address()).isEqualTo(new ChannelAddress("msteams", "a:1conv", TestKeys.SERVICE_URL,
                "28:" + TestKeys.APP_ID, "CertDesk", "29:1user", "Alice Martin", "aad-alice", "tenant-1", "personal"));
    }

    @Test
    void mentionIsStripped() throws Exception {
        String body = """
                {"type":"message","id":"m2","channelId":"msteams","serviceUrl":"%s","locale":"en-US",
                 "from":{"id":"29:1user","name":"Alice"},"recipient":{"id":"28:%s","name":"CertDesk"},
                 "conversation":{"id":"19:abc@thread.tacv2;messageid=42","conversationType":"channel"},
                 "channelData":{"tenant":{"id":"tenant-9"}},
                 "text":"<at>CertDesk</at>&nbsp;my phone says a certificate is missing",
                 "entities":[{"type":"mention","text":"<at>CertDesk</at>","mentioned":{"id":"28:%s","name":"CertDesk"}}]}
                """.formatted(TestKeys.SERVICE_URL, TestKeys.APP_ID, TestKeys.APP_ID);
        post(token(c -> { }), body).andExpect(status().isOk());

        Inbound inbound = submitted();
        assertThat(inbound.input()).isEqualTo(new UserInput.Text("my phone says a certificate is missing"));
        assertThat(inbound.address().tenantId()).isEqualTo("tenant-9");
        assertThat(inbound.address().conversationType()).isEqualTo("channel");
        assertThat(inbound.address().conversationId()).as("Alice's own dialog in the channel thread")
                .isEqualTo("19:abc@thread.tacv2;messageid=42|29:1user");
    }

    @Test
    void cardSubmitIsAChoice() throws Exception {
        String body = message("").replace("\"text\":\"\"", "\"value\":{\"choice\":\"not_fixed\"}");
        post(token(c -> { }), body).andExpect(status().isOk());
        assertThat(submitted().input()).isEqualTo(new UserInput.Choice("not_fixed"));
    }

    @Test
    void duplicateIsStillAcknowledged() throws Exception {
        when(turns.submit(any())).thenReturn(TurnSubmitter.Submission.DUPLICATE);
        post(token(c -> { }), message("again")).andExpect(status().isOk());
    }

    @Test
    void conversationUpdateAddingTheBotWelcomesOnce() throws Exception {
        String body = """
                {"type":"conversationUpdate","id":"f:123","channelId":"msteams","serviceUrl":"%s","locale":"fr-FR",
                 "from":{"id":"29:1user","aadObjectId":"aad-alice"},"recipient":{"id":"28:%s","name":"CertDesk"},
                 "conversation":{"id":"a:1conv","conversationType":"personal","tenantId":"tenant-1"},
                 "membersAdded":[{"id":"28:%s"}]}
                """.formatted(TestKeys.SERVICE_URL, TestKeys.APP_ID, TestKeys.APP_ID);
        post(token(c -> { }), body).andExpect(status().isOk());

        Inbound inbound = submitted();
        assertThat(inbound.activityId()).isEqualTo(MessagingEndpoint.WELCOME_ID);
        assertThat(inbound.input()).isEqualTo(new UserInput.Start("fr-FR"));
    }

    @Test
    void conversationUpdateAddingSomeoneElseIsIgnored() throws Exception {
        String body = """
                {"type":"conversationUpdate","id":"f:124","channelId":"msteams","serviceUrl":"%s",
                 "recipient":{"id":"28:%s"},"conversation":{"id":"19:group@thread.v2"},
                 "membersAdded":[{"id":"29:someone"}]}
                """.formatted(TestKeys.SERVICE_URL, TestKeys.APP_ID);
        post(token(c -> { }), body).andExpect(status().isOk());
        verify(turns, never()).submit(any());
    }

    @Test
    void installationUpdateAddWelcomesWithTheSameStableId() throws Exception {
        String body = """
                {"type":"installationUpdate","id":"f:125","action":"add","channelId":"msteams","serviceUrl":"%s",
                 "recipient":{"id":"28:%s"},"conversation":{"id":"a:1conv"},
                 "entities":[{"type":"clientInfo","locale":"en-GB"}]}
                """.formatted(TestKeys.SERVICE_URL, TestKeys.APP_ID);
        post(token(c -> { }), body).andExpect(status().isOk());

        Inbound inbound = submitted();
        assertThat(inbound.activityId()).isEqualTo(MessagingEndpoint.WELCOME_ID);
        assertThat(inbound.input()).isEqualTo(new UserInput.Start("en-GB"));
    }

    @Test
    void installationUpdateRemoveIsIgnored() throws Exception {
        String body = """
                {"type":"installationUpdate","id":"f:126","action":"remove","channelId":"msteams","serviceUrl":"%s",
                 "recipient":{"id":"28:%s"},"conversation":{"id":"a:1conv"}}
                """.formatted(TestKeys.SERVICE_URL, TestKeys.APP_ID);
        post(token(c -> { }), body).andExpect(status().isOk());
        verify(turns, never()).submit(any());
    }

    @Test
    void universalActionIsSubmittedAndAnswered() throws Exception {
        String body = """
                {"type":"invoke","name":"adaptiveCard/action","id":"inv-1","channelId":"msteams","serviceUrl":"%s",
                 "locale":"fr-FR","from":{"id":"29:1user"},"recipient":{"id":"28:%s"},"conversation":{"id":"a:1conv"},
                 "value":{"action":{"type":"Action.Execute","verb":"choose","data":{"choice":"fixed"}},"trigger":"manual"}}
                """.formatted(TestKeys.SERVICE_URL, TestKeys.APP_ID);
        post(token(c -> { }), body).andExpect(status().isOk())
                .andExpect(content().json("""
                        {"statusCode":200,"type":"application/vnd.microsoft.activity.message","value":"Bien reçu."}"""));

        Inbound inbound = submitted();
        assertThat(inbound.activityId()).isEqualTo("inv-1");
        assertThat(inbound.input()).isEqualTo(new UserInput.Choice("fixed"));
    }

    @Test
    void universalActionWithoutChoiceAnswersAnError() throws Exception {
        String body = """
                {"type":"invoke","name":"adaptiveCard/action","id":"inv-2","channelId":"msteams","serviceUrl":"%s",
                 "recipient":{"id":"28:%s"},"conversation":{"id":"a:1conv"},"value":{"action":{"type":"Action.Execute"}}}
                """.formatted(TestKeys.SERVICE_URL, TestKeys.APP_ID);
        post(token(c -> { }), body).andExpect(status().isOk())
                .andExpect(jsonPath("$.statusCode").value(400))
                .andExpect(jsonPath("$.type").value("application/vnd.microsoft.error"))
                .andExpect(jsonPath("$.value.message").value(
                        "This action carries no choice: answer with the buttons of the latest question."));
        post(token(c -> { }), body.replace("\"id\":\"inv-2\",", "\"id\":\"inv-2\",\"locale\":\"fr-FR\","))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.statusCode").value(400))
                .andExpect(jsonPath("$.value.message").value(
                        "Cette action ne porte aucun choix : répondez avec les boutons de la dernière question."));
        verify(turns, never()).submit(any());
    }

    @Test
    void otherInvokesAre501() throws Exception {
        String body = """
                {"type":"invoke","name":"composeExtension/query","id":"inv-3","channelId":"msteams","serviceUrl":"%s",
                 "recipient":{"id":"28:%s"},"conversation":{"id":"a:1conv"}}
                """.formatted(TestKeys.SERVICE_URL, TestKeys.APP_ID);
        post(token(c -> { }), body).andExpect(status().isNotImplemented());
        verify(turns, never()).submit(any());
    }

    @Test
    void unknownTypesAreAcknowledgedAndIgnored() throws Exception {
        post(token(c -> { }), message("x").replace("\"type\":\"message\"", "\"type\":\"messageReaction\""))
                .andExpect(status().isOk());
        post(token(c -> { }), message("x").replace("\"type\":\"message\"", "\"type\":\"typing\"")).andExpect(status().isOk());
        verify(turns, never()).submit(any());
    }

    // ---- bad bodies --------------------------------------------------------------------------

    @Test
    void malformedJsonIs400() throws Exception {
        post(token(c -> { }), "{\"type\":\"message\",").andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("malformed JSON"));
        verify(turns, never()).submit(any());
    }

    @Test
    void missingFieldsAre400() throws Exception {
        post(token(c -> { }), message("x").replace("\"type\":\"message\",", "")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("missing type"));
        post(token(c -> { }), message("x").replace("\"id\":\"a:1conv\"", "\"name\":\"x\""))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail").value("missing conversation.id"));
        post(token(c -> { }), "[1,2]").andExpect(status().isBadRequest());
        verify(turns, never()).submit(any());
    }

    @Test
    void missingServiceUrlIs400EvenWithAValidToken() throws Exception {
        post(token(c -> { }), message("x").replace("\"serviceUrl\":\"" + TestKeys.SERVICE_URL + "\",", ""))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail").value("missing serviceUrl"));
        verify(turns, never()).submit(any());
    }

    @Test
    void malformedJsonWithoutTokenIs401() throws Exception {
        post(null, "{oops").andExpect(status().isUnauthorized());
    }

    @Test
    void oversizedBodyIs413() throws Exception {
        post(token(c -> { }), message("x".repeat(20_000))).andExpect(status().is(413))
                .andExpect(jsonPath("$.detail").value("the activity exceeds 16384 bytes"));
        verify(turns, never()).submit(any());
    }

    @Test
    void onlyPostIsServed() throws Exception {
        for (var request : List.of(MockMvcRequestBuilders.get("/api/messages"), MockMvcRequestBuilders.head("/api/messages"),
                MockMvcRequestBuilders.options("/api/messages"), MockMvcRequestBuilders.put("/api/messages")
                        .contentType(MediaType.APPLICATION_JSON).content(message("hello")))) {
            mvc.perform(request.header("Authorization", "Bearer " + token(c -> { })))
                    .andExpect(status().isMethodNotAllowed()).andExpect(header().string("Allow", "POST"))
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.instance").value("/api/messages"));
        }
        verify(turns, never()).submit(any());
    }

    /** A body sent without a length (chunked) is read up to the activity limit, not further. */
    @Test
    void aBodyWithoutALengthPastTheActivityLimitIs413() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/messages") {
            @Override
            public long getContentLengthLong() {
                return -1;
            }

            @Override
            public int getContentLength() {
                return -1;
            }
        };
        request.addHeader("Authorization", "Bearer " + token(c -> { }));
        request.setContentType(MediaType.APPLICATION_JSON_VALUE);
        request.setContent(message("x".repeat(20_000)).getBytes(StandardCharsets.UTF_8));
        MockHttpServletResponse response = new MockHttpServletResponse();
        endpoint.getFilter().doFilter(request, response, new MockFilterChain());
        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentAsString()).contains("the activity exceeds 16384 bytes");
        verify(turns, never()).submit(any());
    }

    @Test
    void answersAreNeverSniffedAsAnotherType() throws Exception {
        post(token(c -> { }), message("hello")).andExpect(status().isOk())
                .andExpect(header().string("X-Content-Type-Options", "nosniff"));
        post(null, message("hello")).andExpect(status().isUnauthorized())
                .andExpect(header().string("X-Content-Type-Options", "nosniff"));
    }

    // ---- helpers ------------------------------------------------------------------------------

    private JWTClaimsSet claims(Consumer<JWTClaimsSet.Builder> changes) {
        return TestKeys.claims(clock.instant(), changes);
    }

    private String token(Consumer<JWTClaimsSet.Builder> changes) {
        return TestKeys.sign(TestKeys.first(), claims(changes));
    }

    private void rejected(String token, String reason) throws Exception {
        post(token, message("hello")).andExpect(status().isUnauthorized()).andExpect(jsonPath("$.detail").value(reason));
        verify(turns, never()).submit(any());
    }

    private ResultActions post(String token, String body) throws Exception {
        var request = MockMvcRequestBuilders.post("/api/messages")
                .contentType(MediaType.APPLICATION_JSON).content(body);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return mvc.perform(request);
    }

    private Inbound submitted() {
        ArgumentCaptor<Inbound> captor = ArgumentCaptor.forClass(Inbound.class);
        verify(turns).submit(captor.capture());
        return captor.getValue();
    }

    static String message(String text) {
        return """
                {"type":"message","id":"1715000000000","timestamp":"2026-11-02T08:00:00.000Z","channelId":"msteams",
                 "serviceUrl":"%s","locale":"fr-FR",
                 "from":{"id":"29:1user","name":"Alice Martin","aadObjectId":"aad-alice"},
                 "recipient":{"id":"28:%s","name":"CertDesk"},
                 "conversation":{"id":"a:1conv","conversationType":"personal","tenantId":"tenant-1"},
                 "text":"%s","textFormat":"plain"}
                """.formatted(TestKeys.SERVICE_URL, TestKeys.APP_ID, text);
    }
}
