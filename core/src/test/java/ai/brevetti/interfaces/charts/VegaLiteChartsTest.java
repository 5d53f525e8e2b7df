package ai.brevetti.interfaces.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.data.samples.Samples;
import ai.brevetti.internal.Json;
import ai.brevetti.vega.VegaBundle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The standard charts, compared field by field with spec §7.4 (vegalite_charts). */
class VegaLiteChartsTest {

    static Samples samples() {
        Table t = Table.create("samples",
                StringColumn.create("category", "good", "bad", "good", "bad|scratch", "good", "bad"),
                StringColumn.create("dataset", "vials B", "vials B", "vials B", "vials A", "vials A", "vials A"),
                StringColumn.create("path", "1", "2", "3", "4", "5", "6"));
        return Samples.of(t);
    }

    @SuppressWarnings("unchecked")
    static <T> T at(Object node, Object... path) {
        Object cur = node;
        for (Object p : path) {
            cur = p instanceof Integer i ? ((List<Object>) cur).get(i) : ((Map<String, Object>) cur).get(p);
        }
        return (T) cur;
    }

    static Map<String, Object> f(String field, String type) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("field", field);
        m.put("type", type);
        return m;
    }

    @Test
    void datasetSummaryIsTheSpecsBarChart() {
        Map<String, Object> spec = VegaLiteCharts.datasetSummary(samples()).toMap();
        assertEquals("https://vega.github.io/schema/vega-lite/v5.json", spec.get("$schema"));
        assertEquals(Map.of("axis", Map.of("labelLimit", 30)), spec.get("config"));
        assertEquals("bar", spec.get("mark"));
        Map<String, Object> encoding = at(spec, "encoding");
        assertEquals(f("samples", "quantitative"), encoding.get("x"));
        assertEquals(f("dataset", "nominal"), encoding.get("y"));
        assertEquals(f("category", "nominal"), encoding.get("color"));
        Map<String, Object> order = f("category", "nominal");
        order.put("sort", "ascending");
        assertEquals(order, encoding.get("order"));
        assertEquals(List.of(f("samples", "quantitative"), f("dataset", "nominal"), f("category", "nominal")), encoding.get("tooltip"));
        // grouped by (dataset, category), sorted, multi-class categories joined by "/"
        assertEquals(List.of(
                        Map.of("dataset", "vials A", "category", "bad", "samples", 1),
                        Map.of("dataset", "vials A", "category", "bad/scratch", "samples", 1),
                        Map.of("dataset", "vials A", "category", "good", "samples", 1),
                        Map.of("dataset", "vials B", "category", "bad", "samples", 1),
                        Map.of("dataset", "vials B", "category", "good", "samples", 2)),
                at(spec, "data", "values"));
        assertEquals(List.of("dataset", "category", "samples"), List.copyOf(((Map<?, ?>) at(spec, "data", "values", 0)).keySet()));
    }

    @Test
    void datasetSummaryNamesAMissingColumnAndDrawsAnEmptyTable() {
        Table noDataset = Table.create("s", StringColumn.create("category", "a"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VegaLiteCharts.datasetSummary(Samples.of(noDataset)));
        assertTrue(e.getMessage().contains("'dataset' column"), e.getMessage());
        assertEquals(List.of(), at(VegaLiteCharts.datasetSummary(Samples.empty(new ai.brevetti.io.IoTools())).toMap(), "data", "values"));
    }

    static Table predictions() {
        return Table.create("predictions",
                StringColumn.create("category", "good", "good", "good", "bad", "bad|good"),
                DoubleColumn.create("prob_good", 0.9, 0.45, 0.05, 0.3, 0.95),
                StringColumn.create("prob_bad", "0.1", "0.55", "0.95", "0.7", "0.05"));
    }

    @Test
    void securityLevelsFollowMakeSecuritySelection() {
        List<VegaLite> charts = VegaLiteCharts.securityLevels(predictions(), List.of("good", "bad"));
        assertEquals(2, charts.size());
        Map<String, Object> good = charts.get(0).toMap();
        assertEquals("good_security_level", good.get("title"));
        assertEquals(Map.of("title", Map.of("fontSize", 24, "anchor", "start", "color", "green")), good.get("config"));
        List<Map<String, Object>> values = at(good, "data", "values");
        assertEquals(101, values.size());
        assertEquals(List.of("FRR", "TRR", "good_security_level", "security_threshold"), List.copyOf(values.get(0).keySet()));
        // 'good' samples: 0.9, 0.45, 0.05, 0.95 (multi-class counts); others: 0.3
        Map<String, Object> at50 = values.get(50);
        assertEquals(50, at50.get("good_security_level"));
        assertEquals(0.5, at50.get("FRR"), "0.45 and 0.05 are below 0.5");
        assertEquals(1.0 + 1e-5 * 50, at50.get("TRR"));
        assertEquals("security_level", at50.get("security_threshold"));
        assertEquals(0.0, values.get(0).get("FRR"));
        assertEquals(0.0, values.get(0).get("TRR"));
        assertEquals(0.25, values.get(6).get("FRR"), "0.05 < 0.06");
        assertEquals(1.0 + 1e-5 * 100, values.get(100).get("TRR"));

        List<Map<String, Object>> layer = at(good, "layer");
        assertEquals(Map.of("type", "line", "color", "green", "point", Map.of("color", "green", "size", 16)), layer.get(0).get("mark"));
        Map<String, Object> x = f("TRR", "quantitative");
        x.put("scale", Map.of("type", "linear", "nice", false, "padding", 36));
        assertEquals(x, at(layer.get(0), "encoding", "x"));
        assertEquals("scales", at(layer.get(0), "params", 0, "bind"));
        // the thresholds written along the curve: a readable few, not all 101
        assertEquals(Map.of("type", "text", "align", "left", "baseline", "middle", "dx", 5, "dy", -7, "fontSize", 13), layer.get(1).get("mark"));
        assertEquals(f("good_security_level", "quantitative"), at(layer.get(1), "encoding", "text"));
        List<Integer> labelled = at(layer.get(1), "transform", 0, "filter", "oneOf");
        assertEquals("good_security_level", at(layer.get(1), "transform", 0, "filter", "field"));
        assertTrue(labelled.size() >= 2 && labelled.size() < 30, labelled.toString());
        // the one where the mouse is nearest, in red
        assertEquals(Map.of("param", "select_security", "value", 1, "empty", false), at(layer.get(2), "encoding", "opacity", "condition"));
        assertEquals(Map.of("type", "point", "on", "mouseover", "nearest", true), at(layer.get(2), "params", 0, "select"));
        assertEquals(f("good_security_level", "quantitative"), at(layer.get(2), "encoding", "text"));

        Map<String, Object> bad = charts.get(1).toMap();
        assertEquals("bad_security_level", bad.get("title"));
        // 'bad' samples: 0.7, 0.05; others: 0.1, 0.55, 0.95 (probabilities given as text)
        assertEquals(0.5, at(bad, "data", "values", 50, "FRR"));
        assertEquals(2.0 / 3 + 1e-5 * 60, (double) at(bad, "data", "values", 60, "TRR"), 1e-15);
    }

    @Test
    void securityLevelLabelsNeverOverlap() {
        // a curve that bunches up: most thresholds at the same few points, others spread out
        double[] x = new double[101];
        double[] y = new double[101];
        for (int t = 0; t <= 100; t++) {
            x[t] = t < 80 ? 0.01 * (t / 20) + 1e-5 * t : (t - 80) / 20.0;
            y[t] = t < 50 ? 0 : t / 100.0;
        }
        List<Integer> kept = VegaLiteCharts.readableLabels(x, y);
        assertTrue(kept.contains(0) && kept.contains(100), kept.toString());
        assertTrue(kept.size() < 40, "far fewer than 101: " + kept);
        double xMax = 1.0 + 1e-3;
        for (int a : kept) {
            for (int b : kept) {
                if (a < b) {
                    double dx = Math.abs(x[a] - x[b]) / xMax * (VegaLiteCharts.SECURITY_WIDTH - 2 * VegaLiteCharts.SECURITY_PAD_X);
                    double dy = Math.abs(y[a] - y[b]) * (VegaLiteCharts.SECURITY_HEIGHT - 2 * VegaLiteCharts.SECURITY_PAD_Y);
                    double width = String.valueOf(x[a] <= x[b] ? a : b).length() * 13 * 0.65;
                    assertTrue(dx >= width || dy >= 13 * 1.25 - 1e-9, "labels " + a + " and " + b + " overlap: " + dx + ", " + dy);
                }
            }
        }
    }

    @Test
    void securityLevelsNameAMissingProbabilityColumn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VegaLiteCharts.securityLevels(predictions(), List.of("scratch")));
        assertTrue(e.getMessage().contains("'prob_scratch' column for class 'scratch'"), e.getMessage());
    }

    @Test
    void trainingProgressIsALinePerMetric() {
        List<Map<String, Object>> points = new ArrayList<>();
        points.add(new LinkedHashMap<>(Map.of("epoch", 0, "loss", 0.9)));
        Map<String, Object> second = new LinkedHashMap<>();
        second.put("epoch", 1);
        second.put("loss", 0.5);
        second.put("accuracy", null);
        second.put("note", "text");
        points.add(second);
        Map<String, Object> spec = VegaLiteCharts.trainingProgress(points).toMap();
        assertEquals(List.of(Map.of("epoch", 0, "metric", "loss", "value", 0.9), Map.of("epoch", 1, "metric", "loss", "value", 0.5)),
                at(spec, "data", "values"));
        assertEquals(Map.of("type", "line", "point", true), spec.get("mark"));
        assertEquals(f("epoch", "quantitative"), at(spec, "encoding", "x"));
        assertEquals(f("metric", "nominal"), at(spec, "encoding", "color"));
    }

    /**
     * Every chart compiles with the bundled Vega-Lite and renders with Vega (headless, in Node) without
     * errors or warnings. Skipped where Node is not installed.
     */
    @Test
    void theChartsCompileAndRenderWithTheBundledVega(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(nodeAvailable(), "node is not installed");
        for (String file : List.of("vega.min.js", "vega-lite.min.js")) {
            Files.write(dir.resolve(file), VegaBundle.bytes(file));
        }
        List<VegaLite> charts = new ArrayList<>();
        charts.add(VegaLiteCharts.datasetSummary(samples()));
        charts.addAll(VegaLiteCharts.securityLevels(predictions(), List.of("good", "bad")));
        // a class whose name Vega-Lite would read as a nested field unless escaped
        Table dotted = predictions().copy();
        dotted.column("prob_good").setName("prob_v1.2[a]");
        dotted.replaceColumn("category", StringColumn.create("category", "v1.2[a]", "bad", "v1.2[a]|bad", "bad", "v1.2[a]"));
        charts.addAll(VegaLiteCharts.securityLevels(dotted, List.of("v1.2[a]")));
        charts.add(VegaLiteCharts.trainingProgress(List.of(Map.of("epoch", 0, "loss", 0.9), Map.of("epoch", 1, "loss", 0.5))));
        Files.writeString(dir.resolve("specs.json"), Json.write(charts.stream().map(VegaLite::toMap).toList()));
        Files.writeString(dir.resolve("check.js"), """
                // the UMD builds as a browser page loads them: globals, no CommonJS modules
                const fs = require('fs'), vm = require('vm');
                vm.runInThisContext(fs.readFileSync('vega.min.js', 'utf8'));
                vm.runInThisContext(fs.readFileSync('vega-lite.min.js', 'utf8'));
                const specs = require('./specs.json');
                (async () => {
                  for (const spec of specs) {
                    const warnings = [];
                    const logger = {level() { return this; }, warn(...m) { warnings.push(m.join(' ')); return this; },
                                    info() { return this; }, debug() { return this; }, error(...m) { warnings.push(m.join(' ')); return this; }};
                    const compiled = vegaLite.compile(spec, {logger}).spec;
                    const view = new vega.View(vega.parse(compiled), {renderer: 'none'});
                    const svg = await view.toSVG();
                    if (warnings.length) { console.log('WARN ' + warnings.join(' | ')); process.exitCode = 1; }
                    // the text marks' items that show a value (the thresholds written along a security-level curve)
                    let labels = 0;
                    const walk = mark => {
                      if (mark.marktype === 'text' && mark.role === 'mark') {
                        labels += mark.items.filter(i => i.opacity !== 0 && i.text !== undefined && i.text !== null
                          && String(i.text) !== '' && String(i.text) !== 'NaN').length;
                      }
                      (mark.items || []).forEach(item => (item.items || []).forEach(walk));
                    };
                    walk(view.scenegraph().root);
                    console.log((spec.title || spec.mark) + ' ' + svg.length + ' labels ' + labels);
                  }
                })().catch(e => { console.log('ERROR ' + e.message); process.exitCode = 2; });
                """);
        Process node = new ProcessBuilder("node", "check.js").directory(dir.toFile()).redirectErrorStream(true).start();
        assertTrue(node.waitFor(120, TimeUnit.SECONDS), "node finished");
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, node.exitValue(), out);
        assertEquals(charts.size(), out.lines().count(), out);
        List<String> levels = out.lines().filter(l -> l.contains("_security_level ")).toList();
        assertEquals(3, levels.size(), out);
        for (String line : levels) {
            assertTrue(Integer.parseInt(line.substring(line.lastIndexOf(' ') + 1)) >= 2, "thresholds written: " + line);
        }
    }

    static boolean nodeAvailable() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
