package ai.brevetti.localplatform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.platform.Dataset;
import ai.brevetti.platform.PlatformApi;
import ai.brevetti.testing.Browser;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dataset page in Debian's headless Chromium: an uploaded image with its annotation drawn over it (every
 * shape kind, a label that looks like HTML), a malformed annotation file and one with a shape that cannot be
 * drawn shown as notes, nothing loaded from another site, no console errors. The screenshot stays in
 * {@code target/dataset-page.png}.
 */
class DatasetPageIT {
    static final Path SCREENSHOT = Path.of(System.getProperty("brevettiai.root", ".")).resolve("target/dataset-page.png");
    static final String HTML_LABEL = "<img src=x onerror=\"document.title='owned'\">&amp;";
    static final String DRAWN = "{\"image\": {\"width\": 64, \"height\": 48}, \"annotations\": ["
            + "{\"type\": \"polygon\", \"label\": \"cap\", \"points\": [{\"x\": 10, \"y\": 5}, {\"x\": 40, \"y\": 5}, {\"x\": 25, \"y\": 30}]},"
            + "{\"type\": \"rectangle\", \"label\": \"defect\", \"points\": [[44, 30], [60, 20]]},"
            + "{\"type\": \"line\", \"label\": \"scratch\", \"points\": [[2, 40], [30, 46]]},"
            + "{\"type\": \"point\", \"label\": " + ai.brevetti.internal.Json.write(HTML_LABEL) + ", \"points\": [[50, 10]], \"radius\": 2},"
            + "{\"label\": \"good\"}]}";

    @TempDir
    static Path dir;
    static LocalPlatform platform;
    static Dataset dataset;
    Browser browser;

    @BeforeAll
    static void start() throws Exception {
        String missing = Browser.missing();
        Assumptions.assumeTrue(missing == null, "Dataset page tests skipped: " + missing);
        platform = LocalPlatform.start(LocalPlatform.Config.ephemeral(dir.resolve("platform")));
        PlatformApi api = platform.api();
        Path images = dir.resolve("images");
        png(images.resolve("good/1.png"), new Color(40, 40, 40));
        png(images.resolve("good/2.png"), new Color(90, 90, 90));
        png(images.resolve("bad/3.png"), new Color(140, 140, 140));
        Path annotations = dir.resolve("annotations");
        write(annotations.resolve("good/1.png/a.json"), DRAWN);
        write(annotations.resolve("good/2.png.json"), "[{\"type\": \"polygon\", \"label\": \"cap\", \"points\": [[1, 1], [9, 9]]},"
                + " {\"type\": \"rectangle\", \"label\": \"defect\", \"points\": [[1, 1], [9, 9]]}]");
        write(annotations.resolve("bad/3.png.json"), "{\"annotations\": []}");
        dataset = api.createDataset("annotated", "", "", List.of());
        api.uploadFolder(dataset, images);
        api.uploadAnnotations(dataset, annotations, images);
        // a file broken after the upload's checks (as a hand edit on the platform would)
        asUser(api).io().writeFile(dataset.getLocation("annotations", "bad/3.png.json"), "{\"annotations\": [ {\"type\": ");
    }

    static Dataset asUser(PlatformApi api) {
        var credentials = api.getDatasetCredentials(dataset.id());
        return dataset.bind(new ai.brevetti.io.IoTools().register(new ai.brevetti.io.S3Storage().route(dataset.bucket(), credentials::toS3Access)),
                platform.url());
    }

    static void png(Path file, Color color) throws Exception {
        Files.createDirectories(file.getParent());
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                image.setRGB(x, y, (x + y) % 8 < 4 ? color.getRGB() : color.brighter().getRGB());
            }
        }
        ImageIO.write(image, "png", file.toFile());
    }

    static void write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
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

    /** Waits until the viewer finished ({@code data-state} set) and returns its state. */
    String drawn() {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).withMessage("the annotation viewer finished")
                .until(d -> js("return document.getElementById('annotation-overlay').getAttribute('data-state')") != null);
        return (String) js("return document.getElementById('annotation-overlay').getAttribute('data-state')");
    }

    String note() {
        return (String) js("const n = document.getElementById('annotation-note'); return n.hidden ? '' : n.textContent");
    }

    void assertOnlyOwnRequestsAndNoConsoleErrors() {
        List<String> loaded = browser.assertOnlyOwnRequests();
        assertTrue(loaded.stream().anyMatch(u -> u.contains("/static/dataset-page.js")), loaded.toString());
        browser.assertNoConsoleErrors();
    }

    @Test
    void anImageWithItsAnnotationDrawnOverIt() throws Exception {
        browser.open("/data/" + dataset.id() + "?file=good/1.png");
        assertEquals("drawn", drawn(), note());
        assertEquals("", note());
        assertEquals(64L, js("return document.getElementById('annotated-image').naturalWidth"), "the image itself is shown");
        assertEquals("0 0 64 48", js("return document.getElementById('annotation-overlay').getAttribute('viewBox')"));
        assertEquals(List.of("polygon", "rect", "polyline", "circle"),
                js("return Array.from(document.querySelectorAll('#annotation-overlay .shape')).map(e => e.tagName)"));
        assertEquals("10,5 40,5 25,30", js("return document.querySelector('#annotation-overlay polygon').getAttribute('points')"));
        assertEquals(List.of("44", "20", "16", "10"), js("const r = document.querySelector('#annotation-overlay rect');"
                + " return ['x', 'y', 'width', 'height'].map(a => r.getAttribute(a))"));
        // the shapes lie over the image where the file says, at the size the image is shown
        Map<?, ?> placed = (Map<?, ?>) js("const img = document.getElementById('annotated-image').getBoundingClientRect();"
                + " const r = document.querySelector('#annotation-overlay rect').getBoundingClientRect();"
                + " return {scale: img.width / 64, x: (r.left - img.left) / (img.width / 64), y: (r.top - img.top) / (img.height / 48),"
                + " w: r.width / (img.width / 64)}");
        assertTrue(((Number) placed.get("scale")).doubleValue() >= 4, "shown enlarged: " + placed);
        assertEquals(44, ((Number) placed.get("x")).doubleValue(), 1.0, placed.toString());
        assertEquals(20, ((Number) placed.get("y")).doubleValue(), 1.0, placed.toString());
        assertEquals(16, ((Number) placed.get("w")).doubleValue(), 1.5, placed.toString());
        // a label is text, never markup
        assertEquals(1L, js("return Array.from(document.querySelectorAll('img')).filter(i => !i.closest('#thumbnails')).length"),
                "no element made from a label (the thumbnails aside)");
        assertEquals(HTML_LABEL, js("return document.querySelector('#annotation-overlay circle title').textContent"));
        assertTrue(((String) js("return document.getElementById('annotation-legend').textContent")).contains(HTML_LABEL + " × 1"));
        assertTrue(((String) js("return document.getElementById('annotation-legend').textContent")).contains("good × 1"),
                "an image-level class is in the legend");
        assertTrue(!"owned".equals(browser.driver().getTitle()));
        assertTrue(((String) js("return document.getElementById('annotated-images').textContent")).contains("good/2.png"));
        assertOnlyOwnRequestsAndNoConsoleErrors();
        browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1100));
        js("document.getElementById('annotations').scrollIntoView()");
        browser.screenshot(SCREENSHOT);
    }

    @Test
    void aMalformedAnnotationFileIsANoteNotABrokenPage() {
        browser.open("/data/" + dataset.id() + "?file=bad/3.png");
        assertEquals("problem", drawn());
        assertTrue(note().contains("The annotation file .annotations/bad/3.png.json is not valid JSON"), note());
        assertEquals(0L, js("return document.querySelectorAll('#annotation-overlay .shape').length"));
        assertEquals(2L, js("return document.querySelectorAll('table.folders tbody tr').length"), "the rest of the page is there");
        assertOnlyOwnRequestsAndNoConsoleErrors();
    }

    @Test
    void entriesThatCannotBeDrawnAreNamedAndTheOthersDrawn() {
        browser.open("/data/" + dataset.id() + "?file=good/2.png");
        assertEquals("partly", drawn());
        assertEquals(List.of("rect"), js("return Array.from(document.querySelectorAll('#annotation-overlay .shape')).map(e => e.tagName)"));
        assertTrue(note().contains("1 entry not drawn: polygon ‘cap’ has 2 points (a polygon needs 3)"), note());
        assertOnlyOwnRequestsAndNoConsoleErrors();
    }

    @Test
    void anImageWithoutAnnotationFallsBackToTheFirstAnnotatedOne() {
        browser.open("/data/" + dataset.id() + "?file=good/nope.png");
        assertTrue(((String) js("return document.getElementById('annotations').textContent"))
                .contains("'good/nope.png' has no annotation (it is no image of this dataset); showing 'bad/3.png'."));
        assertEquals("bad/3.png", js("return document.getElementById('annotated').dataset.file"));
        assertEquals("3 annotated images of 3.", js("return document.getElementById('annotation-count').textContent"));
    }
}
