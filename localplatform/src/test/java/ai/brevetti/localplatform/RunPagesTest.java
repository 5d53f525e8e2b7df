package ai.brevetti.localplatform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.internal.Json;
import ai.brevetti.platform.Dataset;
import ai.brevetti.platform.HttpPlatformClient;
import ai.brevetti.platform.Job;
import ai.brevetti.platform.Model;
import ai.brevetti.platform.PlatformApi;
import ai.brevetti.platform.Report;
import ai.brevetti.settings.GenericSettings;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data behind the index and the comparison page over HTTP ({@code /api/runs}, {@code /api/compare}) and
 * their HTML: metric columns, sorting, filters, pages, the cache seeing changed files, the best values, the
 * settings that differ, bad parameters. Runs are real jobs of a platform on loopback writing output.json over S3.
 */
class RunPagesTest {
    static final String EVIL = "<script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\">";

    @TempDir
    static Path dir;
    static LocalPlatform platform;
    static PlatformApi api;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static Dataset vials;
    static Dataset caps;
    /** alpha (completed, loss 0.5, accuracy 0.8), beta (failed, loss 0.3, accuracy 0.7), gamma (created, no output), delta (completed, loss 0.4, accuracy 0.9, f1 0.6) */
    static Model alpha;
    static Model beta;
    static Model gamma;
    static Model delta;
    static Report report;

    @BeforeAll
    static void start() throws Exception {
        platform = LocalPlatform.start(LocalPlatform.Config.ephemeral(dir.resolve("platform")));
        api = platform.api();
        vials = api.createDataset("vials", "", "", List.of());
        caps = api.createDataset("caps & lids", "", "", List.of());
        alpha = run("alpha", List.of(vials.id()), Map.of("epochs", 10, "lr", 0.01, "net", Map.of("depth", 3, "width", 64)),
                "{\"output\": {\"loss\": 0.5, \"accuracy\": 0.8}}", "complete", 0.9, 0.5);
        beta = run("beta", List.of(vials.id(), caps.id()), Map.of("epochs", 10, "lr", 0.1, "net", Map.of("depth", 3, "width", 32)),
                "{\"output\": {\"loss\": 0.3, \"accuracy\": 0.7}}", "fail", 0.8, 0.3);
        gamma = api.createModel("gamma", List.of(caps.id()), Map.of("epochs", 5), List.of());
        delta = run("delta", List.of(), Map.of("epochs", 10, "lr", 0.01, "net", Map.of("depth", 3, "width", 64), "extra", true),
                "{\"output\": {\"loss\": 0.4, \"accuracy\": 0.9, \"f1\": 0.6, \"note\": \"text\"}}", "complete", 1.0, 0.4);
        report = api.createTestReport(alpha.id(), List.of(caps.id()));
    }

    /** A model whose job writes output.json, posts two progress points (loss first, last) and then completes or fails. */
    static Model run(String name, List<String> datasets, Map<String, ?> settings, String output, String end, double firstLoss, double lastLoss)
            throws Exception {
        Model model = api.createModel(name, datasets, settings, List.of());
        try (Job<GenericSettings> job = PageFixtures.job(platform, model)) {
            job.io().writeFile(job.artifactPath("output.json"), output);
            HttpPlatformClient client = (HttpPlatformClient) job.platform();
            client.postRemoteMonitor(new LinkedHashMap<>(Map.of("epoch", 1, "loss", firstLoss)), false);
            client.postRemoteMonitor(new LinkedHashMap<>(Map.of("epoch", 2, "loss", lastLoss)), true);
            if (end.equals("complete")) {
                job.completeJob(Files.writeString(dir.resolve(name + ".tar.gz"), "model"));
            } else {
                job.failJob("diverged");
            }
        }
        return model;
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(platform.url() + path))
                .header("Authorization", "Bearer " + platform.accessToken().reveal()).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static Map<String, Object> json(String path) throws Exception {
        HttpResponse<String> answer = get(path);
        assertEquals(200, answer.statusCode(), path + ": " + answer.body());
        return Json.parseObject(answer.body());
    }

    @SuppressWarnings("unchecked")
    static List<String> names(Map<String, Object> table) {
        return ((List<Map<String, Object>>) table.get("runs")).stream().map(r -> (String) r.get("name")).toList();
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theIndexDataHasTheCommonMetricsAsColumnsAndEveryRun() throws Exception {
        Map<String, Object> all = json("/api/runs");
        assertEquals(5, all.get("total"));
        assertEquals(5, all.get("matched"));
        assertEquals(List.of("accuracy", "loss", "f1", "note"), all.get("columns"), "most runs first, then by name");
        assertEquals(List.of("Test report of alpha", "delta", "gamma", "beta", "alpha"), names(all), "newest first");
        Map<String, Object> counts = (Map<String, Object>) all.get("statusCounts");
        assertEquals(Map.of("all", 5, "created", 2, "running", 0, "completed", 2, "failed", 1), Map.copyOf(counts),
                "gamma and the report are created: no job ran them");
        Map<String, Object> betaRow = ((List<Map<String, Object>>) all.get("runs")).get(3);
        assertEquals("failed", betaRow.get("status"));
        assertEquals("diverged", betaRow.get("failure"));
        assertEquals(Map.of("accuracy", 0.7, "loss", 0.3), ((Map<String, Object>) betaRow.get("metrics")).entrySet().stream()
                .filter(e -> e.getValue() != null).collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        assertEquals(List.of(Map.of("id", vials.id(), "name", "vials"), Map.of("id", caps.id(), "name", "caps & lids")), betaRow.get("datasets"));
        Map<String, Object> reportRow = ((List<Map<String, Object>>) all.get("runs")).get(0);
        assertEquals("report", reportRow.get("kind"));
        assertEquals(Map.of("id", alpha.id(), "name", "alpha"), reportRow.get("model"));
        assertEquals("/reports/" + report.id(), reportRow.get("url"));
    }

    @Test
    void runsSortByAnyColumnWithMissingValuesLast() throws Exception {
        assertEquals(List.of("beta", "delta", "alpha", "Test report of alpha", "gamma"), names(json("/api/runs?sort=metric:loss")));
        assertEquals(List.of("alpha", "delta", "beta", "Test report of alpha", "gamma"), names(json("/api/runs?sort=metric:loss&order=desc")),
                "runs without the metric come last in both orders (newest first)");
        assertEquals(List.of("delta", "alpha", "beta", "Test report of alpha", "gamma"), names(json("/api/runs?sort=metric:accuracy&order=desc")));
        assertEquals(List.of("alpha", "beta", "delta", "gamma", "Test report of alpha"), names(json("/api/runs?sort=name")));
        assertEquals(List.of("Test report of alpha", "gamma", "delta", "beta", "alpha"), names(json("/api/runs?sort=name&order=desc")));
        assertEquals(List.of("alpha", "beta", "gamma", "delta", "Test report of alpha"), names(json("/api/runs?sort=created&order=asc")));
        assertEquals(List.of("delta", "alpha", "Test report of alpha", "gamma", "beta"), names(json("/api/runs?sort=status")),
                "completed, created, failed (ties newest first)");
        assertEquals(List.of("Test report of alpha", "gamma", "alpha", "beta", "delta"), names(json("/api/runs?sort=datasets")),
                "caps & lids, caps & lids, vials, vials + caps & lids, none");
        assertEquals("Test report of alpha", names(json("/api/runs?sort=model")).get(0), "only reports have a tested model");
    }

    @Test
    void runsFilterByTextStatusAndKind() throws Exception {
        assertEquals(List.of("Test report of alpha", "gamma", "beta"), names(json("/api/runs?sort=name&order=desc&q=" + q("CAPS &"))), "a dataset's name");
        assertEquals(List.of("Test report of alpha", "alpha"), names(json("/api/runs?q=ALPHA")), "a name and a tested model's name");
        assertEquals(List.of("delta"), names(json("/api/runs?q=" + delta.id().substring(0, 13))), "an id");
        Map<String, Object> failed = json("/api/runs?status=failed");
        assertEquals(List.of("beta"), names(failed));
        assertEquals(1, failed.get("matched"));
        assertEquals(5, failed.get("total"));
        assertEquals(List.of("Test report of alpha"), names(json("/api/runs?kind=report")));
        assertEquals(List.of(), json("/api/runs?kind=report").get("columns"), "a report without output: no metric columns");
        assertEquals(List.of("delta", "alpha"), names(json("/api/runs?kind=model&status=completed")));
        assertEquals(List.of("gamma"), names(json("/api/runs?kind=model&q=" + q(caps.name()) + "&status=created")));
        assertEquals(List.of("f1", "loss"), json("/api/runs?metric=f1,loss&metric=loss").get("columns"), "chosen columns, once each");
    }

    @Test
    void runsComeOnePageAtATime() throws Exception {
        Map<String, Object> second = json("/api/runs?sort=name&size=2&page=2");
        assertEquals(List.of("delta", "gamma"), names(second));
        assertEquals(3, second.get("pages"));
        assertEquals(2, second.get("page"));
        Map<String, Object> beyond = json("/api/runs?sort=name&size=2&page=99");
        assertEquals(3, beyond.get("page"), "a page beyond the last shows the last");
        assertEquals(List.of("Test report of alpha"), names(beyond));
        String html = get("/?sort=name&size=2&page=2").body();
        assertTrue(html.contains("<span id=\"page-note\">3–4 of 5 runs · page 2 of 3</span>"), html);
        assertTrue(html.contains("id=\"next-page\" href=\"/?sort=name&amp;order=asc&amp;size=2&amp;page=3\""), html);
        assertTrue(html.contains("id=\"prev-page\" href=\"/?sort=name&amp;order=asc&amp;size=2\""), html);
    }

    @Test
    void badParametersAreClearErrors() throws Exception {
        Map<String, String> cases = Map.of(
                "/api/runs?status=done", "?status= takes one of all, created, running, completed, failed (got 'done')",
                "/api/runs?sort=size", "?sort= takes one of name, kind, status, created, datasets, model or metric:<name> (got 'size')",
                "/api/runs?order=up", "?order= takes asc or desc (got 'up')",
                "/api/runs?page=0", "?page= counts from 1 (got 0)",
                "/api/runs?size=5000", "?size= takes 1 to 500 runs per page (got 5000)",
                "/api/runs?page=x", "?page= must be a whole number (got 'x')",
                "/api/compare?ids=" + alpha.id(), "Select 2 to 10 runs to compare (?ids=ID,ID,…; got 1): tick them in the list on the front page.",
                "/api/compare?ids=" + alpha.id() + ",0f0f0f0f-0000-0000-0000-000000000000", "No model or test report 0f0f0f0f-0000-0000-0000-000000000000 on this platform");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> answer = get(c.getKey());
            assertEquals(c.getKey().contains("0f0f0f0f") ? 404 : 400, answer.statusCode(), c.getKey());
            assertEquals(c.getValue(), Json.parseObject(answer.body()).get("error"), c.getKey());
        }
        List<String> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(String.format("%08d-0000-0000-0000-000000000000", i));
        }
        assertEquals(400, get("/api/compare?ids=" + String.join(",", eleven)).statusCode());
        HttpResponse<String> page = get("/compare?ids=" + alpha.id());
        assertEquals(400, page.statusCode());
        assertTrue(page.body().contains("Select 2 to 10 runs to compare"), "an error page");
        assertEquals(400, get("/compare?ids=" + q("../etc")).statusCode());
    }

    @Test
    void anOutputJsonWrittenAgainIsSeenAtOnce() throws Exception {
        Model changing = api.createModel("changing", List.of(), Map.of(), List.of());
        try (Job<GenericSettings> job = PageFixtures.job(platform, changing)) {
            job.io().writeFile(job.artifactPath("output.json"), "{\"output\": {\"loss\": 0.25}}");
            assertEquals(0.25, metricsOf(changing, "loss"));
            job.io().writeFile(job.artifactPath("output.json"), "{\"output\": {\"loss\": 0.125}}");
            assertEquals(0.125, metricsOf(changing, "loss"), "the cache saw the new file");
            job.io().writeFile(job.artifactPath("output.json"), "{not json");
            Map<String, Object> row = row(changing);
            assertTrue(String.valueOf(row.get("outputProblem")).startsWith("artifacts/output.json is not valid JSON"), row.toString());
            String html = get("/?q=" + changing.id()).body();
            assertTrue(html.contains("<span class=\"problem output-problem\" title=\"artifacts/output.json is not valid JSON"), html);
            job.completeJob(Files.writeString(dir.resolve("changing.tar.gz"), "model"));
            assertEquals("completed", row(changing).get("status"), "the record's change too");
        } finally {
            api.deleteModel(changing.id());
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> row(Model m) throws Exception {
        return ((List<Map<String, Object>>) json("/api/runs?metric=loss&q=" + m.id()).get("runs")).get(0);
    }

    @SuppressWarnings("unchecked")
    static Object metricsOf(Model m, String metric) throws Exception {
        return ((Map<String, Object>) row(m).get("metrics")).get(metric);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theComparisonMarksTheBestAndShowsOnlyTheSettingsThatDiffer() throws Exception {
        Map<String, Object> c = json("/api/compare?ids=" + alpha.id() + "," + beta.id() + "&ids=" + delta.id() + "&ids=" + alpha.id());
        List<Map<String, Object>> runs = (List<Map<String, Object>>) c.get("runs");
        assertEquals(List.of("alpha", "beta", "delta"), runs.stream().map(r -> r.get("label")).toList(), "in the order asked, once each");
        List<Map<String, Object>> metrics = (List<Map<String, Object>>) c.get("metrics");
        assertEquals(List.of("loss", "accuracy", "f1", "note"), metrics.stream().map(m -> m.get("name")).toList());
        assertEquals(Map.of("name", "loss", "better", "lower", "best", List.of(1)), pick(metrics.get(0), "name", "better", "best"));
        assertEquals(Map.of("name", "accuracy", "better", "higher", "best", List.of(2)), pick(metrics.get(1), "name", "better", "best"));
        assertEquals(List.of(), metrics.get(2).get("best"), "one value: nothing to compare");
        assertEquals(null, metrics.get(3).get("better"));
        assertEquals(java.util.Arrays.asList(null, null, 0.6), metrics.get(2).get("values"));
        List<Map<String, Object>> settings = (List<Map<String, Object>>) c.get("settingsDiffering");
        assertEquals(List.of("extra", "lr", "net.width"), settings.stream().map(s -> s.get("path")).toList(), "epochs and net.depth are equal");
        assertEquals(java.util.Arrays.asList(null, null, "true"), settings.get(0).get("values"));
        assertEquals(List.of("0.01", "0.1", "0.01"), settings.get(1).get("values"));
        assertEquals(2, c.get("settingsEqual"));
        assertEquals(List.of(Map.of("id", vials.id(), "name", "vials", "used", List.of(true, true, false)),
                Map.of("id", caps.id(), "name", "caps & lids", "used", List.of(false, true, false))), c.get("datasets"));
        Map<String, List<Map<String, Object>>> curves = (Map<String, List<Map<String, Object>>>) c.get("curves");
        assertEquals(List.of("loss"), List.copyOf(curves.keySet()));
        assertEquals(List.of(Map.of("run", "alpha", "epoch", 1, "value", 0.9), Map.of("run", "alpha", "epoch", 2, "value", 0.5)),
                curves.get("loss").subList(0, 2));
        assertEquals(6, curves.get("loss").size());
        List<Map<String, Object>> last = (List<Map<String, Object>>) c.get("lastValues");
        assertEquals(List.of(Map.of("name", "loss", "better", "lower", "values", List.of(0.5, 0.3, 0.4), "best", List.of(1))), last,
                "each run's last loss point");

        Map<String, Object> withReport = json("/api/compare?ids=" + gamma.id() + "," + report.id());
        assertEquals(List.of("gamma", "Test report of alpha"), withReport.get("withoutCurves"));
        assertEquals(List.of(), withReport.get("metrics"));
    }

    static Map<String, Object> pick(Map<String, Object> map, String... keys) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : keys) {
            out.put(k, map.get(k));
        }
        return out;
    }

    @Test
    void runsSharingANameGetTheirIdInTheLabel() throws Exception {
        Model twin1 = api.createModel("twin", List.of(), Map.of(), List.of());
        Model twin2 = api.createModel("twin", List.of(), Map.of(), List.of());
        try {
            Map<String, Object> c = json("/api/compare?ids=" + twin1.id() + "," + twin2.id());
            assertEquals(List.of("twin (" + twin1.id().substring(0, 8) + ")", "twin (" + twin2.id().substring(0, 8) + ")"),
                    ((List<?>) c.get("runs")).stream().map(r -> ((Map<?, ?>) r).get("label")).toList());
        } finally {
            api.deleteModel(twin1.id());
            api.deleteModel(twin2.id());
        }
    }

    @Test
    void thePagesShowTheTablesAndEscapeNames() throws Exception {
        Model bad = api.createModel(EVIL, List.of(), Map.of("note", EVIL), List.of());
        try {
            String index = get("/?sort=metric:loss").body();
            assertFalse(index.contains("<script>window.pwned"), index);
            assertTrue(index.contains("&lt;script&gt;window.pwned=1"), index);
            assertTrue(index.contains("<th class=\"sorted\" aria-sort=\"ascending\" data-sort=\"metric:loss\"><a href=\"/?sort=metric%3Aloss&amp;order=desc\">loss ▲</a></th>"), index);
            assertTrue(index.contains("<td class=\"num\" data-metric=\"loss\">0.3</td>"), index);
            assertTrue(index.contains("<script defer src=\"/static/index-page.js\"></script>"), index);
            String compare = get("/compare?ids=" + alpha.id() + "," + beta.id() + "," + bad.id()).body();
            assertFalse(compare.contains("<script>window.pwned"), compare);
            assertTrue(compare.contains("<tr data-metric=\"loss\"><th>loss <span class=\"better\" title=\"lower is better\">↓</span></th>"
                    + "<td class=\"num\">0.5</td><td class=\"num best\">0.3</td><td class=\"text\">—</td></tr>"), compare);
            assertTrue(compare.contains("<th><code>note</code></th><td class=\"missing\">—</td><td class=\"missing\">—</td><td><code>&quot;&lt;script&gt;"), compare);
            assertTrue(compare.contains("id=\"curve-0\" data-metric=\"loss\""), compare);
            assertTrue(compare.contains("<script defer src=\"/static/compare-page.js\"></script>"), compare);
            assertTrue(get("/compare?ids=" + alpha.id() + "," + beta.id()).headers().firstValue("Content-Security-Policy").orElse("")
                    .contains("default-src 'self'"));
            for (String js : List.of("/static/index-page.js", "/static/compare-page.js")) {
                HttpResponse<String> answer = get(js);
                assertEquals(200, answer.statusCode(), js);
                assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"), js);
            }
        } finally {
            api.deleteModel(bad.id());
        }
    }

    @Test
    void metricNamesSayWhichDirectionIsBetter() {
        for (String lower : List.of("loss", "val_loss", "valLoss", "categorical_crossentropy_loss", "mse", "error_rate", "top1-error", "MAE")) {
            assertEquals(MetricDirection.LOWER, MetricDirection.of(lower), lower);
        }
        for (String higher : List.of("accuracy", "val_accuracy", "categorical_accuracy", "acc", "Precision", "recall", "f1", "mAP", "mean IoU", "auc")) {
            assertEquals(MetricDirection.HIGHER, MetricDirection.of(higher), higher);
        }
        for (String unknown : List.of("My custom metric", "per class.good", "epochs", "lossless_ratio_x", "accurate")) {
            assertEquals(MetricDirection.UNKNOWN, MetricDirection.of(unknown), unknown);
        }
        assertEquals(MetricDirection.LOWER, MetricDirection.of("accuracy_loss"), "loss wins");
        assertEquals(List.of(0, 2), Comparison.best(java.util.Arrays.asList(0.1, 0.2, 0.1), MetricDirection.LOWER), "ties: all best");
        assertEquals(List.of(), Comparison.best(java.util.Arrays.asList(0.1, 0.1), MetricDirection.LOWER), "all equal: none");
        assertEquals(List.of(1), Comparison.best(java.util.Arrays.asList(Double.NaN, 0.1, 0.05, "x"), MetricDirection.HIGHER), "numbers only");
    }
}
