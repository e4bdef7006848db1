package org.certdesk.bot.channel.webchat;

import org.certdesk.bot.testing.HeadlessChromium;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The web chat page in headless Chromium, as a person uses it: read the transcript, click a button. */
final class ChatPage implements AutoCloseable {
    static final Path SCREENSHOTS = Path.of("target", "webchat-e2e");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final ChromeDriver browser;

    private ChatPage(ChromeDriver browser) {
        this.browser = browser;
    }

    /** Opens {@code url} in a new browser whose language is {@code language}; skips or fails without Chromium. */
    static ChatPage open(String url, String language, Path profile) throws IOException {
        ChatPage page = new ChatPage(HeadlessChromium.start(language, profile));
        page.browser.get(url);
        return page;
    }

    void waitForText(String text) {
        new WebDriverWait(browser, PATIENCE).withMessage(() -> "no \"" + text + "\" in the transcript:\n" + transcript())
                .until(driver -> transcript().contains(text));
    }

    /** Clicks the suggested action labelled {@code label} once Web Chat shows it. */
    void click(String label) {
        new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.elementToBeClickable(suggestedAction(label))).click();
    }

    /** Types {@code text} in Web Chat's send box and sends it, as an employee would. */
    void type(String text) {
        WebElement box = new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#webchat input[type='text'], #webchat textarea")));
        box.sendKeys(text);
        box.sendKeys(org.openqa.selenium.Keys.ENTER);
    }

    void waitForButton(String label) {
        new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.elementToBeClickable(suggestedAction(label)));
    }

    String transcript() {
        return browser.findElement(By.id("webchat")).getText();
    }

    String text(String elementId) {
        return browser.findElement(By.id(elementId)).getText();
    }

    List<String> hosts() {
        return browser.findElements(By.cssSelector("#hosts li")).stream().map(WebElement::getText).toList();
    }

    String language() {
        return browser.findElement(By.tagName("html")).getAttribute("lang");
    }

    String title() {
        return browser.getTitle();
    }

    boolean hasButton(String label) {
        return !browser.findElements(By.xpath("//button[normalize-space()=\"" + label + "\"]")).isEmpty();
    }

    /**
     * Errors the page's console got, and Content-Security-Policy refusals (warnings in Chromium): the
     * policy must let Web Chat work, and no Direct Line call may fail.
     */
    List<String> browserErrors() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue()
                        || entry.getMessage().contains("Content Security Policy"))
                .map(LogEntry::toString)
                .toList();
    }

    void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    private static By suggestedAction(String label) {
        return By.xpath("//button[contains(@class, 'webchat__suggested-action')][normalize-space()=\"" + label + "\"]");
    }

    @Override
    public void close() {
        browser.quit();
    }
}
