package org.certdesk.bot.channel.webchat;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Direct Line calls as Web Chat makes them, over MockMvc. */
final class DirectLine {
    static final String BASE = "/v3/directline";

    /** A conversation as the page sees it: its id and the token bound to it. */
    record Session(String conversationId, String token) {}

    private final MockMvc mvc;
    private final JsonMapper json = JsonMapper.builder().build();

    DirectLine(MockMvc mvc) {
        this.mvc = mvc;
    }

    /** POST /tokens/generate then POST /conversations, as the page and Web Chat do. */
    Session open(String locale) throws Exception {
        Session session = generate(locale);
        start(session.token()).andExpect(result -> {
            if (result.getResponse().getStatus() != 201) {
                throw new AssertionError("start answered " + result.getResponse().getStatus());
            }
        });
        return session;
    }

    Session generate(String locale) throws Exception {
        String body = locale == null ? "" : "{\"locale\":\"" + locale + "\"}";
        JsonNode answer = read(mvc.perform(MockMvcRequestBuilders.post(BASE + "/tokens/generate").contentType(MediaType.APPLICATION_JSON)
                .content(body)));
        return new Session(answer.get("conversationId").stringValue(), answer.get("token").stringValue());
    }

    ResultActions start(String token) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.post(BASE + "/conversations").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).content("{\"user\":{\"id\":\"dl_u1\"}}"));
    }

    ResultActions post(String token, String conversationId, String activity) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.post(BASE + "/conversations/" + conversationId + "/activities")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token).contentType(MediaType.APPLICATION_JSON)
                .content(activity));
    }

    ResultActions activities(String token, String conversationId, String watermark) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.get(BASE + "/conversations/" + conversationId + "/activities")
                .param("watermark", watermark).header(HttpHeaders.AUTHORIZATION, "Bearer " + token));
    }

    JsonNode read(ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString());
    }

    /** A Web Chat text message with its client activity id. */
    static String message(String text, String clientActivityId) {
        return "{\"type\":\"message\",\"text\":\"" + text + "\",\"locale\":\"fr-FR\","
                + "\"from\":{\"id\":\"dl_u1\",\"name\":\"\",\"role\":\"user\"},"
                + "\"channelData\":{\"clientActivityID\":\"" + clientActivityId + "\",\"clientTimestamp\":\"2026-11-20T09:00:00Z\"}}";
    }

    /** What Web Chat posts for a click on a messageBack suggested action. */
    static String messageBack(String label, String value, String clientActivityId) {
        return "{\"type\":\"message\",\"text\":\"" + label + "\",\"value\":\"" + value + "\","
                + "\"from\":{\"id\":\"dl_u1\",\"role\":\"user\"},"
                + "\"channelData\":{\"clientActivityID\":\"" + clientActivityId + "\",\"messageBack\":{\"displayText\":\""
                + label + "\"}}}";
    }
}
