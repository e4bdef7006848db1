package org.certdesk.bot.system.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.certdesk.bot.testing.TestAccounts;
import org.certdesk.bot.testing.TestApplications;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two instances on one PostgreSQL behind a load balancer that keeps nobody on one instance: the
 * browser signs in through one, works through the other, signs out through one and is signed out
 * on both.
 */
class SessionsAcrossInstancesTests {
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void startTwoInstances() {
        Map<String, Object> database = TestApplications.newPostgresDatabase();
        first = TestApplications.start(database, Map.of(), WebApplicationType.SERVLET);
        second = TestApplications.start(database, Map.of(), WebApplicationType.SERVLET);
    }

    @AfterAll
    static void stop() {
        second.close();
        first.close();
    }

    @Test
    void aSessionSignedInOnOneInstanceIsUsedOnTheOtherAndSigningOutAnywhereSignsOutEverywhere()
            throws Exception {
        // One browser: its cookies go to both instances (same host), as through a load balancer.
        CookieManager cookies = new CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).build();

        assertThat(browser.send(get(first, "/login"), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);
        HttpResponse<String> signIn = browser.send(post(second, "/login", cookies, "username="
                + form(TestAccounts.AGENT[0]) + "&password=" + form(TestAccounts.AGENT[1])),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signIn.headers().firstValue("Location")).as("signed in through the second instance")
                .hasValueSatisfying(location -> assertThat(location).endsWith("/agent/"));

        assertThat(consoleCall(browser, first).statusCode()).as("the first instance knows the session")
                .isEqualTo(200);
        assertThat(consoleCall(browser, second).statusCode()).isEqualTo(200);

        HttpResponse<String> signOut = browser.send(post(first, "/logout", cookies, ""),
                HttpResponse.BodyHandlers.ofString());
        // 204 to a script's sign-out, a redirection to the sign-in page for a form's.
        assertThat(signOut.statusCode()).as("signed out through the first instance").isIn(204, 302);
        assertThat(consoleCall(browser, second).statusCode()).as("the second instance forgot the session too")
                .isEqualTo(401);
    }

    @Test
    void eachInstanceAnswersTheLoadBalancersLivenessAndReadinessChecksWithoutSignIn() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (ConfigurableApplicationContext app : List.of(first, second)) {
            for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
                HttpResponse<String> answer = client.send(HttpRequest.newBuilder(uri(app, probe)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(probe).isEqualTo(200);
                assertThat(answer.body()).as(probe).contains("\"status\":\"UP\"");
            }
        }
    }

    private static HttpResponse<String> consoleCall(HttpClient browser, ConfigurableApplicationContext app)
            throws Exception {
        return browser.send(HttpRequest.newBuilder(uri(app, "/api/agent/cases?status=open"))
                .header("Accept", "application/json").header("X-Certdesk-Console", "1").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest get(ConfigurableApplicationContext app, String path) {
        return HttpRequest.newBuilder(uri(app, path)).header("Accept", "text/html").build();
    }

    /** A form POST with the CSRF token of the XSRF-TOKEN cookie, as the console's pages send it. */
    private static HttpRequest post(ConfigurableApplicationContext app, String path, CookieManager cookies,
            String form) {
        String token = cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("XSRF-TOKEN")).findFirst().orElseThrow().getValue();
        return HttpRequest.newBuilder(uri(app, path)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", token).POST(HttpRequest.BodyPublishers.ofString(form)).build();
    }

    private static URI uri(ConfigurableApplicationContext app, String path) {
        return URI.create("http://localhost:" + TestApplications.port(app) + path);
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
