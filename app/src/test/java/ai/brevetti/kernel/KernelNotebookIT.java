package ai.brevetti.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.internal.Json;
import ai.brevetti.testing.Jupyter;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notebooks executed headless by {@code jupyter nbconvert --execute} on the kernelspec that
 * {@code bin/brevettiai kernel install --prefix} writes: values, multi-snippet cells, pictures, tables,
 * Vega-Lite, errors with cell lines. Skipped when Jupyter is not installed (.ci/run installs it).
 */
class KernelNotebookIT {
    @TempDir
    static Path dir;
    static Jupyter jupyter;

    @BeforeAll
    static void install() throws Exception {
        jupyter = Jupyter.installOrSkip(dir.resolve("prefix"), "Jupyter kernel tests");
    }

    static void writeNotebook(Path file, List<String> cells) throws Exception {
        List<Map<String, Object>> list = new ArrayList<>();
        for (String source : cells) {
            Map<String, Object> cell = new LinkedHashMap<>();
            cell.put("cell_type", "code");
            cell.put("execution_count", null);
            cell.put("metadata", Map.of());
            cell.put("outputs", List.of());
            cell.put("source", source);
            list.add(cell);
        }
        Map<String, Object> nb = new LinkedHashMap<>();
        nb.put("cells", list);
        nb.put("metadata", Map.of("kernelspec", Map.of("name", "brevettiai-java", "display_name", "Java (brevettiai)", "language", "java")));
        nb.put("nbformat", 4);
        nb.put("nbformat_minor", 4);
        Files.writeString(file, Json.writePretty(nb));
    }

    static Jupyter.Result execute(Path notebook, String output, boolean allowErrors) throws Exception {
        List<String> command = new ArrayList<>(List.of("jupyter", "nbconvert", "--to", "notebook", "--execute",
                "--ExecutePreprocessor.timeout=300", "--ExecutePreprocessor.startup_timeout=240", "--output", output));
        if (allowErrors) {
            command.add("--allow-errors");
        }
        command.add(notebook.getFileName().toString());
        return jupyter.jupyter(command, notebook.getParent(), Map.of(), 900);
    }

    @SuppressWarnings("unchecked")
    static List<List<Map<String, Object>>> outputs(Path executed) throws Exception {
        List<List<Map<String, Object>>> all = new ArrayList<>();
        for (Object cell : (List<Object>) Json.parseObject(Files.readString(executed)).get("cells")) {
            all.add((List<Map<String, Object>>) ((Map<String, Object>) cell).get("outputs"));
        }
        return all;
    }

    /** nbformat keeps multi-line text as a list of lines. */
    static String text(Object value) {
        return value instanceof List<?> lines ? String.join("", lines.stream().map(String::valueOf).toList()) : String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> data(Map<String, Object> output) {
        return (Map<String, Object>) output.get("data");
    }

    static Map<String, Object> only(List<Map<String, Object>> outputs, String type) {
        List<Map<String, Object>> matching = outputs.stream().filter(o -> type.equals(o.get("output_type"))).toList();
        assertEquals(1, matching.size(), "one " + type + " in " + outputs);
        return matching.get(0);
    }

    static BufferedImage png(Map<String, Object> output) throws Exception {
        String base64 = text(data(output).get("image/png")).replace("\n", "");
        return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
    }

    @Test
    void aNotebookRunsWithValuesTablesPicturesChartsAndErrorsAtTheirCellLines() throws Exception {
        Path images = dir.resolve("vials");
        for (String category : List.of("good", "bad")) {
            Files.createDirectories(images.resolve(category));
            for (int i = 0; i < 2; i++) {
                BufferedImage small = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
                small.setRGB(i, i, category.equals("good") ? 0x00ff00 : 0xff0000);
                ImageIO.write(small, "png", images.resolve(category).resolve(category + i + ".png").toFile());
            }
        }
        String line = "{\"title\": \"loss\", \"mark\": \"line\", \"data\": {\"values\": [{\"x\": 1, \"y\": 0.9}, {\"x\": 2, \"y\": 0.4}]},"
                + " \"encoding\": {\"x\": {\"field\": \"x\", \"type\": \"quantitative\"}, \"y\": {\"field\": \"y\", \"type\": \"quantitative\"}}}";
        String bar = "{\"mark\": \"bar\", \"data\": {\"values\": [{\"a\": \"A\", \"b\": 3}]},"
                + " \"encoding\": {\"x\": {\"field\": \"a\", \"type\": \"nominal\"}, \"y\": {\"field\": \"b\", \"type\": \"quantitative\"}}}";
        Path notebook = dir.resolve("demo.ipynb");
        writeNotebook(notebook, List.of(
                "1 + 1",
                "int a = 20;\nint b = 22;\nSystem.out.println(\"sum\");\na + b",
                "var img = new java.awt.image.BufferedImage(40, 30, java.awt.image.BufferedImage.TYPE_INT_RGB);\n"
                        + "var g = img.createGraphics();\ng.setColor(java.awt.Color.ORANGE);\ng.fillRect(5, 5, 20, 10);\ng.dispose();\nimg",
                "Dataset.of(\"vials\", \"" + images + "\").getImageSamples()",
                "VegaLite.of(\"\"\"\n" + line + "\"\"\")",
                "int ok = 1;\nString s = ok;",
                "void check(int n) {\n  if (n > 1) throw new IllegalStateException(\"boom \" + n);\n}\ncheck(1);\ncheck(2);",
                "display(\"mid-cell\");\nint after = 5;\nafter",
                "VegaLite.of(\"\"\"\n" + bar + "\"\"\")",
                "var chart = new org.knowm.xchart.XYChartBuilder().width(300).height(200).title(\"loss\").build();\n"
                        + "chart.addSeries(\"train\", new double[] {1, 2, 3}, new double[] {0.9, 0.5, 0.3});\nchart",
                "ai.brevetti.data.generator.Tensor.zeros(4, 8, 8, 3)",
                "\"still \" + after"));
        Jupyter.Result run = execute(notebook, "demo.out.ipynb", true);
        assertEquals(0, run.code(), run.both());
        List<List<Map<String, Object>>> out = outputs(dir.resolve("demo.out.ipynb"));

        assertEquals("2", text(data(only(out.get(0), "execute_result")).get("text/plain")));

        assertEquals("sum\n", text(only(out.get(1), "stream").get("text")));
        assertEquals("42", text(data(only(out.get(1), "execute_result")).get("text/plain")));

        Map<String, Object> picture = only(out.get(2), "execute_result");
        BufferedImage image = png(picture);
        assertEquals(40, image.getWidth());
        assertEquals(Color.ORANGE.getRGB() & 0xffffff, image.getRGB(10, 10) & 0xffffff, "not blank: the drawn rectangle");
        assertEquals("BufferedImage[40x30]", text(data(picture).get("text/plain")));

        Map<String, Object> samples = data(only(out.get(3), "execute_result"));
        String html = text(samples.get("text/html"));
        assertTrue(html.contains("<table") && html.contains("<td>good</td>") && html.contains("/vials/bad/bad1.png"), html);
        assertTrue(text(samples.get("text/plain")).startsWith("Samples[4 rows]"), text(samples.get("text/plain")));

        Map<String, Object> vega = data(only(out.get(4), "execute_result"));
        assertTrue(vega.get("application/vnd.vegalite.v5+json") instanceof Map<?, ?> spec && "line".equals(spec.get("mark")),
                "the Vega-Lite spec as a JSON object: " + vega.get("application/vnd.vegalite.v5+json"));
        assertTrue(text(vega.get("text/html")).contains("(function (define, module, exports) {"), "the first chart carries the libraries");
        assertEquals("VegaLite[loss]", text(vega.get("text/plain")));

        Map<String, Object> compile = only(out.get(5), "error");
        assertEquals("CellError", compile.get("ename"));
        assertTrue(String.valueOf(compile.get("evalue")).matches("In\\[6]:2: error: incompatible types: int cannot be converted to .*String"),
                String.valueOf(compile.get("evalue")));
        String compileTrace = text(compile.get("traceback"));
        assertTrue(compileTrace.contains("String s = ok;") && compileTrace.contains("^"), compileTrace);

        Map<String, Object> thrown = only(out.get(6), "error");
        assertEquals("In[7]:5: IllegalStateException: boom 2", thrown.get("evalue"));
        assertTrue(text(thrown.get("traceback")).contains("\tat check (In[7]:2)"), text(thrown.get("traceback")));

        assertEquals("display_data", out.get(7).get(0).get("output_type"), "display() shows before the cell's value");
        assertEquals("mid-cell", text(data(out.get(7).get(0)).get("text/plain")));
        assertEquals("5", text(data(only(out.get(7), "execute_result")).get("text/plain")));

        Map<String, Object> second = data(only(out.get(8), "execute_result"));
        assertTrue(second.get("application/vnd.vegalite.v5+json") instanceof Map<?, ?>);
        assertTrue(!text(second.get("text/html")).contains("(function (define, module, exports) {")
                && text(second.get("text/html")).contains("window.vegaEmbed"), "later charts reuse the libraries");

        assertEquals(300, png(only(out.get(9), "execute_result")).getWidth());
        assertEquals(16, png(only(out.get(10), "execute_result")).getWidth(), "4 images of 8x8 in a 2x2 mosaic");
        assertEquals("still 5", text(data(only(out.get(11), "execute_result")).get("text/plain")));

        // exported to HTML: the libraries once, two charts waiting for them, the PNGs inline
        Jupyter.Result export = jupyter.jupyter(List.of("jupyter", "nbconvert", "--to", "html", "demo.out.ipynb"), dir, Map.of(), 300);
        assertEquals(0, export.code(), export.both());
        String page = Files.readString(dir.resolve("demo.out.html"));
        assertEquals(1, count(page, "window.brevettiaiVegaQueue = {push"), "the libraries once");
        assertEquals(2, count(page, "class=\"brevettiai-vega\""));
        assertTrue(page.contains("data:image/png;base64,"));
    }

    @Test
    void aFailingCellFailsTheRunWithoutAllowErrors() throws Exception {
        Path notebook = dir.resolve("failing.ipynb");
        writeNotebook(notebook, List.of("int x = 1;", "throw new IllegalStateException(\"boom\");", "x"));
        Jupyter.Result run = execute(notebook, "failing.out.ipynb", false);
        assertNotEquals(0, run.code(), run.both());
        assertTrue(run.both().contains("In[2]:1: IllegalStateException: boom"), run.both());
    }

    static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
