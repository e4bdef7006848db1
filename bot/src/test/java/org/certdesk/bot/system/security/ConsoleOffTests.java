package org.certdesk.bot.system.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import org.certdesk.bot.system.CertdeskApplication;
import org.certdesk.bot.testing.BotTestConfiguration;
import org.certdesk.bot.testing.TestAccounts;
import org.certdesk.bot.testing.TestApplications;
import org.certdesk.bot.testing.TestProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Without any account the service still starts; its consoles say they are off, the chat works. */
class ConsoleOffTests {
    private static ConfigurableApplicationContext app;
    private static int port;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        Map<String, Object> properties = new HashMap<>(TestProperties.with(TestProperties.h2(TestProperties.h2Memory())));
        properties.keySet().removeIf(key -> key.startsWith("certdesk.security."));
        properties.put("server.port", "0");
        app = new SpringApplicationBuilder(CertdeskApplication.class, BotTestConfiguration.class)
                .web(WebApplicationType.SERVLET)
                .initializers(context -> TestProperties.apply(context, properties))
                .run();
        port = TestApplications.port(app);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void theConsolesAnswer503SayingWhatToConfigure() throws Exception {
        HttpResponse<String> api = get("/api/agent/cases", TestAccounts.basic(TestAccounts.AGENT));
        assertThat(api.statusCode()).isEqualTo(503);
        assertThat(api.body()).contains("certdesk.security.users");
        HttpResponse<String> page = get("/admin/", null);
        assertThat(page.statusCode()).isEqualTo(503);
        assertThat(page.body()).contains("certdesk.security.users");
    }

    @Test
    void theWebChatPageStillOpens() throws Exception {
        assertThat(get("/", null).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
