package org.certdesk.bot.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.certdesk.bot.testing.HeadlessChromium;
import org.certdesk.bot.testing.TestAccounts;
import org.certdesk.dialogs.load.DefaultScripts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An admin, in headless Chromium, rewords one state of the script in the editor, sees the linter
 * flag a mistake as they type and the flag go once it is fixed, publishes, and then finds the new
 * wording in the web chat. Screenshots go to target/admin-e2e/, also when it fails.
 */
@AdminBotTest
class AdminEditorPageTests {
    static final Path SCREENSHOTS = Path.of("target", "admin-e2e");
    static final String ID = DefaultScripts.ANDROID_MISSING_CERTIFICATE;
    static final String OLD_TEXT = "Quelle version d’Android a votre téléphone ?";
    static final String BROKEN_TEXT = "Quelle version d’Android a votre {{modele}} ?";
    static final String NEW_TEXT = "Quelle version d’Android fait tourner votre téléphone ?";

    @LocalServerPort
    int port;
    @TempDir
    Path profile;
    @Autowired
    ScriptAdmin admin;

    @AfterEach
    void publishTheShippedScriptAgain() {
        admin.publish(ID, DefaultScripts.yaml(ID), new ScriptAdmin.Change("test", null, "back to the shipped text"));
    }

    @Test
    void anAdminRewordsAStateFixesALintErrorPublishesAndTheWebChatSaysTheNewText() throws Exception {
        ChromeDriver browser = HeadlessChromium.start("fr-FR", profile);
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.get("http://localhost:" + port + "/admin/");
            // Not signed in: the sign-in form, then back to the editor.
            wait.until(d -> d.getCurrentUrl().contains("/login"));
            browser.findElement(By.id("username")).sendKeys(TestAccounts.ADMIN[0]);
            browser.findElement(By.id("password")).sendKeys(TestAccounts.ADMIN[1]);
            browser.findElement(By.id("sign-in")).click();
            wait.until(d -> d.getCurrentUrl().contains("/admin/"));
            wait.withMessage("the editor shows the published script, linted clean")
                    .until(d -> editorText(browser).contains(OLD_TEXT)
                            && text(browser, "lint-state").startsWith("Aucun problème"));
            wait.withMessage("the diagram is drawn").until(d -> !d.findElements(By.cssSelector("#diagram svg")).isEmpty());
            screenshot(browser, "1-editor");

            type(browser, OLD_TEXT, BROKEN_TEXT);
            wait.withMessage(() -> "a problem about {{modele}} at its line; problems: " + text(browser, "problems"))
                    .until(d -> text(browser, "problems").contains("modele"));
            assertThat(browser.findElement(By.id("publish")).isEnabled()).isFalse();
            assertThat(browser.findElements(By.cssSelector(".CodeMirror-lint-marker-error"))).isNotEmpty();
            screenshot(browser, "2-lint-error");

            type(browser, BROKEN_TEXT, NEW_TEXT);
            wait.withMessage(() -> "the problem goes; problems: " + text(browser, "problems"))
                    .until(d -> text(browser, "problems").isEmpty()
                            && text(browser, "lint-state").startsWith("Aucun problème")
                            && d.findElement(By.id("publish")).isEnabled());
            // The draft, before it is published, in the preview chat; the admin answers the probe.
            browser.findElement(By.cssSelector("[data-tab=preview]")).click();
            wait.withMessage("the preview speaks the draft")
                    .until(d -> text(browser, "preview-log").contains(NEW_TEXT));
            wait.until(d -> d.findElement(By.xpath("//div[@id='preview-buttons']/button[.='Android 11 ou plus récent']")))
                    .click();
            wait.until(d -> d.findElement(By.xpath("//div[@id='preview-buttons']/button[.='one_missing']"))).click();
            wait.withMessage(() -> "the picked outcome answers the action: " + text(browser, "preview-log"))
                    .until(d -> text(browser, "preview-log").contains("Contoso Issuing CA 1"));
            screenshot(browser, "3-preview");

            browser.findElement(By.id("comment")).sendKeys("question plus claire");
            browser.findElement(By.id("publish")).click();
            wait.withMessage(() -> "published; result: " + text(browser, "publish-result"))
                    .until(d -> text(browser, "publish-result").contains("publiée"));
            browser.findElement(By.cssSelector("[data-tab=history]")).click();
            wait.withMessage(() -> "the history shows who published, with the comment: " + text(browser, "versions"))
                    .until(d -> text(browser, "versions").contains("carol")
                            && text(browser, "versions").contains("question plus claire"));
            screenshot(browser, "4-published");
            assertThat(consoleProblems(browser)).isEmpty();

            browser.get("http://localhost:" + port + "/");
            wait.withMessage("the web chat asks with the new wording")
                    .until(d -> d.findElement(By.id("webchat")).getText().contains(NEW_TEXT));
            assertThat(browser.findElement(By.id("webchat")).getText()).doesNotContain(OLD_TEXT);
            screenshot(browser, "5-webchat");
        } finally {
            screenshot(browser, "last");
            browser.quit();
        }
    }

    /** Selects {@code old} in the editor and types {@code replacement} over it, as a person would. */
    private static void type(ChromeDriver browser, String old, String replacement) {
        browser.executeScript("var cm = window.certdeskEditor; var i = cm.getValue().indexOf(arguments[0]);"
                + " cm.focus(); cm.setSelection(cm.posFromIndex(i), cm.posFromIndex(i + arguments[0].length));"
                + " cm.scrollIntoView(cm.posFromIndex(i), 100);", old);
        WebElement input = browser.findElement(By.cssSelector(".CodeMirror textarea"));
        input.sendKeys(replacement);
    }

    private static String editorText(ChromeDriver browser) {
        Object value = browser.executeScript("return window.certdeskEditor ? window.certdeskEditor.getValue() : ''");
        return value == null ? "" : value.toString();
    }

    private static String text(ChromeDriver browser, String id) {
        return browser.findElement(By.id(id)).getText().strip();
    }

    private static List<String> consoleProblems(ChromeDriver browser) {
        return HeadlessChromium.consoleProblems(browser, "/admin");
    }

    private static void screenshot(ChromeDriver browser, String name) throws java.io.IOException {
        HeadlessChromium.screenshot(browser, SCREENSHOTS, name);
    }
}
