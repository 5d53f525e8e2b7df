package ai.brevetti.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium driven by Selenium through Debian's chromedriver (nothing downloaded), with
 * background networking off: tests see only what the page itself loads.
 */
public final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final Path profile;

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
