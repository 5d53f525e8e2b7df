package ai.brevetti.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Selenium through Debian's chromedriver (nothing downloaded), with
 * background networking off: tests see only what the page itself loads.
 */
public final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final Path profile;
    /** The site {@link #open} opens paths of, and the only origin {@link #assertOnlyOwnRequests} allows. */
    private String origin = "";

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Why the browser tests cannot run here, or null when they can. */
    public static String missing() {
        if (!Files.isExecutable(CHROMIUM)) {
            return "no " + CHROMIUM + " (apt-get install chromium)";
        }
        if (!Files.isExecutable(DRIVER)) {
            return "no " + DRIVER + " (apt-get install chromium-driver)";
        }
        return null;
    }

    public static Browser start() throws Exception {
        Path profile = Files.createTempDirectory("chromium-profile-");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,1600", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options), profile);
    }

    /**
     * A browser logged in to {@code platform} as a person would: its login link (as {@code bin/brevettiai
     * platform} prints it) sets the session cookie and redirects to the index without the token.
     */
    public static Browser loggedIn(ai.brevetti.localplatform.LocalPlatform platform) throws Exception {
        Browser browser = start();
        browser.driver.get(platform.loginLink().reveal());
        String index = platform.url() + "/";
        if (!index.equals(browser.driver.getCurrentUrl())) {
            String at = browser.driver.getCurrentUrl();
            browser.close();
            throw new AssertionError("The login link should redirect to " + index + " without the token, not to " + at);
        }
        browser.origin = platform.url();
        return browser;
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** The browser console's messages of level SEVERE since the last call. */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
    }

    /** Runs a script in the page and returns its result. */
    public Object script(String js, Object... args) {
        return driver.executeScript(js, args);
    }

    /** Opens {@code path} of the platform this browser logged in to. */
    public void open(String path) {
        driver.get(origin + path);
    }

    /** Waits up to 30 s until the script condition {@code jsCondition} holds in the page; fails saying {@code what}. */
    public void waitFor(String what, String jsCondition) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).withMessage(what)
                .until(d -> Boolean.TRUE.equals(script("return !!(" + jsCondition + ")")));
    }

    /** How many elements match {@code selector}. */
    public int count(String selector) {
        return ((Number) script("return document.querySelectorAll(arguments[0]).length", selector)).intValue();
    }

    /** The text content of each element matching {@code selector}, trimmed. */
    @SuppressWarnings("unchecked")
    public List<String> texts(String selector) {
        return (List<String>) script("return Array.from(document.querySelectorAll(arguments[0])).map(e => e.textContent.trim())", selector);
    }

    /** The rendered text ({@code innerText}: what a reader sees) of each element matching {@code selector}, trimmed. */
    @SuppressWarnings("unchecked")
    public List<String> visibleTexts(String selector) {
        return (List<String>) script("return Array.from(document.querySelectorAll(arguments[0])).map(e => e.innerText.trim())", selector);
    }

    /** Every resource the page loaded, checked to come from the platform it logged in to, none from another site. */
    @SuppressWarnings("unchecked")
    public List<String> assertOnlyOwnRequests() {
        List<String> loaded = (List<String>) script("return performance.getEntriesByType('resource').map(e => e.name)");
        for (String url : loaded) {
            assertTrue(url.startsWith(origin + "/"), "a request to another site: " + url);
        }
        return loaded;
    }

    /** Checks that the browser console had no error since the last look. */
    public void assertNoConsoleErrors() {
        assertEquals(List.of(), consoleErrors(), "browser console errors");
    }

    /** The whole page (the window grown to its height, at most 6,000 px) as PNG, checked to hold more than a blank page. */
    public Path fullPageScreenshot(Path file) throws Exception {
        long height = ((Number) script("return document.documentElement.scrollHeight")).longValue();
        driver.manage().window().setSize(new Dimension(1280, (int) Math.min(height + 100, 6000)));
        screenshot(file);
        assertTrue(Files.size(file) > 10_000, "screenshot " + file);
        return file;
    }

    /** Saves a screenshot as PNG. */
    public Path screenshot(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        return Files.write(file, driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
    }

    @Override
    public void close() {
        driver.quit();
        try (var walk = Files.walk(profile)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception e) {
            // a temporary profile left behind
        }
    }

}
