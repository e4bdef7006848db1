package org.certdesk.bot.helpdesk;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.certdesk.bot.testing.TestAccounts;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/** The helpdesk API as a script uses it: HTTP Basic, JSON. */
final class AgentApi {
    private static final JsonMapper JSON = JsonMapper.shared();

    private final MockMvc mvc;
    private final String[] account;

    AgentApi(MockMvc mvc, String[] account) {
        this.mvc = mvc;
        this.account = account;
    }

    /** Waits until the conversation's case is queued, and returns it (as the list gives it). */
    JsonNode queuedCaseOf(String conversationId) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            for (JsonNode c : json(call("GET", "/api/agent/cases?status=open", null))) {
                if (c.path("employee").path("conversationId").asString("").equals(conversationId)) {
                    found[0] = c;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    JsonNode get(long id) {
        return json(call("GET", "/api/agent/cases/" + id, null));
    }

    MockHttpServletResponse take(long id) {
        return call("POST", "/api/agent/cases/" + id + "/take", null);
    }

    MockHttpServletResponse say(long id, String text) {
        return call("POST", "/api/agent/cases/" + id + "/messages",
                JSON.writeValueAsString(JsonNodeFactory.instance.objectNode().put("text", text)));
    }

    /** With the client's message id, as the console sends it. */
    MockHttpServletResponse say(long id, String text, String messageId) {
        return call("POST", "/api/agent/cases/" + id + "/messages",
                JSON.writeValueAsString(JsonNodeFactory.instance.objectNode().put("text", text).put("id", messageId)));
    }

    MockHttpServletResponse resolve(long id) {
        return call("POST", "/api/agent/cases/" + id + "/resolve", null);
    }

    MockHttpServletResponse giveBack(long id, String state) {
        return call("POST", "/api/agent/cases/" + id + "/return",
                JSON.writeValueAsString(JsonNodeFactory.instance.objectNode().put("state", state)));
    }

    MockHttpServletResponse call(String method, String path, String body) {
        try {
            var request = ("GET".equals(method) ? MockMvcRequestBuilders.get(path) : MockMvcRequestBuilders.post(path))
                    .header(HttpHeaders.AUTHORIZATION, TestAccounts.basic(account))
                    .accept(MediaType.APPLICATION_JSON);
            if (body != null) {
                request.contentType(MediaType.APPLICATION_JSON).content(body);
            }
            return mvc.perform(request).andReturn().getResponse();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(MockHttpServletResponse response) {
        try {
            if (response.getStatus() >= 300) {
                throw new AssertionError("HTTP " + response.getStatus() + ": " + response.getContentAsString());
            }
            return JSON.readTree(response.getContentAsString());
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
