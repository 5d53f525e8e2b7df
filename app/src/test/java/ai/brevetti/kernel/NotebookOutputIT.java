package ai.brevetti.kernel;

import static ai.brevetti.kernel.KernelNotebookIT.data;
import static ai.brevetti.kernel.KernelNotebookIT.text;
import static ai.brevetti.kernel.KernelNotebookIT.writeNotebook;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.internal.Json;
import ai.brevetti.testing.Jupyter;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a notebook shows besides values (issue 16): log lines kept out of cells unless asked, no platform
 * links for a folder's dataset, the docs' notebook snippets running as written, and Vega-Lite charts as the
 * MIME bundle alone where the front end renders it (no 830 KB of JavaScript per notebook).
 */
class NotebookOutputIT {
    /** The end of the Vega libraries' inlined script (VegaHtml): once per copy of the libraries. */
    static final String LIBRARIES = "Queue = {push: function (show) { show(); }};";

    @TempDir
    static Path dir;
    static Jupyter jupyter;
    static Path images;

    @BeforeAll
    static void install() throws Exception {
        jupyter = Jupyter.installOrSkip(dir.resolve("prefix"), "Notebook output tests");
        images = dir.resolve("vials");
        for (String category : List.of("good", "bad")) {
            Files.createDirectories(images.resolve(category));
            for (int i = 0; i < 2; i++) {
                BufferedImage small = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
                small.setRGB(i, i, 0xff0000);
                small.setRGB(7 - i, 3, 0x00ff00);
                ImageIO.write(small, "png", images.resolve(category).resolve(category + i + ".png").toFile());
            }
        }
    }

    /** Executes {@code cells} (errors kept) with {@code env} added to the kernel's; returns the notebook file. */
    static Path run(String name, List<String> cells, Map<String, String> env) throws Exception {
        Path notebook = dir.resolve(name + ".ipynb");
        writeNotebook(notebook, cells);
        Jupyter.Result r = jupyter.jupyter(List.of("jupyter", "nbconvert", "--to", "notebook", "--execute", "--allow-errors",
                "--ExecutePreprocessor.timeout=300", "--ExecutePreprocessor.startup_timeout=240", "--output", name + "_out",
                notebook.getFileName().toString()), dir, env, 900);
        assertEquals(0, r.code(), r.both());
        return dir.resolve(name + "_out.ipynb");
    }

    @SuppressWarnings("unchecked")
    static List<List<Map<String, Object>>> outputs(Path executed) throws Exception {
        List<List<Map<String, Object>>> all = new ArrayList<>();
        for (Object cell : (List<Object>) Json.parseObject(Files.readString(executed)).get("cells")) {
            all.add((List<Map<String, Object>>) ((Map<String, Object>) cell).get("outputs"));
        }
        return all;
    }

    static String stderr(List<Map<String, Object>> cell) {
        return cell.stream().filter(o -> "stderr".equals(o.get("name"))).map(o -> text(o.get("text"))).reduce("", String::concat);
    }

    static void assertNoErrors(List<List<Map<String, Object>>> outputs) {
        for (int c = 0; c < outputs.size(); c++) {
            for (Map<String, Object> o : outputs.get(c)) {
                assertFalse("error".equals(o.get("output_type")), "cell " + c + ": " + o.get("traceback"));
            }
        }
    }

    @Test
    void infoLinesStayOutOfCellsWarningsAreOneShortLineAndOneLineBringsInfoBack() throws Exception {
        String list = "Dataset.of(\"vials\", \"" + images + "\").samples()";
        Path executed = run("logging", List.of(
                list + ".size()",
                "org.slf4j.LoggerFactory.getLogger(\"ai.brevetti.platform.Job\").warn(\"careful: {}\", 42)",
                "Display.logLevel(\"info\");\n" + list + ".size()",
                list), Map.of());
        String file = Files.readString(executed);
        List<List<Map<String, Object>>> outputs = outputs(executed);
        assertNoErrors(outputs);
        assertEquals("", stderr(outputs.get(0)), "no INFO lines in a cell by default");
        assertEquals("WARN Job - careful: 42\n", stderr(outputs.get(1)), "a warning: one short line");
        assertTrue(stderr(outputs.get(2)).contains("INFO Dataset - Getting image samples from dataset 'vials' [" + images + "]"),
                stderr(outputs.get(2)));
        assertFalse(file.contains("platform.brevetti.ai"), "a folder's dataset links nowhere else: " + file);
        String table = text(data(outputs.get(3).get(outputs.get(3).size() - 1)).get("text/html"));
        assertEquals(2, count(table, "/good0.png</td>"), "its url column is the file's path, as the path column: " + table);
    }

    /** Every {@code java} block of docs/kernel.md, as written, after a cell defining what they use. */
    @Test
    void theNotebookSnippetsOfTheDocsRunAsWritten() throws Exception {
        String docs = Files.readString(Jupyter.ROOT.resolve("docs/kernel.md"));
        List<String> cells = new ArrayList<>();
        cells.add("var samples = Dataset.of(\"vials\", \"" + images + "\").samples();\n"
                + "var chart = VegaLite.of(\"{\\\"mark\\\": \\\"bar\\\", \\\"data\\\": {\\\"values\\\": [{\\\"a\\\": 1}]}}\");\n"
                + "var batch = samples.generator().batchSize(4).map(imagePipeline(8, 8)).iterator().next().tensor(\"img\");");
        Matcher block = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(docs);
        while (block.find()) {
            cells.add(block.group(1).strip());
        }
        Matcher inline = Pattern.compile("`(display\\([^`)][^`]*\\))`").matcher(docs);
        while (inline.find()) {
            cells.add(inline.group(1));
        }
        assertTrue(cells.size() >= 5, "the docs' snippets: " + cells);
        List<List<Map<String, Object>>> outputs = outputs(run("snippets", cells, Map.of()));
        assertNoErrors(outputs);
        String updatable = Files.readString(dir.resolve("snippets_out.ipynb"));
        assertTrue(updatable.contains("\"display_id\"") || updatable.contains("application/vnd.vegalite.v5+json"),
                "Display.updatable's output is there, replaced by its update");
    }

    /** Every summary the DSL returns is an HTML table in a real kernel, with the same table as aligned text beside it. */
    @Test
    void summariesAreHtmlTablesWithAlignedTextBeside() throws Exception {
        String dataset = "Dataset.of(\"vials\", \"" + images + "\")";
        List<String> cells = List.of(
                "var samples = " + dataset + ".samples();",
                "samples.counts(\"category\")",
                "samples.generator().samplingGroupBy(\"category\").sampleWeights()",
                "new Datasets(List.of(" + dataset + "))",
                "new NamedValues<>(\"Output metrics\", \"metric\", \"value\", Map.of(\"accuracy\", 0.93))",
                "History.of(List.of(new History.Epoch(0, Map.of(\"loss\", 0.5), 1.0, 0.0), new History.Epoch(1, Map.of(\"loss\", 0.25), 1.0, 0.0)))",
                "display(samples.counts(\"category\", \"folder\"));",
                "Predictions.fromJson(\"{\\\"classes\\\": [\\\"bad\\\", \\\"good\\\"], \\\"columns\\\": [\\\"category\\\"],"
                        + " \\\"rows\\\": [[\\\"good\\\"], [\\\"bad\\\"]], \\\"probabilities\\\": [[0.25, 0.75], [0.6, 0.4]]}\".getBytes())");
        List<List<Map<String, Object>>> outputs = outputs(run("summaries", cells, Map.of()));
        assertNoErrors(outputs);
        List<List<String>> expected = List.of(
                List.of("<th>category</th><th>count</th>", "<td>bad</td><td>2</td>", "Counts by category [2 values, 4 rows]\ncategory  count\nbad           2\n"),
                List.of("<th>group</th><th>weight</th>", "<td>bad</td><td>0.5</td>", "Sample weights by category [2]\ngroup  weight\nbad       0.5\n"),
                List.of("<th>name</th><th>id</th><th>bucket</th>", "<td>vials</td>", "Datasets[1]\nname   id"),
                List.of("<th>metric</th><th>value</th>", "<td>accuracy</td><td>0.93</td>", "Output metrics [1]\nmetric    value\naccuracy   0.93\n"),
                List.of("<th>epoch</th><th>loss</th><th>seconds</th>", "<td>1</td><td>0.25</td><td>1</td>", "History[2 epochs]\nepoch  loss  seconds  data_wait\n    0   0.5        1          0\n"),
                List.of("<th>category</th><th>folder</th><th>count</th>", "<td>bad</td><td>bad</td><td>2</td>", "Counts by category, folder [2 values, 4 rows]\n"),
                List.of("<th>category</th><th>prob_bad</th><th>prob_good</th><th>prediction</th>", "<td>good</td><td>0.25</td><td>0.75</td><td>good</td>",
                        "Predictions[2 rows, classes [bad, good], accuracy 1]\n   category  prob_bad  prob_good  prediction\n0  good          0.25       0.75  good\n"));
        for (int i = 0; i < expected.size(); i++) {
            List<Map<String, Object>> cell = outputs.get(i + 1);
            assertEquals(1, cell.size(), "cell " + (i + 1) + ": one output: " + cell);
            Map<String, Object> data = data(cell.get(0));
            String html = text(data.get("text/html"));
            String plain = text(data.get("text/plain"));
            assertTrue(html.contains("<table") && html.contains(expected.get(i).get(0)) && html.contains(expected.get(i).get(1)),
                    "cell " + (i + 1) + ": " + html);
            assertTrue(plain.startsWith(expected.get(i).get(2)), "cell " + (i + 1) + ": " + plain);
        }
    }

    /**
     * The Vega-Lite mode a real kernel process chooses, started with the environment each front end gives it
     * (docs/kernel.md cites the sources): VS Code's Jupyter extension spawns the kernel itself with its extension
     * host's environment (VSCODE_*, no JPY_PARENT_PID), on the desktop and through VS Code Server (no VSCODE_PID);
     * jupyter_client's launcher (nbconvert, every Jupyter server) sets JPY_PARENT_PID, jupyter_server 1.19+ also
     * JPY_SESSION_NAME; a classic Notebook on jupyter_server is nbclassic, told by the launching process's name.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theVegaModeFollowsTheFrontEndThatStartedTheRealKernel() throws Exception {
        Map<String, String> vscode = Map.of("VSCODE_PID", "4242", "VSCODE_CWD", dir.toString(), "VSCODE_IPC_HOOK",
                dir.resolve("vscode-ipc.sock").toString(), "VSCODE_NLS_CONFIG", "{\"locale\":\"en\"}",
                "VSCODE_HANDLES_UNCAUGHT_ERRORS", "true", "VSCODE_CODE_CACHE_PATH", dir.resolve("cache").toString());
        Map<String, String> vscodeServer = Map.of("VSCODE_CWD", dir.toString(), "VSCODE_IPC_HOOK_CLI", dir.resolve("ipc.sock").toString(),
                "VSCODE_AMD_ENTRYPOINT", "vs/workbench/api/node/extensionHostProcess", "VSCODE_HANDLES_UNCAUGHT_ERRORS", "true");
        Map<String, String> vscodeTerminal = new java.util.HashMap<>(vscode);
        vscodeTerminal.putAll(Map.of("TERM_PROGRAM", "vscode", "VSCODE_GIT_IPC_HANDLE", dir.resolve("git.sock").toString()));
        Map<String, String> server = Map.of("JPY_SESSION_NAME", dir.resolve("charts.ipynb").toString());

        record Start(String name, String driver, String how, Map<String, String> env, boolean mime) {}
        List<Start> starts = List.of(
                new Start("VS Code desktop", "kernel_client.py", "raw", vscode, true),
                new Start("VS Code Server (remote, WSL)", "kernel_client.py", "raw", vscodeServer, true),
                new Start("nbconvert in VS Code's terminal", "kernel_client.py", "client", vscodeTerminal, false),
                new Start("nbconvert", "kernel_client.py", "client", Map.of(), false),
                new Start("a Jupyter server (JupyterLab, Notebook 7)", "jupyter-lab", "client", server, true),
                new Start("nbclassic", "jupyter-nbclassic", "client", server, false));
        for (Start start : starts) {
            Path driver = dir.resolve(start.driver());
            try (java.io.InputStream in = Jupyter.class.getResourceAsStream("/ai/brevetti/kernel/kernel_client.py")) {
                Files.copy(in, driver, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            Jupyter.Result r = jupyter.jupyter(List.of(Jupyter.PYTHON, driver.toString(), "vega", start.how(), Json.write(start.env()),
                    dir.toString()), dir, Map.of(), 600);
            assertEquals(0, r.code(), start.name() + ": " + r.both());
            List<String> lines = r.out().strip().lines().toList();
            Map<String, Object> bundle = Json.parseObject(lines.get(lines.size() - 1));
            List<String> types = (List<String>) bundle.get("types");
            String text = String.valueOf(bundle.get("text"));
            assertTrue(types.contains("application/vnd.vegalite.v5+json"), start.name() + ": " + bundle);
            if (start.mime()) {
                assertEquals(List.of("application/vnd.vegalite.v5+json", "text/plain"), types, start.name() + ": the bundle alone: " + bundle);
                assertTrue(text.startsWith("VegaLite[c1]\n") && text.contains("Display.vegaLiteMode(\"html\")")
                        && text.contains("BREVETTIAI_VEGA=html"), start.name() + ": the text says how to switch: " + text);
            } else {
                assertTrue(types.contains("text/html") && ((Number) bundle.get("html_bytes")).intValue() > 500_000,
                        start.name() + ": the offline HTML with the libraries: " + bundle);
                assertEquals("VegaLite[c1]", text, start.name());
            }
            String seen = String.valueOf(bundle.get("kernel_env"));
            assertEquals(start.how().equals("raw"), seen.startsWith("null "), start.name() + ": JPY_PARENT_PID as the launcher sets it: " + seen);
        }
    }

    static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void chartsAreTheVegaLiteBundleAloneWhereTheFrontEndRendersItAndCarryTheLibrariesOnceElsewhere() throws Exception {
        String chart = "VegaLite.of(\"{\\\"title\\\": \\\"c%d\\\", \\\"mark\\\": \\\"bar\\\"}\")";
        List<String> cells = List.of(chart.formatted(1), chart.formatted(2), "display(" + chart.formatted(3) + ");\n" + chart.formatted(4));

        Path html = run("vega_html", cells, Map.of());                      // nbconvert: auto is html
        String htmlFile = Files.readString(html);
        assertNoErrors(outputs(html));
        assertEquals(1, count(htmlFile, LIBRARIES), "the libraries once per notebook, not per chart");
        assertEquals(4, count(htmlFile, "\"application/vnd.vegalite.v5+json\""));
        assertTrue(Files.size(html) < 1_000_000, "one copy of the ~830 KB libraries: " + Files.size(html));

        for (Map<String, String> env : List.of(Map.of("BREVETTIAI_VEGA", "mime"), Map.of("JPY_SESSION_NAME", dir.resolve("a.ipynb").toString()))) {
            Path mime = run("vega_mime", cells, env);                       // as BREVETTIAI_VEGA=mime, or a Jupyter server's kernel
            List<List<Map<String, Object>>> outputs = outputs(mime);
            assertNoErrors(outputs);
            for (List<Map<String, Object>> cell : outputs) {
                for (Map<String, Object> o : cell) {
                    assertTrue(data(o).containsKey("application/vnd.vegalite.v5+json"), env + ": " + data(o).keySet());
                    assertFalse(data(o).containsKey("text/html"), env + ": no HTML for the front end to prefer: " + data(o).keySet());
                }
            }
            assertEquals(0, count(Files.readString(mime), LIBRARIES), env.toString());
            assertTrue(Files.size(mime) < 20_000, env + ": " + Files.size(mime) + " bytes");
        }

        Path switched = run("vega_switch", List.of("Display.vegaLiteMode(\"html\");\n" + chart.formatted(1)), Map.of("BREVETTIAI_VEGA", "mime"));
        assertEquals(1, count(Files.readString(switched), LIBRARIES), "Display.vegaLiteMode(\"html\") in a cell");
    }
}
