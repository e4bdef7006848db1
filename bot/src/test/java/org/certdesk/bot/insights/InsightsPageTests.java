package org.certdesk.bot.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

import org.certdesk.bot.testing.BotTest;
import org.certdesk.bot.testing.HeadlessChromium;
import org.certdesk.bot.testing.TestAccounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An admin, in headless Chromium and in French, opens the dashboard on a period of known
 * conversations: the charts are drawn (by Chart.js, from the API's figures), the helpdesk times and
 * the open finding with its fix are shown, and the page's policy refuses nothing. The screenshot
 * goes to target/insights-e2e/ (the one in docs/ is taken from it).
 */
@BotTest
class InsightsPageTests {
    static final Path SCREENSHOTS = Path.of("target", "insights-e2e");
    static final String FIRST_DAY = "2020-03-01";
    static final String[] CHARTS = {"chart-days", "chart-outcomes", "chart-funnel", "chart-verdicts"};

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @TempDir
    Path profile;

    @Test
    void anAdminSeesTheChartsTheHelpdeskTimesAndTheOpenFindingWithItsFix() throws Exception {
        KnownConversations known = new KnownConversations(jdbc, FIRST_DAY, "adfs.contoso.com");
        known.write();
        jdbc.sql("INSERT INTO server_findings (host, port, code, certificate_name, certificate_sha256, finding_key, open_key,"
                        + " status, android_levels, detail, first_seen, last_seen) VALUES (:host, 443, 'INCOMPLETE_CHAIN',"
                        + " 'Contoso Issuing CA 1', :sha, :key, :key, 'OPEN', '24,25,26,27,28,29,30,31,32,33,34,35,36',"
                        + " 'served without it', :at, :at)")
                .param("host", known.host).param("sha", "9a".repeat(32)).param("key", known.host + ":443|test")
                .param("at", KnownConversations.at(FIRST_DAY, "08:00").atOffset(ZoneOffset.UTC)).update();

        ChromeDriver browser = HeadlessChromium.start("fr-FR", profile);
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.get("http://localhost:" + port + "/admin/insights?from=2020-03-01&to=2020-03-03");
            wait.until(d -> d.getCurrentUrl().contains("/login"));
            browser.findElement(By.id("username")).sendKeys(TestAccounts.ADMIN[0]);
            browser.findElement(By.id("password")).sendKeys(TestAccounts.ADMIN[1]);
            browser.findElement(By.id("sign-in")).click();
            wait.withMessage(() -> "the dashboard loads its figures; error: " + text(browser, "error"))
                    .until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));

            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Le bot aide-t-il ?");
            assertThat(text(browser, "kpi-conversations")).isEqualTo("5");
            assertThat(text(browser, "kpi-resolved")).isEqualTo("20 %");
            for (String chart : CHARTS) {
                assertThat(browser.executeScript("var c = Chart.getChart(document.getElementById(arguments[0]));"
                        + " if (!c) { return false; } var canvas = c.canvas; var pixels = canvas.getContext('2d')"
                        + ".getImageData(0, 0, canvas.width, canvas.height).data;"
                        + " for (var i = 3; i < pixels.length; i += 4) { if (pixels[i] !== 0) { return true; } } return false;",
                        chart)).as("%s is drawn", chart).isEqualTo(true);
            }
            assertThat(browser.executeScript("return Chart.getChart(document.getElementById('chart-days')).data.datasets[0].data"))
                    .isEqualTo(List.of(2L, 1L, 2L));
            assertThat(browser.executeScript("return Chart.getChart(document.getElementById('chart-funnel')).data.labels"))
                    .isEqualTo(List.of("ask_version", "analyze", "confirm", "show_missing"));
            assertThat(text(browser, "take-median")).isEqualTo("2 min");
            assertThat(text(browser, "take-p90")).isEqualTo("10 min");
            assertThat(text(browser, "resolve-median")).isEqualTo("20 min");
            String findings = text(browser, "findings");
            assertThat(findings).contains(known.host, "certificat intermédiaire non envoyé", "Contoso Issuing CA 1",
                    "Ordinateur local\\Autorités de certification intermédiaires", "openssl s_client");
            assertThat(browser.findElement(By.id("csv")).getAttribute("href"))
                    .endsWith("/api/admin/insights.csv?from=2020-03-01&to=2020-03-03");
            // Tall enough for the findings too: this is the screenshot of docs/admin-insights.md.
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(1100, 2000));
            wait.until(d -> Boolean.TRUE.equals(browser.executeScript("return document.readyState === 'complete'")));
            screenshot(browser, "dashboard");
            assertThat(HeadlessChromium.consoleProblems(browser, "/admin")).isEmpty();
        } finally {
            screenshot(browser, "last");
            browser.quit();
        }
    }

    private static String text(ChromeDriver browser, String id) {
        return browser.findElement(By.id(id)).getText().strip();
    }

    private static void screenshot(ChromeDriver browser, String name) throws java.io.IOException {
        HeadlessChromium.screenshot(browser, SCREENSHOTS, name);
    }
}
