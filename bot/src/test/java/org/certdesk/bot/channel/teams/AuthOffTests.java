package org.certdesk.bot.channel.teams;

import org.certdesk.bot.conversation.Inbound;
import org.certdesk.bot.conversation.TurnSubmitter;
import org.certdesk.dialogs.engine.UserInput;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Without an app id (local use): no token needed, but only from loopback. */
@WebMvcTest(properties = "certdesk.bot.app-id=")
class AuthOffTests {
    @Autowired
    private MockMvc mvc;
    @MockitoBean
    private TurnSubmitter turns;

    @org.junit.jupiter.api.BeforeEach
    void answeredAsSubmitIs() {
        when(turns.submit(any(), any())).thenCallRealMethod();
    }

    @Test
    void aLocalCallerNeedsNoToken() throws Exception {
        when(turns.submit(any())).thenReturn(TurnSubmitter.Submission.ACCEPTED);
        mvc.perform(post("/api/messages").contentType(MediaType.APPLICATION_JSON)
                        .content(MessagingEndpointTests.message("hello")))
                .andExpect(status().isOk());
        ArgumentCaptor<Inbound> inbound = ArgumentCaptor.forClass(Inbound.class);
        verify(turns).submit(inbound.capture());
        assertThat(inbound.getValue().input()).isEqualTo(new UserInput.Text("hello"));
    }

    @Test
    void anIdTheStoreCannotKeepIsABadRequest() throws Exception {
        // What the real submitter says of a conversation id over 512 characters.
        when(turns.submit(any())).thenThrow(new IllegalArgumentException("conversation id must have 1 to 512 characters, has 600"));
        mvc.perform(post("/api/messages").contentType(MediaType.APPLICATION_JSON)
                        .content(MessagingEndpointTests.message("hello")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("conversation id must have 1 to 512 characters, has 600"));
    }

    @Test
    void aRemoteCallerIsRefused() throws Exception {
        mvc.perform(post("/api/messages").contentType(MediaType.APPLICATION_JSON)
                        .content(MessagingEndpointTests.message("hello"))
                        .with(request -> {
                            request.setRemoteAddr("203.0.113.7");
                            return request;
                        }))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.detail").value("authentication is off (no app id): only local callers are accepted"));
        verify(turns, never()).submit(any());
    }

    @Test
    void aCallerForwardedByALocalProxyIsRefused() throws Exception {
        // nginx on the same host: the socket is local, the caller is not.
        mvc.perform(post("/api/messages").contentType(MediaType.APPLICATION_JSON)
                        .content(MessagingEndpointTests.message("hello"))
                        .header("X-Forwarded-For", "203.0.113.7"))
                .andExpect(status().isUnauthorized());
        mvc.perform(post("/api/messages").contentType(MediaType.APPLICATION_JSON)
                        .content(MessagingEndpointTests.message("hello"))
                        .header("Forwarded", "for=203.0.113.7"))
                .andExpect(status().isUnauthorized());
        verify(turns, never()).submit(any());
    }
}
