package ai.brevetti.localplatform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.platform.Dataset;
import ai.brevetti.platform.HttpPlatformClient;
import ai.brevetti.platform.Job;
import ai.brevetti.platform.Model;
import ai.brevetti.platform.PlatformApi;
import ai.brevetti.platform.Report;
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
import org.openqa.selenium.Dimension;

/**
 * The local platform's pages in Debian's headless Chromium: a job writes the spec §7 outputs (hand-written
 * fixtures), uploads two charts and posts training progress; the model page draws all of it, takes a new
 * progress point while open, and loads nothing from another site. The screenshot stays in
 * {@code target/model-page.png}.
 */
class ModelPageIT {
    static final Path SCREENSHOT = Path.of(System.getProperty("brevettiai.root", ".")).resolve("target/model-page.png");

    @TempDir
    static Path dir;
    static LocalPlatform platform;
    static PlatformApi api;
    static Dataset dataset;
    static Model model;
    static Job<GenericSettings> job;
    Browser browser;

    @BeforeAll
    static void start() throws Exception {
        String missing = Browser.missing();
        Assumptions.assumeTrue(missing == null, "Model page tests skipped: " + missing);
        platform = LocalPlatform.start(LocalPlatform.Config.ephemeral(dir.resolve("platform")));
        api = platform.api();
        Path images = Files.createDirectories(dir.resolve("images/good"));
        Files.write(images.resolve("1.bmp"), new byte[] {'B', 'M', 1});
        Files.write(images.resolve("2.bmp"), new byte[] {'B', 'M', 2});
        Files.createDirectories(dir.resolve("images/missing_cap"));
        Files.write(dir.resolve("images/missing_cap/3.bmp"), new byte[] {'B', 'M', 3});
        dataset = api.createDataset("vials & caps", "", "", List.of());
        api.uploadFolder(dataset, dir.resolve("images"));

        model = api.createModel("page test", List.of(dataset.id()), Map.of("epochs", 3, "optimizer", "adam"), List.of());
        job = PageFixtures.job(platform, model);
        PageFixtures.writeArtifacts(job);
        job.uploadChart("Dataset summary", PageFixtures.resource("dataset_summary.vl.json"));
        job.uploadChart("Set good security levels", PageFixtures.resource("security_level.vl.json"));
        monitor(1, 0.9, 0.5, 1.0);
        monitor(2, 0.6, 0.7, Double.NaN);
    }

    /** Posts a training-progress point the way the job's remote monitor does (form field, or JSON for odd epochs). */
    static void monitor(int epoch, double loss, double accuracy, double valLoss) {
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("epoch", epoch);
        point.put("loss", loss);
        point.put("accuracy", accuracy);
        point.put("val_loss", Double.isNaN(valLoss) ? null : valLoss);
        ((HttpPlatformClient) job.platform()).postRemoteMonitor(point, epoch % 2 == 1);
    }

    @AfterAll
    static void stop() {
        if (job != null) {
            job.close();
        }
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

    @Test
    void theModelPageShowsWhatTheJobReportedAndFollowsTheProgress() throws Exception {
        browser.open("/models/" + model.id());
        assertEquals("page test", browser.driver().findElement(org.openqa.selenium.By.tagName("h1")).getText());
        assertEquals("running", browser.driver().findElement(org.openqa.selenium.By.id("status")).getText());

        // the uploaded charts, drawn by the bundled vega-embed as SVG
        browser.waitFor("both charts rendered", "document.querySelectorAll('.chart .vega[data-rendered=true]').length === 2");
        assertEquals(List.of("Dataset summary", "Set good security levels"), browser.texts("figure.chart figcaption"));
        assertEquals(1, browser.count("#chart-0 svg.marks"));
        assertEquals(5, browser.count("#chart-0 .mark-rect.role-mark path"), "one bar per dataset and category");
        assertEquals(1, browser.count("#chart-1 svg.marks"));
        assertEquals(3, browser.count("#chart-1 .mark-text.role-mark text"), "the threshold labels");

        // the training progress: two points of which loss, accuracy and one val_loss (the NaN is left out)
        browser.waitFor("the first two progress points", "document.getElementById('progress').dataset.points === '2'");
        assertEquals(5, browser.count("#progress .mark-symbol.role-mark path"));
        monitor(3, 0.4, 0.8, 0.5);
        browser.waitFor("the third point, posted while the page is open", "document.getElementById('progress').dataset.points === '3'");
        assertEquals(8, browser.count("#progress .mark-symbol.role-mark path"));
        assertEquals("3 points, updated live", browser.texts("#progress-note").get(0));
        assertEquals(List.of("1", "2", "3"), browser.texts("#progress .role-axis[aria-label^='X-axis'] .role-axis-label text"), "whole epochs");

        // output metrics from artifacts/output.json
        assertEquals(List.of("accuracy", "My custom metric", "per class"), browser.texts("table.metrics th"));
        assertEquals(List.of("0.9375", "277", "{\"good\":0.95,\"missing_cap\":0.9}"), browser.texts("table.metrics td"));

        // the pivot table: dataset ids × categories (in the field's sort order), summed counts, totals
        assertEquals(List.of("Category", "good", "missing_cap", "broken", "Total"), browser.texts("table.pivot thead tr:first-child th"));
        assertEquals(List.of("ds-a", "4", "2", "", "6"), browser.texts("table.pivot tbody tr:nth-child(1) > *"));
        assertEquals(List.of("ds-b", "5", "2", "1", "8"), browser.texts("table.pivot tbody tr:nth-child(2) > *"));
        assertEquals(List.of("Total", "9", "4", "1", "14"), browser.texts("table.pivot tfoot tr > *"));

        // the facets: one tile per sample, cut from the atlas (3 columns for 5 tiles), labelled with its category
        assertEquals(List.of(PageFixtures.FACET_CATEGORIES), browser.texts(".facet figcaption"));
        assertEquals("-64px -64px", browser.script("return document.querySelectorAll('.facet .tile')[4].style.backgroundPosition"));
        browser.waitFor("the atlas loaded", "performance.getEntriesByType('resource').some(e => e.name.includes('spriteatlas.jpeg'))");
        String background = (String) browser.script("return getComputedStyle(document.querySelector('.facet .tile')).backgroundImage");
        assertTrue(background.contains("spriteatlas.jpeg"), background);

        assertEquals(List.of(), browser.consoleErrors(), "browser console errors");
        List<String> loaded = browser.assertOnlyOwnRequests();
        assertTrue(loaded.stream().anyMatch(u -> u.endsWith("/static/vega/vega-embed.min.js")), loaded.toString());

        // the whole page in the screenshot
        long height = ((Number) browser.script("return document.documentElement.scrollHeight")).longValue();
        browser.driver().manage().window().setSize(new Dimension(1280, (int) Math.min(height + 100, 6000)));
        browser.screenshot(SCREENSHOT);
        assertTrue(Files.size(SCREENSHOT) > 10_000, "screenshot " + SCREENSHOT);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theArtifactsPageListsTheFilesAndTheirDownloadsWork() {
        browser.open("/models/" + model.id());
        browser.driver().findElement(org.openqa.selenium.By.id("artifacts-link")).click();
        browser.waitFor("the artifacts page", "location.pathname.endsWith('/artifacts')");
        List<String> names = browser.texts("table.artifacts tbody td:first-child");
        assertTrue(names.containsAll(List.of("output.json", "pivot/summary_fields.json", "pivot/classification_summary.json",
                "facets/facets.json", "facets/spriteatlas.jpeg")), names.toString());
        Map<String, Object> download = (Map<String, Object>) browser.driver().executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "const a = Array.from(document.querySelectorAll('table.artifacts a')).find(a => a.textContent === 'output.json');"
                        + "fetch(a.href).then(r => r.text().then(t => done({status: r.status, text: t, href: a.getAttribute('href')})));");
        assertEquals(200L, ((Number) download.get("status")).longValue());
        assertTrue(download.get("href").toString().startsWith("/download?path=" + model.id() + "%2Fartifacts%2Foutput.json"), download.toString());
        assertTrue(download.get("text").toString().contains("\"My custom metric\": 277"), download.toString());
        assertEquals(List.of(), browser.consoleErrors());
        browser.assertOnlyOwnRequests();
    }

    @Test
    void theIndexAndDatasetPagesLinkEverything() throws Exception {
        // a test report tests a completed model's archive
        Model tested = api.createModel("tested", List.of(dataset.id()), Map.of(), List.of());
        try (Job<GenericSettings> training = PageFixtures.job(platform, tested)) {
            training.completeJob(Files.writeString(dir.resolve("tested.tar.gz"), "model bytes"));
        }
        Report report = api.createTestReport(tested.id(), List.of());
        browser.open("/");
        assertTrue(browser.texts("#runs td a").contains("page test"));
        assertTrue(browser.texts("#runs td a").contains("Test report of tested"));
        browser.driver().findElement(org.openqa.selenium.By.linkText("vials & caps")).click();
        browser.waitFor("the dataset page", "location.pathname === '/data/" + dataset.id() + "'");
        assertEquals("3 (9 B)", browser.texts("#file-count").get(0));
        assertEquals(List.of("good", "2", "6 B", "1.bmp, 2.bmp"), browser.texts("#folders tr[data-folder='good'] td"));
        assertEquals(List.of("missing_cap", "1", "3 B", "3.bmp"), browser.texts("#folders tr[data-folder='missing_cap'] td"));
        assertTrue(browser.texts("#used-by a").contains("page test"));

        browser.open("/reports/" + report.id());
        assertEquals("Test report of tested", browser.driver().findElement(org.openqa.selenium.By.tagName("h1")).getText());
        assertEquals(0, browser.count("#progress"), "no training progress on a report without points");
        browser.open("/models/" + tested.id());
        assertTrue(browser.texts("#reports a").contains("Test report of tested"));
        assertEquals(List.of(), browser.consoleErrors());
    }

    long pointPolls() {
        return ((Number) browser.script("return performance.getEntriesByType('resource')"
                + ".filter(e => e.name.includes('/remotemonitor/points')).length")).longValue();
    }

    @Test
    void aFailedJobShowsFailedWithItsMessageAndThePageStopsPolling() throws Exception {
        Model doomed = api.createModel("doomed", List.of(), Map.of(), List.of());
        String message = "job.jsh:14: error: cannot find symbol\n  symbol:   variable <b>lr</b>";
        try (Job<GenericSettings> failing = PageFixtures.job(platform, doomed)) {
            browser.open("/models/" + doomed.id());
            assertEquals("running", browser.texts("#status").get(0));
            assertEquals(Boolean.TRUE, browser.script("return document.getElementById('failure-row').hidden"));
            browser.waitFor("the page polling", "document.getElementById('progress').dataset.polling === 'true'");
            failing.failJob(message);
            browser.waitFor("the failure seen by the open page", "document.getElementById('status').textContent === 'failed'");
            browser.waitFor("the failure shown", "!document.getElementById('failure-row').hidden");
            assertEquals(message, browser.script("return document.getElementById('failure').textContent"));
            browser.waitFor("polling stopped", "document.getElementById('progress').dataset.polling === 'false'");
            long polls = pointPolls();
            Thread.sleep(3L * ModelPage.POLL_MILLIS + 500);
            assertEquals(polls, pointPolls(), "no request after the job failed");
        }
        browser.open("/models/" + doomed.id());
        assertEquals("failed", browser.texts("#status").get(0));
        assertTrue(browser.texts("#status-section .status-failed").size() == 1);
        assertEquals(message, browser.script("return document.getElementById('failure').textContent"), "escaped, not HTML");
        assertEquals(Boolean.FALSE, browser.script("return document.getElementById('failure-row').hidden"));
        browser.waitFor("the one poll of a failed job", "document.getElementById('progress-note').textContent === 'The job reported no training progress.'");
        Thread.sleep(2L * ModelPage.POLL_MILLIS + 500);
        assertEquals(1, pointPolls(), "a failed job's page asks once");
        browser.open("/");
        assertTrue(browser.texts("#runs .status-failed").contains("failed"), "the index shows it");
        assertEquals(List.of(), browser.consoleErrors());
    }

    @Test
    void aCompletedModelShowsItsArchiveAndThePageSeesTheCompletion() throws Exception {
        Model done = api.createModel("finished", List.of(), Map.of(), List.of());
        try (Job<GenericSettings> finished = PageFixtures.job(platform, done)) {
            finished.addOutputMetric("accuracy", 0.5);
            finished.uploadJobOutput();
            browser.open("/models/" + done.id());
            assertEquals("running", browser.texts("#status").get(0));
            browser.waitFor("the page polling", "document.getElementById('progress-note').textContent.startsWith('Waiting')");
            finished.uploadChart("late chart", PageFixtures.resource("security_level.vl.json"));
            browser.waitFor("the new chart announced", "document.getElementById('charts-note').textContent === '1 new chart: reload the page to see it'");
            Path archive = Files.writeString(dir.resolve("saved_model.1234.tar.gz"), "model bytes");
            finished.completeJob(archive);
            browser.waitFor("the completion seen by the open page", "document.getElementById('status').textContent === 'completed'");
        }
        browser.open("/models/" + done.id());
        assertEquals("artifacts/saved_model.1234.tar.gz", browser.texts("#archive").get(0));
        assertEquals(List.of("0.5"), browser.texts("table.metrics td"), "the SDK's own output.json");
        browser.waitFor("the one poll of a completed job", "document.getElementById('progress-note').textContent === 'The job reported no training progress.'");
        browser.waitFor("the late chart rendered", "document.querySelectorAll('#chart-0 svg.marks').length === 1");
        assertEquals(List.of(), browser.consoleErrors());
    }

    @Test
    void markupInNamesIsNeverRun() {
        String evil = "<script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\">";
        Model bad = api.createModel(evil, List.of(), Map.of(), List.of());
        for (String path : List.of("/models/" + bad.id(), "/", "/models/" + bad.id() + "/artifacts")) {
            browser.open(path);
            assertEquals(null, browser.script("return window.pwned === undefined ? null : window.pwned"), path);
            assertTrue(browser.texts("body").get(0).contains(evil), path);
        }
        assertEquals(List.of(), browser.consoleErrors());
    }
}
