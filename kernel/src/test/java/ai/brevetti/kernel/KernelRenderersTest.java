package ai.brevetti.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.data.generator.Tensor;
import ai.brevetti.data.image.FloatImage;
import ai.brevetti.data.samples.NamedValues;
import ai.brevetti.data.samples.Samples;
import ai.brevetti.platform.Dataset;
import ai.brevetti.platform.Datasets;
import ai.brevetti.interfaces.charts.VegaLite;
import com.google.gson.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.common.Image;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** How the kernel shows values, type by type (the renderer as the kernel builds it). */
class KernelRenderersTest {
    private final Renderer renderer = renderer(new VegaHtml(false));

    static Renderer renderer(VegaHtml vega) {
        Renderer r = new Renderer();
        KernelRenderers.register(r, vega);
        Image.registerAll(r);   // what BaseKernel's constructor adds
        return r;
    }

    static BufferedImage png(DisplayData d) throws Exception {
        Object data = d.getData(MIMEType.IMAGE_PNG);
        assertTrue(data instanceof String, "image/png present: " + d);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode((String) data)));
        assertTrue(image != null, "decodes");
        return image;
    }

    static String text(DisplayData d) {
        return String.valueOf(d.getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void samplesAndTablesAreHtmlTablesWithTheirTextBeside() {
        Table table = Table.create("scores", StringColumn.create("name", "a<b", "c"), DoubleColumn.create("score", 1.5, 2));
        DisplayData t = renderer.render(table);
        String html = (String) t.getData(MIMEType.TEXT_HTML);
        assertTrue(html.contains("<table") && html.contains("<td>a&lt;b</td>") && html.contains("2 rows × 2 columns"), html);
        assertEquals(table.toString(), text(t));

        Samples samples = Samples.of(Table.create("s", StringColumn.create("category", "good", "bad"),
                StringColumn.create("path", "/d/good/1.bmp", "/d/bad/2.bmp")));
        DisplayData s = renderer.render(samples);
        assertTrue(((String) s.getData(MIMEType.TEXT_HTML)).contains("<td>/d/bad/2.bmp</td>"));
        assertTrue(text(s).startsWith("Samples[2 rows]"), text(s));
    }

    @Test
    void imagesFloatImagesAndImageBatchesArePngs() throws Exception {
        BufferedImage picture = new BufferedImage(7, 5, BufferedImage.TYPE_INT_RGB);
        picture.setRGB(1, 1, 0xff0000);
        DisplayData d = renderer.render(picture);
        assertEquals(0xff0000, png(d).getRGB(1, 1) & 0xffffff);
        assertEquals("BufferedImage[7x5]", text(d));

        FloatImage unit = new FloatImage(2, 3, 1, new float[] {0, 0.5f, 1, 1, 0.5f, 0});
        BufferedImage grey = png(renderer.render(unit));
        assertEquals(3, grey.getWidth());
        assertEquals(255, grey.getRGB(2, 0) & 0xff, "values in [0, 1] map to 0-255");
        FloatImage bytes = new FloatImage(1, 2, 3, new float[] {255, 0, 0, 0, 0, 200});
        assertEquals(0xff0000, png(renderer.render(bytes)).getRGB(0, 0) & 0xffffff);

        Tensor batch = Tensor.zeros(5, 4, 6, 3);
        DisplayData b = renderer.render(batch);
        BufferedImage mosaic = png(b);
        assertEquals(3 * 6, mosaic.getWidth(), "5 images in a 3-column grid");
        assertEquals(2 * 4, mosaic.getHeight());
        assertEquals("Tensor[5, 4, 6, 3]", text(b));
        DisplayData matrix = renderer.render(Tensor.zeros(2, 2));
        assertNull(matrix.getData(MIMEType.IMAGE_PNG), "a rank-2 tensor is text");
        assertEquals("Tensor[2, 2]", text(matrix));
    }

    @Test
    void xchartChartsArePngs() throws Exception {
        XYChart chart = new XYChartBuilder().width(200).height(120).title("loss").build();
        chart.addSeries("train", new double[] {1, 2, 3}, new double[] {0.9, 0.5, 0.3});
        BufferedImage image = png(renderer.render(chart));
        assertEquals(200, image.getWidth());
        assertEquals(120, image.getHeight());
    }

    @Test
    void vegaLiteIsJsonForFrontendsAndOfflineHtmlWithTheLibrariesOncePerSession() {
        VegaMode.set(VegaMode.HTML);
        VegaHtml vega = new VegaHtml(false);
        Renderer r = renderer(vega);
        VegaLite chart = VegaLite.of("{\"title\": \"a </script> title\", \"mark\": \"bar\"}");
        DisplayData first = r.render(chart);
        Object json = first.getData(KernelRenderers.VEGA_LITE);
        assertTrue(json instanceof JsonObject, "a JSON value, not a string: " + json);
        assertEquals("bar", ((JsonObject) json).get("mark").getAsString());
        String html = (String) first.getData(MIMEType.TEXT_HTML);
        assertTrue(html.contains("(function (define, module, exports) {"), "the first chart carries the libraries");
        assertTrue(html.contains("a <\\/script> title") && !html.contains("a </script>"), "the spec cannot end the script");
        assertEquals("VegaLite[a </script> title]", text(first));
        String second = (String) r.render(chart).getData(MIMEType.TEXT_HTML);
        assertFalse(second.contains("(function (define, module, exports) {"), "later charts reuse them");
        assertTrue(second.contains("window.vegaEmbed") && second.contains("brevettiaiVegaQueue"), second);
        assertTrue(renderer(new VegaHtml(true)).render(chart).getData(MIMEType.TEXT_HTML).toString()
                .contains("(function (define, module, exports) {"));
        String page = VegaHtml.page(chart);
        assertTrue(page.startsWith("<!DOCTYPE html>") && page.contains("vegaEmbed"), "a page of its own");
    }

    @Test
    void inMimeModeAChartIsTheVegaLiteBundleAloneWithNoHtmlForFrontendsToPrefer() {
        VegaMode.set(VegaMode.MIME);
        try {
            VegaLite chart = VegaLite.of("{\"title\": \"loss\", \"mark\": \"line\"}");
            DisplayData d = renderer(new VegaHtml(false)).render(chart);
            assertTrue(d.getData(KernelRenderers.VEGA_LITE) instanceof JsonObject, "the bundle: " + d);
            assertNull(d.getData(MIMEType.TEXT_HTML), "no HTML fallback (JupyterLab and VS Code would prefer it)");
            assertEquals("VegaLite[loss]\n(not drawn here: this front end does not render Vega-Lite; run Display.vegaLiteMode(\"html\")"
                    + " in a cell, or start the kernel with BREVETTIAI_VEGA=html)", text(d), "a front end that shows the text says how to switch");
            Display.vegaLiteMode("html");
            assertTrue(renderer(new VegaHtml(false)).render(chart).getData(MIMEType.TEXT_HTML).toString().contains("vegaEmbed"),
                    "Display.vegaLiteMode(\"html\") brings the fallback back");
        } finally {
            VegaMode.set(VegaMode.HTML);
        }
    }

    @Test
    void theVegaModeFollowsTheFrontEndUnlessAsked() {
        assertEquals(VegaMode.MIME, VegaMode.resolve(java.util.Map.of("JPY_SESSION_NAME", "/n/a.ipynb"), null), "a Jupyter server's kernel");
        assertEquals(VegaMode.MIME, VegaMode.resolve(java.util.Map.of("VSCODE_PID", "12"), null), "VS Code's");
        assertEquals(VegaMode.HTML, VegaMode.resolve(java.util.Map.of("JPY_PARENT_PID", "12"), null), "nbconvert's");
        assertEquals(VegaMode.HTML, VegaMode.resolve(java.util.Map.of("JPY_SESSION_NAME", "a", "BREVETTIAI_VEGA", "html"), null));
        assertEquals(VegaMode.MIME, VegaMode.resolve(java.util.Map.of("BREVETTIAI_VEGA", "html"), "MIME"), "the property first");
        IllegalArgumentException bad = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Display.vegaLiteMode("svg"));
        assertEquals("VegaLite[c]", text(renderer(new VegaHtml(false)).render(VegaLite.of("{\"title\": \"c\"}"))), "html mode: the chart's text");
        assertTrue(bad.getMessage().contains("'svg'") && bad.getMessage().contains("mime"), bad.getMessage());
    }

    /**
     * The environments front ends start kernels with (docs/kernel.md has the sources): VS Code's Jupyter extension
     * passes its own environment and no JPY_PARENT_PID; jupyter_client (nbconvert, servers) always sets
     * JPY_PARENT_PID, jupyter_server 1.19+ JPY_SESSION_NAME; nbclassic is a jupyter_server with the classic UI.
     */
    @Test
    void autoTellsVsCodeAndServersFromTheirTerminalsAndFromClassicNotebook() {
        java.util.function.Function<Long, java.util.Optional<String>> nbclassic =
                pid -> java.util.Optional.of("/usr/bin/python3 /usr/local/bin/jupyter-nbclassic --no-browser");
        java.util.function.Function<Long, java.util.Optional<String>> lab =
                pid -> java.util.Optional.of("/usr/bin/python3 /usr/local/bin/jupyter-lab");
        Map<String, String> vscodeDesktop = Map.of("VSCODE_PID", "4242", "VSCODE_CWD", "/home/u", "VSCODE_IPC_HOOK", "/run/user/1000/vscode.sock",
                "VSCODE_NLS_CONFIG", "{\"locale\":\"en\"}", "VSCODE_HANDLES_UNCAUGHT_ERRORS", "true", "ELECTRON_RUN_AS_NODE", "1");
        assertEquals(VegaMode.MIME, VegaMode.auto(vscodeDesktop, lab), "VS Code desktop starting the kernel itself");
        assertEquals(VegaMode.MIME, VegaMode.auto(Map.of("VSCODE_CWD", "/home/u", "VSCODE_IPC_HOOK_CLI", "/tmp/vscode-ipc.sock",
                "VSCODE_AMD_ENTRYPOINT", "vs/workbench/api/node/extensionHostProcess"), lab), "VS Code Server (remote, WSL): no VSCODE_PID");
        Map<String, String> terminal = new java.util.HashMap<>(vscodeDesktop);
        terminal.putAll(Map.of("TERM_PROGRAM", "vscode", "JPY_PARENT_PID", "77"));
        assertEquals(VegaMode.HTML, VegaMode.auto(terminal, lab), "nbconvert run in VS Code's terminal: jupyter_client started it");
        assertEquals(VegaMode.MIME, VegaMode.auto(Map.of("JPY_SESSION_NAME", "/n/a.ipynb", "JPY_PARENT_PID", "77"), lab), "JupyterLab");
        assertEquals(VegaMode.HTML, VegaMode.auto(Map.of("JPY_SESSION_NAME", "/n/a.ipynb", "JPY_PARENT_PID", "77"), nbclassic), "nbclassic");
        assertEquals(VegaMode.MIME, VegaMode.auto(Map.of("JPY_SESSION_NAME", "/n/a.ipynb", "JPY_PARENT_PID", "not a pid"), nbclassic));
        assertEquals(VegaMode.MIME, VegaMode.auto(Map.of("JPY_SESSION_NAME", "/n/a.ipynb",
                "JPY_PARENT_PID", String.valueOf(ProcessHandle.current().pid()))), "a real process's command line (this JVM's)");
        assertEquals(VegaMode.HTML, VegaMode.auto(Map.of("JPY_PARENT_PID", "77"), nbclassic), "Notebook 6's own server sets no JPY_SESSION_NAME");
    }

    @Test
    void countsAreHtmlTablesAndLongPathsKeepTheirFileNames() {
        String path = "/tmp/junit8472615/datasets/neurips_vials_train/some/deep/folder/missing_cap/image_0042.bmp";
        Samples samples = Samples.of(Table.create("s", StringColumn.create("category", "good", "bad", "good"),
                StringColumn.create("path", path, "/d/bad/2.bmp", "/d/good/3.bmp")));
        DisplayData counts = renderer.render(samples.counts("category"));
        String html = (String) counts.getData(MIMEType.TEXT_HTML);
        assertTrue(html.contains("<th>category</th><th>count</th>") && html.contains("<td>good</td><td>2</td>"), html);
        assertEquals("Counts by category [2 values, 3 rows]\ncategory  count\ngood          2\nbad           1\n", text(counts));
        assertTrue(((String) renderer.render(samples.counts("category", "path")).getData(MIMEType.TEXT_HTML))
                .contains("<th>category</th><th>path</th><th>count</th>"));

        String samplesHtml = (String) renderer.render(samples).getData(MIMEType.TEXT_HTML);
        assertTrue(samplesHtml.contains("<td>/tmp/junit8472615/datase...") && samplesHtml.contains("/image_0042.bmp</td>"), "the file name stays: " + samplesHtml);
        String tableHtml = (String) renderer.render(samples.table()).getData(MIMEType.TEXT_HTML);
        assertTrue(tableHtml.contains("/image_0042.bmp</td>") && tableHtml.contains("<td>/tmp/junit"), tableHtml);
    }

    @Test
    void everySummaryIsAnHtmlTableInTheNotebookAndAlignedTextBesideIt() {
        Samples samples = Samples.of(Table.create("s", StringColumn.create("category", "good", "bad", "good", "good"),
                StringColumn.create("folder", "a", "b", "a", "c")));
        Map<String, String> cells = new LinkedHashMap<>();
        cells.put("counts", "<th>category</th><th>count</th></tr></thead>\n<tbody>\n<tr><th>0</th><td>good</td><td>3</td>");
        cells.put("weights", "<th>group</th><th>weight</th></tr></thead>\n<tbody>\n<tr><th>0</th><td>a</td><td>0.333333</td>");
        cells.put("datasets", "<th>name</th><th>id</th><th>bucket</th><th>reference</th><th>locked</th>");
        cells.put("metrics", "<th>metric</th><th>value</th></tr></thead>\n<tbody>\n<tr><th>0</th><td>accuracy</td><td>0.93</td>");
        Map<String, Object> values = Map.of(
                "counts", samples.counts("category"),
                "weights", samples.generator().samplingGroupBy("folder").groupWeighing("uniform").sampleWeights(),
                "datasets", new Datasets(List.of(Dataset.of("vials", "/data/vials"), Dataset.of("caps", "/data/caps"))),
                "metrics", new NamedValues<>("Output metrics", "metric", "value", Map.of("accuracy", 0.93)));
        for (Map.Entry<String, String> expected : cells.entrySet()) {
            Object value = values.get(expected.getKey());
            DisplayData d = renderer.render(value);
            String html = String.valueOf(d.getData(MIMEType.TEXT_HTML));
            assertTrue(html.contains("<table") && html.contains(expected.getValue()), expected.getKey() + ": " + html);
            assertEquals(value.toString(), text(d), expected.getKey());
            List<String> lines = text(d).lines().toList();
            assertTrue(lines.size() >= 3, expected.getKey() + ": a title, the column names and rows: " + text(d));
        }
        assertEquals("""
                Sample weights by folder [3]
                group    weight
                a      0.333333
                b      0.333333
                c      0.333333
                """, text(renderer.render(values.get("weights"))));
        String datasets = text(renderer.render(values.get("datasets")));
        assertTrue(datasets.startsWith("Datasets[2]\nname   id") && datasets.contains("\nvials  ") && datasets.contains("/data/caps"), datasets);
    }
}
