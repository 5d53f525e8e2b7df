package ai.brevetti.localplatform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.platform.Dataset;
import ai.brevetti.platform.HttpPlatformClient;
import ai.brevetti.platform.Job;
import ai.brevetti.platform.Model;
import ai.brevetti.platform.PlatformApi;
import ai.brevetti.settings.GenericSettings;
import ai.brevetti.testing.Browser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;

/**
 * The index and the comparison page in Debian's headless Chromium: three trained models and a failed one;
 * the index sorts by a metric column, filters by status and text, keeps a selection across pages and opens
 * the comparison, which overlays the curves per metric and redraws them on a log scale and smoothed. No
 * console errors, nothing from another site. Screenshots stay in {@code target/run-index.png} and
 * {@code target/run-compare.png}.
 */
class RunPagesIT {
    static final Path TARGET = Path.of(System.getProperty("brevettiai.root", ".")).resolve("localplatform/target");

    @TempDir
    static Path dir;
    static LocalPlatform platform;
    static PlatformApi api;
    static Dataset dataset;
    static Model fast;
    static Model slow;
    static Model steady;
    static Model broken;
    Browser browser;

    @BeforeAll
    static void start() throws Exception {
        String missing = Browser.missing();
        Assumptions.assumeTrue(missing == null, "Run page tests skipped: " + missing);
        platform = LocalPlatform.start(LocalPlatform.Config.ephemeral(dir.resolve("platform")));
        api = platform.api();
        dataset = api.createDataset("vials", "", "", List.of());
        fast = train("fast", 0.1, 0.15, true);
        slow = train("slow", 0.001, 0.4, true);
        steady = train("steady", 0.01, 0.25, true);
        broken = train("broken", 1.0, 0.9, false);
    }

    /** A model trained 6 epochs at learning rate lr (loss falls to finalLoss, val_loss starts at 0 for fast), completed or failed. */
    static Model train(String name, double lr, double finalLoss, boolean complete) throws Exception {
        Model model = api.createModel(name, List.of(dataset.id()), Map.of("epochs", 6, "lr", lr, "batch", 32), List.of());
        try (Job<GenericSettings> job = PageFixtures.job(platform, model)) {
            HttpPlatformClient client = (HttpPlatformClient) job.platform();
            for (int epoch = 1; epoch <= 6; epoch++) {
                double loss = finalLoss + (1.0 - finalLoss) * Math.pow(0.5, epoch - 1) + (epoch % 2) * 0.05;
                Map<String, Object> point = new LinkedHashMap<>();
                point.put("epoch", epoch);
                point.put("loss", loss);
                point.put("accuracy", 1 - loss / 2);
                point.put("val_loss", name.equals("fast") && epoch == 1 ? 0.0 : loss * 1.1);
                client.postRemoteMonitor(point, true);
            }
            job.io().writeFile(job.artifactPath("output.json"),
                    "{\"output\": {\"loss\": " + finalLoss + ", \"accuracy\": " + (1 - finalLoss / 2) + ", \"images\": 120}}");
            if (complete) {
                job.completeJob(Files.writeString(dir.resolve(name + ".tar.gz"), "model"));
            } else {
                job.failJob("out of memory");
            }
        }
        return model;
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @BeforeEach
    void openBrowser() throws Exception {
        browser = Browser.loggedIn(platform);
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    Path screenshot(String name) throws Exception {
        return browser.fullPageScreenshot(TARGET.resolve(name));
    }

    @Test
    void theIndexSortsFiltersAndKeepsTheSelectionAcrossPages() throws Exception {
        browser.open("/");
        assertEquals(List.of("Name", "Kind", "Status", "accuracy", "images", "loss", "Datasets", "Tested model", "Created ▼"),
                browser.texts("#runs-table thead th a"), "the common metrics as columns");
        assertEquals(List.of("broken", "steady", "slow", "fast"), browser.texts("#runs-table td.name"));

        browser.driver().findElement(By.cssSelector("th[data-sort='metric:loss'] a")).click();
        browser.waitFor("sorted by loss", "location.search.includes('sort=metric%3Aloss')");
        assertEquals(List.of("fast", "steady", "slow", "broken"), browser.texts("#runs-table td.name"));
        assertEquals(List.of("0.15", "0.25", "0.4", "0.9"), browser.texts("#runs-table td[data-metric=loss]"));
        browser.driver().findElement(By.cssSelector("th[data-sort='metric:loss'] a")).click();
        browser.waitFor("sorted by loss, descending", "location.search.includes('order=desc')");
        assertEquals(List.of("broken", "slow", "steady", "fast"), browser.texts("#runs-table td.name"));

        new Select(browser.driver().findElement(By.id("filter-status"))).selectByValue("failed");
        browser.waitFor("only failed runs", "location.search.includes('status=failed')");
        assertEquals(List.of("broken"), browser.texts("#runs-table td.name"));
        assertEquals(List.of("failed"), browser.texts("#runs-table .status-failed"));
        assertEquals("out of memory", browser.script("return document.querySelector('#runs-table .status-failed').title"));
        new Select(browser.driver().findElement(By.id("filter-status"))).selectByValue("all");
        browser.waitFor("every status", "location.search.includes('status=all')");
        browser.driver().findElement(By.id("filter-text")).sendKeys("STEA", Keys.ENTER);
        browser.waitFor("text filter", "location.search.includes('q=STEA')");
        assertEquals(List.of("steady"), browser.texts("#runs-table td.name"));

        // two per page: tick one on page 1 and one on page 2; the form sends both
        browser.open("/?sort=name&size=2");
        assertEquals(List.of("broken", "fast"), browser.texts("#runs-table td.name"));
        assertEquals("2", browser.script("return document.getElementById('filter-size').value"), "the size asked for stays chosen");
        assertEquals(Boolean.TRUE, browser.script("return document.getElementById('compare-button').disabled"));
        browser.driver().findElement(By.cssSelector("tr[data-id='" + fast.id() + "'] input[type=checkbox]")).click();
        assertEquals("1 run selected: select at least 2.", browser.texts("#selection-note").get(0));
        browser.driver().findElement(By.id("next-page")).click();
        browser.waitFor("page 2", "location.search.includes('page=2')");
        assertEquals(List.of("slow", "steady"), browser.texts("#runs-table td.name"));
        browser.driver().findElement(By.cssSelector("tr[data-id='" + steady.id() + "'] input[type=checkbox]")).click();
        assertEquals("2 runs selected (on any page).", browser.texts("#selection-note").get(0));
        assertEquals(1, browser.count("#compare-form input[type=hidden][name=ids]"), "the run ticked on page 1");
        screenshot("run-index.png");
        assertEquals(List.of(), browser.consoleErrors(), "browser console errors");
        browser.assertOnlyOwnRequests();
        browser.driver().findElement(By.id("compare-button")).click();
        browser.waitFor("the comparison", "location.pathname === '/compare'");
        assertEquals(List.of("steady", "fast"), browser.texts("#compared-runs td:first-child"));
        browser.waitFor("the curves drawn", "document.getElementById('curves').dataset.drawn === 'linear:0'");
        assertEquals(List.of(), browser.consoleErrors());
    }

    @Test
    void markupInNamesMetricsAndSettingsIsNeverRun() throws Exception {
        String evil = "<img src=x onerror=\"window.pwned=1\"><script>window.pwned=2</script>";
        Model bad = api.createModel(evil, List.of(dataset.id()), Map.of(evil, evil), List.of());
        try (Job<GenericSettings> job = PageFixtures.job(platform, bad)) {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("epoch", 1);
            point.put(evil, 0.5);
            ((HttpPlatformClient) job.platform()).postRemoteMonitor(point, true);
            job.io().writeFile(job.artifactPath("output.json"), "{\"output\": {" + ai.brevetti.internal.Json.write(evil) + ": "
                    + ai.brevetti.internal.Json.write(evil) + "}}");
        }
        try {
            for (String path : List.of("/?q=" + bad.id(), "/compare?ids=" + bad.id() + "," + fast.id())) {
                browser.open(path);
                if (path.startsWith("/compare")) {
                    browser.waitFor("the curves drawn", "document.getElementById('curves').dataset.drawn === 'linear:0'");
                    assertEquals(evil, browser.texts("#curves figcaption").get(0));
                    assertTrue(browser.texts("#curve-0 .role-legend-label text").contains(evil), "the run's name as text in the legend");
                } else {
                    assertEquals(List.of(evil), browser.texts("#runs-table td.name"));
                    assertEquals(List.of(evil), browser.texts("#runs-table td[data-metric]"), "the metric column and its value");
                }
                assertEquals(null, browser.script("return window.pwned === undefined ? null : window.pwned"), path);
                assertEquals(0, browser.count("main img"), path);
            }
            assertEquals(List.of(), browser.consoleErrors());
        } finally {
            api.deleteModel(bad.id());
        }
    }

    @Test
    void theComparisonOverlaysTheCurvesWithLogScaleAndSmoothing() throws Exception {
        browser.open("/compare?ids=" + fast.id() + "," + slow.id() + "," + broken.id());
        assertEquals("Comparing 3 runs", browser.driver().findElement(By.tagName("h1")).getText());
        browser.waitFor("the curves drawn", "document.getElementById('curves').dataset.drawn === 'linear:0'");
        assertEquals(List.of("loss", "accuracy", "val_loss"), browser.texts("#curves figcaption"));
        for (int i = 0; i < 3; i++) {
            assertEquals(3, browser.count("#curve-" + i + " .mark-line.role-mark path"), "one line per run in chart " + i);
            assertEquals(18, browser.count("#curve-" + i + " .mark-symbol.role-mark path"), "6 points per run in chart " + i);
        }
        assertEquals(List.of("fast", "slow", "broken"), browser.texts("#curve-0 .role-legend-label text"), "a legend in the runs' order");
        assertEquals(List.of("1", "2", "3", "4", "5", "6"), browser.texts("#curve-0 .role-axis[aria-label^='X-axis'] .role-axis-label text"), "whole epochs");
        String lossLine = (String) browser.script("return document.querySelector('#curve-0 .mark-line.role-mark path').getAttribute('d')");

        // best: lowest loss (fast), highest accuracy (fast); images is no loss or accuracy: nothing marked
        assertEquals(List.of("0.15", "0.925"), browser.texts("#metrics-table td.best"));
        assertEquals(List.of("lower is better", "higher is better"), browser.script(
                "return Array.from(document.querySelectorAll('#metrics-table .better')).map(e => e.title)"));
        assertEquals("rgb(214, 245, 221)", browser.script("return getComputedStyle(document.querySelector('#metrics-table td.best')).backgroundColor"));
        assertEquals(List.of("loss ↓", "0.176562", "0.41875", "0.903125"), browser.texts("#last-values-table tbody tr:first-child > *"),
                "the values of epoch 6, to 6 significant digits");
        assertEquals(3, browser.count("#last-values-table td.best"));
        assertEquals(3, browser.count("#last-values-table td:nth-child(2).best"), "fast's loss, accuracy and val_loss");
        assertEquals(List.of("lr", "0.1", "0.001", "1.0"), browser.texts("#settings-table tbody tr:first-child > *"), "only lr differs");
        assertEquals(1, browser.count("#settings-table tbody tr"));
        assertEquals(List.of("vials", "✓", "✓", "✓"), browser.texts("#datasets-table tbody tr > *"));

        browser.driver().findElement(By.id("log-scale")).click();
        browser.waitFor("redrawn on a log scale", "document.getElementById('curves').dataset.drawn === 'log:0'");
        assertEquals("log", browser.script("return document.getElementById('curve-2').dataset.scale"));
        assertEquals("1 value ≤ 0 left out on the log scale.", browser.texts("#curve-2 ~ .curve-note").get(0));
        assertEquals(17, browser.count("#curve-2 .mark-symbol.role-mark path"), "fast's val_loss 0 at epoch 1 left out");

        browser.script("const s = document.getElementById('smoothing'); s.value = '0.6'; s.dispatchEvent(new Event('input'));"
                + " s.dispatchEvent(new Event('change'));");
        browser.waitFor("redrawn smoothed", "document.getElementById('curves').dataset.drawn === 'log:0.6'");
        assertEquals("0.6", browser.texts("#smoothing-value").get(0));
        assertEquals(6, browser.count("#curve-0 .mark-line.role-mark path"), "the smoothed lines over the raw ones, faint");
        browser.driver().findElement(By.id("log-scale")).click();
        browser.waitFor("linear and smoothed", "document.getElementById('curves').dataset.drawn === 'linear:0.6'");
        String smoothed = (String) browser.script("return document.querySelectorAll('#curve-0 .mark-line.role-mark')[0].querySelector('path').getAttribute('d')");
        assertNotEquals(lossLine, smoothed, "the smoothed line is another line");
        Path shot = screenshot("run-compare.png");
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(shot.toFile());
        int green = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                green += (image.getRGB(x, y) & 0xffffff) == 0xd6f5dd ? 1 : 0;
            }
        }
        assertTrue(green > 500, "the best cells' green in the screenshot: " + green + " pixels");
        assertEquals(2, ((Number) browser.script("return document.querySelectorAll('#metrics-table td.best').length")).intValue());
        assertEquals(List.of("fast", "slow", "broken"), browser.texts("#curve-0 .role-legend-label text"), "one legend, not one per layer");
        assertEquals(List.of(), browser.consoleErrors(), "browser console errors");
        browser.assertOnlyOwnRequests();
    }
}
