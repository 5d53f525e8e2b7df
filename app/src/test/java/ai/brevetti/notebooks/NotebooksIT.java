package ai.brevetti.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.internal.Json;
import ai.brevetti.localplatform.LocalPlatform;
import ai.brevetti.testing.Browser;
import ai.brevetti.testing.Jupyter;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notebooks in {@code notebooks/}, executed headless by {@code jupyter nbconvert --execute} on the
 * project's kernel against a local platform, and their outputs checked: no errors, the documented values,
 * every image/png output decodes and shows something (not one colour); exported to HTML and opened in
 * headless Chromium. The executed copies
 * stay in {@code target/notebooks/}.
 */
class NotebooksIT {
    static final Path OUT = Jupyter.ROOT.resolve("target/notebooks");

    @TempDir
    static Path dir;
    static Jupyter jupyter;
    static LocalPlatform platform;

    @BeforeAll
    static void start() throws Exception {
        jupyter = Jupyter.installOrSkip(dir.resolve("prefix"), "Notebook tests");
        platform = LocalPlatform.start(LocalPlatform.Config.ephemeral(dir.resolve("platform")));
        // as bin/brevettiai platform does: its token in the (isolated) user config, where PlatformApi.connect finds it
        ai.brevetti.platform.PlatformTokens.in(dir.resolve("config")).save(platform.url(), platform.accessToken());
        Files.createDirectories(OUT);
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    /**
     * Executes {@code notebooks/<name>} into target/notebooks and returns its cells' outputs, once every
     * image/png output decoded and showed something ({@link #assertPicturesShowSomething}).
     */
    @SuppressWarnings("unchecked")
    static List<List<Map<String, Object>>> execute(String name) throws Exception {
        List<List<Map<String, Object>>> all = execute(name, "executed_", Map.of());
        assertVegaLibrariesOnce(OUT.resolve("executed_" + name));
        return all;
    }

    /** The end of the Vega libraries' inlined script (the kernel's VegaHtml): once per copy of the libraries. */
    static final String VEGA_LIBRARIES = "Queue = {push: function (show) { show(); }};";

    static int occurrences(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    /** Executed by nbconvert (the html Vega-Lite mode), a notebook with charts carries the ~830 KB libraries once. */
    static void assertVegaLibrariesOnce(Path executed) throws Exception {
        String file = Files.readString(executed);
        int charts = occurrences(file, "\"application/vnd.vegalite.v5+json\"");
        assertEquals(charts == 0 ? 0 : 1, occurrences(file, VEGA_LIBRARIES), executed + ": " + charts + " charts");
        System.out.printf("%s: %,d bytes, %d Vega-Lite outputs%n", executed.getFileName(), Files.size(executed), charts);
    }

    @SuppressWarnings("unchecked")
    static List<List<Map<String, Object>>> execute(String name, String prefix, Map<String, String> extraEnv) throws Exception {
        Files.copy(Jupyter.ROOT.resolve("notebooks").resolve(name), OUT.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Map<String, String> env = new java.util.HashMap<>(Map.of("BREVETTIAI_HOST_NAME", platform.url(),
                "BREVETTIAI_CONFIG_DIR", dir.resolve("config").toString()));
        env.putAll(extraEnv);
        Jupyter.Result result = jupyter.jupyter(List.of("jupyter", "nbconvert", "--to", "notebook", "--execute",
                "--ExecutePreprocessor.timeout=600", "--ExecutePreprocessor.startup_timeout=240", "--output",
                prefix + name, name), OUT, env, 1200);
        assertEquals(0, result.code(), name + " failed:\n" + result.both());
        List<List<Map<String, Object>>> all = new ArrayList<>();
        for (Object cell : (List<Object>) Json.parseObject(Files.readString(OUT.resolve(prefix + name))).get("cells")) {
            Map<String, Object> c = (Map<String, Object>) cell;
            all.add(c.get("outputs") == null ? List.of() : (List<Map<String, Object>>) c.get("outputs"));
        }
        assertPicturesShowSomething(pictures(name, all));
        return all;
    }

    static String text(Object value) {
        return value instanceof List<?> lines ? String.join("", lines.stream().map(String::valueOf).toList()) : String.valueOf(value);
    }

    /** Everything the outputs say as text: streams and text/plain and text/html values. */
    @SuppressWarnings("unchecked")
    static String allText(List<List<Map<String, Object>>> outputs) {
        StringBuilder all = new StringBuilder();
        for (List<Map<String, Object>> cell : outputs) {
            for (Map<String, Object> o : cell) {
                if (o.containsKey("text")) {
                    all.append(text(o.get("text"))).append('\n');
                }
                if (o.get("data") instanceof Map<?, ?> data) {
                    ((Map<String, Object>) data).forEach((mime, v) -> {
                        if (mime.startsWith("text/")) {
                            all.append(text(v)).append('\n');
                        }
                    });
                }
            }
        }
        return all.toString();
    }

    /** An {@code image/png} output, decoded, and where it is: the notebook, the cell (0-based) and the output. */
    record Picture(String notebook, int cell, int output, BufferedImage image) {
        @Override
        public String toString() {
            return notebook + ", cell " + cell + ", output " + output + " (" + image.getWidth() + "x" + image.getHeight() + ")";
        }
    }

    /** Every {@code image/png} output of the executed notebook; each must decode. */
    @SuppressWarnings("unchecked")
    static List<Picture> pictures(String notebook, List<List<Map<String, Object>>> outputs) {
        List<Picture> pictures = new ArrayList<>();
        for (int c = 0; c < outputs.size(); c++) {
            List<Map<String, Object>> cell = outputs.get(c);
            for (int o = 0; o < cell.size(); o++) {
                if (cell.get(o).get("data") instanceof Map<?, ?> data && data.get("image/png") != null) {
                    String where = notebook + ", cell " + c + ", output " + o;
                    BufferedImage image;
                    try {
                        image = ImageIO.read(new ByteArrayInputStream(Base64.getMimeDecoder().decode(text(data.get("image/png")))));
                    } catch (Exception e) {
                        throw new AssertionError(where + ": the image/png output does not decode: " + e, e);
                    }
                    assertTrue(image != null, where + ": the image/png output is no PNG that ImageIO reads");
                    pictures.add(new Picture(notebook, c, o, image));
                }
            }
        }
        return pictures;
    }

    static void assertNoErrors(List<List<Map<String, Object>>> outputs) {
        for (List<Map<String, Object>> cell : outputs) {
            for (Map<String, Object> o : cell) {
                assertTrue(!"error".equals(o.get("output_type")), "an error output: " + o);
            }
        }
    }

    /**
     * Every picture shows something: its stored samples (all colour channels, read as stored, not through a
     * colour conversion) span at least 8 grey levels, so a flat picture, or one all but black (levels 0 and
     * 1: the mosaics of augmented images once), fails, naming the notebook, cell and output.
     */
    static void assertPicturesShowSomething(List<Picture> pictures) {
        for (Picture p : pictures) {
            java.awt.image.Raster raster = p.image().getRaster();
            int bands = Math.min(raster.getNumBands(), p.image().getColorModel().getNumColorComponents());
            int lo = Integer.MAX_VALUE;
            int hi = Integer.MIN_VALUE;
            for (int y = 0; y < raster.getHeight(); y++) {
                for (int x = 0; x < raster.getWidth(); x++) {
                    for (int b = 0; b < bands; b++) {
                        int v = raster.getSample(x, y, b) * 255 / ((1 << raster.getSampleModel().getSampleSize(b)) - 1);
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
            assertTrue(hi - lo >= 8, p + ": the picture is (nearly) one colour, its samples span only " + lo + ".." + hi);
        }
    }

    @Test
    void jobApiDocumentation() throws Exception {
        List<List<Map<String, Object>>> outputs = execute("01_job_api.ipynb");
        assertNoErrors(outputs);
        String text = allText(outputs);
        String seed = "{\"param_1\":1,\"param_2\":\"Test\",\"param_3\":{\"test_dict_serialization\":\"nested\"},\"custom\":{\"custom_param\":0}}";
        assertTrue(text.contains("Original object config: \n " + seed), text);
        assertTrue(text.contains("Deserialized object config: \n " + seed), text);
        assertTrue(text.contains("Config args found at: 's3://data.criterion.ai/"), text);
        assertTrue(text.contains("Invalid config keys: some_setting_i_need"), text);
        assertTrue(text.contains("{\"param_1\":-1.0,\"param_2\":\"Param2 not provided\",\"param_3\":{\"test_dict_serialization\":\"nested2\"},\"custom\":{\"custom_param\":5}}"), text);
        assertTrue(text.contains("Valuable information"), text);
        assertTrue(text.contains("Getting image samples from dataset 'demo vials'"), text);
        assertTrue(text.contains("Contents: {failed_cap: 40, good: 40, missing_cap: 40}"), text);
        assertTrue(text.contains("<table") && text.contains("<th>purpose</th>"), "samples.head(5) as an HTML table");
        assertTrue(text.contains("[Tensor[8, 64, 64, 3], Tensor[8, 3]]"), text);
        assertTrue(text.contains("Run 2 of the same generator results in the same sampling and augmentation: true"), text);
        assertTrue(text.contains("artifacts/output.json"), text);
        assertTrue(text.contains("Training progress visible on " + platform.url() + "/models/"), text);
        assertTrue(text.contains("Facets of 32 samples written to s3://data.criterion.ai/"), text);
        assertTrue(text.contains("VegaLite[bar]"), text);
        List<Picture> pictures = pictures("01_job_api.ipynb", outputs);
        assertTrue(pictures.size() >= 3, "tile2d pictures: " + pictures);

        Jupyter.Result html = jupyter.jupyter(List.of("jupyter", "nbconvert", "--to", "html", "executed_01_job_api.ipynb"), OUT, Map.of(), 300);
        assertEquals(0, html.code(), html.both());
        String missing = Browser.missing();
        Assumptions.assumeTrue(missing == null, "Chromium check skipped: " + missing);
        try (Browser browser = Browser.start()) {
            browser.driver().get(OUT.resolve("executed_01_job_api.html").toUri().toString());
            long deadline = System.currentTimeMillis() + 20_000;
            Number charts = 0;
            while (System.currentTimeMillis() < deadline) {
                charts = (Number) browser.script("return document.querySelectorAll('.vega-embed svg, .vega-embed canvas').length");
                if (charts.intValue() > 0) {
                    break;
                }
                Thread.sleep(250);
            }
            assertTrue(charts.intValue() > 0, "the Vega-Lite chart renders in the HTML export");
            browser.screenshot(OUT.resolve("executed_01_job_api.png"));
        }
    }

    /** For JupyterLab, Notebook 7 and VS Code (BREVETTIAI_VEGA=mime): charts are their Vega-Lite bundle, no JavaScript. */
    @Test
    void chartsCarryNoJavaScriptWhereTheFrontEndRendersVegaLite() throws Exception {
        String name = "01_job_api.ipynb";
        List<List<Map<String, Object>>> outputs = execute(name, "mime_", Map.of("BREVETTIAI_VEGA", "mime"));
        assertNoErrors(outputs);
        Path executed = OUT.resolve("mime_" + name);
        String file = Files.readString(executed);
        int charts = occurrences(file, "\"application/vnd.vegalite.v5+json\"");
        assertTrue(charts >= 1, "the notebook has charts");
        assertEquals(0, occurrences(file, VEGA_LIBRARIES), "no Vega libraries");
        assertEquals(0, occurrences(file, "vegaEmbed"), "no HTML fallback");
        System.out.printf("%s: %,d bytes, %d Vega-Lite outputs%n", executed.getFileName(), Files.size(executed), charts);
        for (List<Map<String, Object>> cell : outputs) {
            for (Map<String, Object> o : cell) {
                if (o.get("data") instanceof Map<?, ?> data && data.containsKey("application/vnd.vegalite.v5+json")) {
                    int size = Json.write(o).length();
                    assertTrue(size < 50_000, "a chart output is its spec, not the ~830 KB of libraries: " + size + " bytes");
                }
            }
        }
    }

    @Test
    void dataScienceToolsAndTheirHtmlExportInChromium() throws Exception {
        List<List<Map<String, Object>>> outputs = execute("02_data_science_tools.ipynb");
        assertNoErrors(outputs);
        String text = allText(outputs);
        assertTrue(text.matches("(?s).*Counts by folder \\[3 values, 180 rows]\nfolder\\s+count\nfailed_cap\\s+60\ngood\\s+60\nmissing_cap\\s+60\n.*"), text);
        assertTrue(text.matches("(?s).*\nfailed_cap\\s+train\\s+48\n.*") && text.matches("(?s).*\ngood\\s+devel\\s+12\n.*"), text);
        assertTrue(text.contains("identical: true"), text);
        assertTrue(text.matches("(?s).*failed_cap\\s+\\d+\\s+0\\.\\d+\\s+0\\.333.*"), "the drawn-frequency table:\n" + text);
        List<Picture> pictures = pictures("02_data_science_tools.ipynb", outputs);
        assertTrue(pictures.size() >= 3, "a chart and two mosaics: " + pictures);

        Jupyter.Result html = jupyter.jupyter(List.of("jupyter", "nbconvert", "--to", "html", "executed_02_data_science_tools.ipynb"),
                OUT, Map.of(), 300);
        assertEquals(0, html.code(), html.both());
        String missing = Browser.missing();
        Assumptions.assumeTrue(missing == null, "Chromium check skipped: " + missing);
        try (Browser browser = Browser.start()) {
            browser.driver().get(OUT.resolve("executed_02_data_science_tools.html").toUri().toString());
            Object shown = browser.script("return Array.from(document.images).filter(i => i.complete && i.naturalWidth > 0).length");
            assertTrue(((Number) shown).intValue() >= 3, "pictures shown in the HTML: " + shown);
            browser.screenshot(OUT.resolve("executed_02_data_science_tools.png"));
        }
    }

    @Test
    void annotationsShowMasksOverTheirImagesAndBatch() throws Exception {
        List<List<Map<String, Object>>> outputs = execute("03_annotations.ipynb");
        assertNoErrors(outputs);
        String text = allText(outputs);
        assertTrue(text.contains("<th>annotation_path</th>"), "the samples with their annotation files:\n" + text);
        assertTrue(text.contains("polygon 'vial': ") && text.contains("polygon 'cap': ") && text.contains("classes: [failed_cap]"), text);
        assertTrue(text.contains("[]"), "check(...) finds nothing to report:\n" + text);
        assertTrue(text.contains("img Tensor[8, 80, 64, 3], annotation Tensor[8, 80, 64, 2]"), text);
        assertTrue(text.contains("pooled Tensor[8, 20, 16, 1]"), text);
        assertTrue(text.matches("(?s).*8 batches; vial \\d+\\.\\d%, cap \\d+\\.\\d% of the pixels.*"), text);
        List<Picture> pictures = pictures("03_annotations.ipynb", outputs);
        assertEquals(3, pictures.size(), "two overlays and the pooled masks: " + pictures);
    }
}
