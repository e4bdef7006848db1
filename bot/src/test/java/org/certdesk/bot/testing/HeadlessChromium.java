package org.certdesk.bot.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * Debian's chromium and chromedriver, headless, driven by Selenium without Selenium Manager (it
 * would download a browser and a driver; this machine reaches no such site). Without chromium the
 * page test fails on CI (the environment variable CI is set: .ci/run installs it) and is skipped
 * elsewhere, saying what to install.
 */
public final class HeadlessChromium {
    public static final Path BROWSER = Path.of(System.getProperty("webchat.chromium", "/usr/bin/chromium"));
    public static final Path DRIVER = Path.of(System.getProperty("webchat.chromedriver", "/usr/bin/chromedriver"));

    private HeadlessChromium() {
    }

    /** A new browser with a fresh profile; the page's language is {@code language} (e.g. {@code fr-FR}). */
    public static ChromeDriver start(String language, Path profile) throws IOException {
        requireInstalled();
        System.setProperty("webdriver.chrome.driver", DRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
                "--no-first-run", "--no-default-browser-check", "--window-size=1100,1500",
                "--user-data-dir=" + Files.createDirectories(profile), "--lang=" + language);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .withEnvironment(Map.of("LANGUAGE", language.replace('-', '_'))).build();
        return new ChromeDriver(service, options);
    }

    /**
     * Errors logged by the pages under {@code path} and their calls, and Content-Security-Policy
     * refusals there: a page's policy must let it work. (The sign-in page is not judged here.)
     */
    public static List<String> consoleProblems(ChromeDriver browser, String path) {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue()
                        || entry.getMessage().contains("Content Security Policy"))
                .filter(entry -> entry.getMessage().contains(path))
                .map(LogEntry::toString)
                .toList();
    }

    /** Saves what the browser shows as {@code directory/name.png}. */
    public static void screenshot(ChromeDriver browser, Path directory, String name) throws IOException {
        Files.createDirectories(directory);
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), directory.resolve(name + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Fails (on CI) or skips the test when chromium or chromedriver is missing. Called from the
     * test itself, not a class-level hook: surefire then reports each test as skipped, with why.
     */
    private static void requireInstalled() {
        if (Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER)) {
            return;
        }
        String message = "headless Chromium is needed for the page tests (web chat, agent console): " + BROWSER + " and " + DRIVER
                + " (Debian: apt-get install -y chromium chromium-driver)";
        if (System.getenv("CI") != null) {
            fail(message + " - CI must install them");
        }
        Assumptions.abort(message + " - skipped");
    }
}
