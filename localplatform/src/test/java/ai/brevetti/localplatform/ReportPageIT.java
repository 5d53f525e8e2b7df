package ai.brevetti.localplatform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.interfaces.charts.VegaLite;
import ai.brevetti.interfaces.charts.VegaLiteCharts;
import ai.brevetti.platform.Dataset;
import ai.brevetti.platform.Job;
import ai.brevetti.platform.Model;
import ai.brevetti.platform.PlatformApi;
import ai.brevetti.platform.Report;
import ai.brevetti.settings.GenericSettings;
import ai.brevetti.testing.Browser;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A test report's page, its artifacts page and its dataset's page in Debian's headless Chromium: the
 * confusion matrix as a heat map (colours, the normalisation toggle, a cell's samples with their thumbnails),
 * the security-level charts' labels apart from each other, the artifacts' tree and previews, the dataset's
 * class distribution and thumbnails; no console errors, nothing from another site. The screenshots stay in
 * {@code target/report-page.png}, {@code target/report-artifacts.png} and {@code target/dataset-thumbnails.png},
 * and are checked: the heat map's darkest cell is blue in the picture.
 */
class ReportPageIT {
    static final Path TARGET = Path.of(System.getProperty("brevettiai.root", ".")).resolve("target");
    static final Map<String, Color> FOLDER_COLORS = Map.of("good", new Color(40, 160, 60), "missing_cap", new Color(200, 60, 40),
            "broken", new Color(230, 200, 30), "odd", new Color(120, 40, 160));

    @TempDir
    static Path dir;
    static LocalPlatform platform;
    static PlatformApi api;
    static Dataset dataset;
    static Report report;
    Browser browser;

    @BeforeAll
    static void start() throws Exception {
        String missing = Browser.missing();
        Assumptions.assumeTrue(missing == null, "Report page tests skipped: " + missing);
        platform = LocalPlatform.start(LocalPlatform.Config.ephemeral(dir.resolve("platform")));
        api = platform.api();
        Path images = dir.resolve("images");
        for (String file : List.of("good/1.png", "good/2.png", "missing_cap/3.png", "missing_cap/4.png", "broken/5.png", "broken/6.png",
                "odd/a \"quoted\", name.png")) {
            png(images.resolve(file), FOLDER_COLORS.get(file.substring(0, file.indexOf('/'))));
        }
        dataset = api.createDataset("report images", "", "", List.of());
        api.uploadFolder(dataset, images);

        Model tested = api.createModel("tested", List.of(dataset.id()), Map.of(), List.of());
        try (Job<GenericSettings> training = PageFixtures.job(platform, tested)) {
            training.completeJob(Files.writeString(dir.resolve("tested.tar.gz"), "model bytes"));
        }
        report = api.createTestReport(tested.id(), List.of(dataset.id()));
        try (Job<GenericSettings> job = Job.builder().jobId(report.id()).apiKey(report.apiKey().reveal()).host(platform.url()).args()
                .environment(Map.of()).init()) {
            job.io().writeFile(job.artifactPath("predictions.csv"), PageFixtures.predictionsCsv(dataset.bucket()));
            job.io().writeFile(job.artifactPath("output.json"), PageFixtures.resource("output.json"));
            job.io().writeFile(job.artifactPath("pivot", "summary_fields.json"), PageFixtures.resource("summary_fields.json"));
            job.io().writeFile(job.artifactPath("logs", "run.log"), "epoch 1\n<b>not bold</b>\n");
            job.io().writeFile(job.artifactPath("facets", "spriteatlas.jpeg"), PageFixtures.atlas(5));
            for (VegaLite chart : VegaLiteCharts.securityLevels(clusteredPredictions(), List.of("good", "bad"))) {
                job.uploadChart("Set " + chart.toMap().get("title") + "s", chart);
            }
        }
    }

    /** 300 predictions whose probabilities bunch up near 0 and 1, as a trained model's do: the thresholds' points crowd. */
    static Table clusteredPredictions() {
        Random random = new Random(7);
        int n = 300;
        String[] category = new String[n];
        double[] good = new double[n];
        double[] bad = new double[n];
        for (int i = 0; i < n; i++) {
            boolean isGood = i % 3 != 0;
            category[i] = isGood ? "good" : "bad";
            double confident = Math.pow(random.nextDouble(), 6) * 0.5;
            good[i] = isGood ? 1 - confident : confident;
            bad[i] = 1 - good[i];
        }
        return Table.create("predictions", StringColumn.create("category", category), DoubleColumn.create("prob_good", good),
                DoubleColumn.create("prob_bad", bad));
    }

    static void png(Path file, Color color) throws Exception {
        Files.createDirectories(file.getParent());
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                image.setRGB(x, y, color.getRGB());
            }
        }
        ImageIO.write(image, "png", file.toFile());
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

    Object js(String script, Object... args) {
        return browser.script(script, args);
    }

    /** The cell's visible text and background colour. */
    String cell(int i, int j) {
        return (String) js("const td = document.querySelectorAll('#confusion-matrix tbody tr')[arguments[0]].querySelectorAll('td.cell')[arguments[1]];"
                + " return td.innerText.trim() + ' ' + getComputedStyle(td).backgroundColor", i, j);
    }

    void assertOnlyOwnRequestsAndNoConsoleErrors() {
        browser.assertOnlyOwnRequests();
        browser.assertNoConsoleErrors();
    }

    /** Waits until every image matched has loaded and been decoded, and returns how many there are. */
    long imagesLoaded(String selector) {
        js("document.querySelectorAll(arguments[0]).forEach(i => { i.loading = 'eager'; })", selector);
        browser.waitFor("the images " + selector + " loaded", "Array.from(document.querySelectorAll('" + selector + "'))"
                + ".every(i => i.complete && i.naturalWidth > 0)");
        return (Long) js("return document.querySelectorAll(arguments[0]).length", selector);
    }

    Path screenshot(String name) throws Exception {
        Path file = browser.fullPageScreenshot(TARGET.resolve(name));
        BufferedImage image = ImageIO.read(file.toFile());
        assertTrue(image != null && image.getWidth() >= 1000, "screenshot " + file);
        return file;
    }

    @Test
    void theConfusionMatrixIsAHeatMapWhoseCellsShowTheirSamples() throws Exception {
        browser.open("/reports/" + report.id());
        assertEquals(List.of("good", "missing_cap", "broken"), browser.visibleTexts("#confusion-matrix thead th.predicted"));
        assertEquals(List.of("good", "missing_cap", "broken", "<b>odd</b>"), browser.visibleTexts("#confusion-matrix tbody th.true"), "classes as text");
        // counts, coloured by the largest count (2: broken as missing_cap)
        assertEquals("2 rgb(26, 95, 180)", cell(2, 1));
        assertEquals("1 rgba(26, 95, 180, 0.5)", cell(0, 1));
        assertEquals("0 rgba(26, 95, 180, 0)", cell(0, 2));
        assertEquals("rgb(255, 255, 255)", js("return getComputedStyle(document.querySelector('a[href=\"#cell-2-1\"]')).color"),
                "white on the dark cell");

        // normalised by true class: shares of each row, coloured by them
        browser.driver().findElement(By.cssSelector("label[for=norm-true]")).click();
        assertEquals("50.0% rgba(26, 95, 180, 0.5)", cell(0, 1));
        assertEquals("100.0% rgb(26, 95, 180)", cell(2, 1));
        assertEquals("100.0% rgb(26, 95, 180)", cell(3, 0), "the one odd sample, predicted good");
        browser.driver().findElement(By.cssSelector("label[for=norm-none]")).click();
        assertEquals("1 rgba(26, 95, 180, 0.5)", cell(0, 1));

        // no cell's samples shown until a cell is picked; then that cell's, with thumbnails
        assertEquals(0L, js("return Array.from(document.querySelectorAll('.cell-samples')).filter(e => e.offsetParent !== null).length"));
        browser.driver().findElement(By.cssSelector("a[href='#cell-2-1']")).click();
        browser.waitFor("the cell's samples shown", "document.getElementById('cell-2-1').offsetParent !== null");
        assertEquals(List.of("cell-2-1"), js("return Array.from(document.querySelectorAll('.cell-samples'))"
                + ".filter(e => e.offsetParent !== null).map(e => e.id)"));
        assertEquals("2 broken predicted as missing_cap", browser.visibleTexts("#cell-2-1 h3").get(0));
        assertEquals(List.of("true: broken\npredicted: missing_cap (0.50)", "true: broken\npredicted: missing_cap (0.60)"),
                browser.visibleTexts("#cell-2-1 figcaption"));
        assertEquals(2L, imagesLoaded("#cell-2-1 img"));
        assertEquals(64L, js("return document.querySelector('#cell-2-1 img').naturalWidth"), "the sample's own image");
        browser.driver().findElement(By.cssSelector("a[href='#cell-3-0']")).click();
        browser.waitFor("the odd cell's samples", "document.getElementById('cell-3-0').offsetParent !== null");
        assertEquals(1L, imagesLoaded("#cell-3-0 img"), "a file name that needs quoting in CSV and URL");
        assertEquals(List.of("true: <b>odd</b>\npredicted: good (0.50)"), browser.visibleTexts("#cell-3-0 figcaption"));

        browser.driver().findElement(By.cssSelector("a[href='#cell-2-1']")).click();
        js("window.scrollTo(0, 0)");
        Path shot = screenshot("report-page.png");
        Map<?, ?> rect = (Map<?, ?>) js("const r = document.querySelector('a[href=\"#cell-2-1\"]').parentElement.getBoundingClientRect();"
                + " return {x: r.left + window.scrollX + 4, y: r.top + window.scrollY + 4}");
        BufferedImage image = ImageIO.read(shot.toFile());
        Color pixel = new Color(image.getRGB(((Number) rect.get("x")).intValue(), ((Number) rect.get("y")).intValue()));
        assertTrue(pixel.getBlue() > 150 && pixel.getRed() < 60, "the darkest cell is blue in the screenshot: " + pixel);
        assertOnlyOwnRequestsAndNoConsoleErrors();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSecurityLevelLabelsDoNotOverlap() {
        browser.open("/reports/" + report.id());
        browser.waitFor("both security charts drawn", "document.querySelectorAll('.chart .vega[data-rendered=true]').length === 2");
        for (String chart : List.of("#chart-0", "#chart-1")) {
            List<Map<String, Object>> labels = (List<Map<String, Object>>) js("return Array.from(document.querySelectorAll(arguments[0]"
                    + " + ' .mark-text.role-mark text')).filter(t => t.getAttribute('opacity') !== '0' && getComputedStyle(t).opacity !== '0'"
                    + " && t.textContent.trim() !== '').map(t => { const r = t.getBoundingClientRect();"
                    + " return {text: t.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom}; })", chart);
            assertTrue(labels.size() >= 4, chart + ": some thresholds are written: " + labels);
            List<String> written = labels.stream().map(l -> (String) l.get("text")).toList();
            assertTrue(written.contains("0") && written.contains("100"), chart + ": the ends of the curve are labelled: " + written);
            Map<String, Object> plot = (Map<String, Object>) js("const r = document.querySelector(arguments[0] + ' svg.marks')"
                    + ".getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}", chart);
            for (Map<String, Object> l : labels) {
                assertTrue(num(l, "right") <= num(plot, "right") && num(l, "top") >= num(plot, "top"), chart + ": inside the chart " + l + " " + plot);
            }
            List<String> rising = written.stream().filter(w -> Integer.parseInt(w) > 50).toList();
            assertTrue(rising.size() >= 3, chart + ": labels along the curve's rise, not only along the bottom: " + written);
            for (int a = 0; a < labels.size(); a++) {
                for (int b = a + 1; b < labels.size(); b++) {
                    Map<String, Object> p = labels.get(a);
                    Map<String, Object> q = labels.get(b);
                    boolean overlap = num(p, "left") < num(q, "right") - 0.5 && num(q, "left") < num(p, "right") - 0.5
                            && num(p, "top") < num(q, "bottom") - 0.5 && num(q, "top") < num(p, "bottom") - 0.5;
                    assertTrue(!overlap, chart + ": the labels " + p.get("text") + " and " + q.get("text") + " overlap: " + p + " " + q);
                }
            }
        }
        assertOnlyOwnRequestsAndNoConsoleErrors();
    }

    static double num(Map<String, Object> map, String key) {
        return ((Number) map.get(key)).doubleValue();
    }

    @Test
    void theArtifactsPageShowsATreeAndPreviewsInline() throws Exception {
        browser.open("/reports/" + report.id() + "/artifacts");
        assertTrue(browser.visibleTexts("#artifact-tree li.folder > details > summary").containsAll(List.of("logs/ 1", "pivot/ 1", "facets/ 1")),
                browser.visibleTexts("#artifact-tree summary").toString());
        browser.driver().findElement(By.linkText("predictions.csv")).click();
        browser.waitFor("the CSV preview", "document.getElementById('preview-csv') !== null");
        assertEquals(List.of("category", "folder", "path", "prob_good", "prob_missing_cap", "prob_broken", "prediction"),
                browser.visibleTexts("#preview-csv thead th"));
        assertEquals(7L, js("return document.querySelectorAll('#preview-csv tbody tr').length"));
        assertEquals("<b>odd</b>", browser.visibleTexts("#preview-csv tbody tr:last-child td").get(0));

        browser.driver().findElement(By.cssSelector("#artifact-tree li[data-path='logs/run.log'] a")).click();
        browser.waitFor("the text preview", "document.getElementById('preview-text') !== null");
        assertEquals("epoch 1\n<b>not bold</b>\n", js("return document.getElementById('preview-text').textContent"));
        browser.driver().findElement(By.cssSelector("#artifact-tree li[data-path='output.json'] a")).click();
        browser.waitFor("the JSON preview", "document.getElementById('preview-json') !== null");
        assertTrue(((String) js("return document.getElementById('preview-json').textContent")).contains("\"My custom metric\": 277"));
        browser.driver().findElement(By.cssSelector("#artifact-tree li[data-path='facets/spriteatlas.jpeg'] a")).click();
        browser.waitFor("the image preview", "document.getElementById('preview-image') !== null");
        assertEquals(1L, imagesLoaded("#preview-image"));
        assertEquals(192L, js("return document.getElementById('preview-image').naturalWidth"), "3 columns of 64 px tiles");
        screenshot("report-artifacts.png");
        assertOnlyOwnRequestsAndNoConsoleErrors();
    }

    @Test
    void theDatasetPageShowsThumbnailsAndTheClassDistribution() throws Exception {
        browser.open("/data/" + dataset.id());
        assertEquals(List.of("broken", "good", "missing_cap", "odd"), browser.visibleTexts("#class-distribution tbody td:first-child"));
        assertEquals(List.of("28.6%", "28.6%", "28.6%", "14.3%"), browser.visibleTexts("#class-distribution tbody td:nth-child(3)"));
        double full = ((Number) js("return document.querySelector('#class-distribution tr[data-folder=good] .bar').getBoundingClientRect().width"))
                .doubleValue();
        double half = ((Number) js("return document.querySelector('#class-distribution tr[data-folder=odd] .bar').getBoundingClientRect().width"))
                .doubleValue();
        assertTrue(full > 50 && Math.abs(half / full - 0.5) < 0.02, "bars proportional to the counts: " + full + " " + half);
        assertEquals(7L, imagesLoaded("#thumbnails img"));
        assertEquals(List.of("1.png", "2.png"), browser.visibleTexts("#thumbnails .thumbnail-folder[data-folder=good] figcaption"));
        screenshot("dataset-thumbnails.png");
        assertOnlyOwnRequestsAndNoConsoleErrors();
    }
}
