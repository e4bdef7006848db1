package org.certdesk.bot.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.certdesk.bot.testing.BotTest;
import org.certdesk.bot.testing.TestAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Client errors of any endpoint, as problem JSON with a reason (the test application adds a POST
 * endpoint, {@code /test/echo}, taking {@code {"text": "...", "count": 1}}; its body limit is 1 KB).
 */
@BotTest
class ApiProblemsTests {
    private static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;

    @Autowired
    MockMvc mvc;
    @LocalServerPort
    int port;

    @Test
    void aWellFormedRequestPasses() throws Exception {
        mvc.perform(post("/test/echo").contentType(MediaType.APPLICATION_JSON).content("{\"text\":\"hi\",\"count\":1}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.text").value("hi"));
    }

    @Test
    void malformedJsonIs400WithWhereItBroke() throws Exception {
        mvc.perform(post("/test/echo").contentType(MediaType.APPLICATION_JSON).content("{\"text\": \"hi\",, }"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("Invalid JSON (line 1, column")));
    }

    @Test
    void missingFieldsAre400NamingThem() throws Exception {
        mvc.perform(post("/test/echo").contentType(MediaType.APPLICATION_JSON).content("{\"text\": \"\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.containsString("count"), org.hamcrest.Matchers.containsString("text"))))
                .andExpect(jsonPath("$.errors.length()").value(2));
        mvc.perform(post("/test/echo").contentType(MediaType.APPLICATION_JSON))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("The request body is missing."));
    }

    @Test
    void anotherMediaTypeIs415() throws Exception {
        mvc.perform(post("/test/echo").contentType(MediaType.TEXT_PLAIN).content("hi"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.status").value(415));
    }

    @Test
    void anUnknownPathIs404() throws Exception {
        mvc.perform(get("/no/such/thing"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.detail").value("No endpoint GET /no/such/thing."));
    }

    @Test
    void aDeclaredOversizedBodyIs413BeforeAnythingReadsIt() throws Exception {
        mvc.perform(post("/test/echo").contentType(MediaType.APPLICATION_JSON).content(body(2000)))
                .andExpect(status().is(413))
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.detail").value("The request body is larger than the limit of 1024 bytes."));
    }

    @Test
    void aChunkedOversizedBodyIs413WhileItIsRead() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/test/echo"))
                .header("Content-Type", "application/json")
                // No length known in advance: sent chunked, counted by the filter as it is read.
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body(5000))))
                .build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("larger than the limit of 1024 bytes");
    }

    @Test
    void healthAndMetricsAreExposed() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
        mvc.perform(get("/actuator/metrics/certdesk.outbox.backlog")
                        .header("Authorization", TestAccounts.basic(TestAccounts.ADMIN))).andExpect(status().isOk())
                .andExpect(jsonPath("$.measurements[0].value").isNumber());
        // Metrics are for admins: nobody else, not even an agent.
        mvc.perform(get("/actuator/metrics/certdesk.outbox.backlog")).andExpect(status().isUnauthorized());
        mvc.perform(get("/actuator/metrics/certdesk.outbox.backlog")
                .header("Authorization", TestAccounts.basic(TestAccounts.AGENT))).andExpect(status().isForbidden());
    }

    private static byte[] body(int size) {
        return ("{\"text\":\"" + "x".repeat(size) + "\",\"count\":1}").getBytes(StandardCharsets.UTF_8);
    }
}
