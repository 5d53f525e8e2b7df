package ai.brevetti.localplatform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.internal.Json;
import ai.brevetti.testing.Browser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index with {@value #MODELS} models and {@value #REPORTS} test reports, each with an output.json (seed
 * {@value #SEED}): times the first answer of {@code /api/runs} (every summary read), then the median of
 * {@value #REPEATS} answers of the page and its JSON (default, sorted by a metric, filtered, 500 per page),
 * and the page's load in headless Chromium. Then the first {@code GET /} after a restart of the platform on
 * the same root against a warm one, at 1,600 and (after adding runs) {@value #MORE_RUNS} runs: the median of
 * {@value #RESTARTS} restarts, the first answer without the saved summaries (every file read, as before
 * they were saved), and one pass of the index over unchanged runs (the {@code stat} calls). The figures go
 * to {@code target/run-index-benchmark.txt} (docs/local-platform.md and docs/benchmarks.md quote them); the
 * budgets below are several times the figures on the 2-core development machine, so only a return to
 * reading every file per request fails them; the restart's target line says MISSED when the first page after
 * a restart takes more than {@value #RESTART_TARGET}× a warm one.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class RunIndexBenchmarkIT {
    static final int MODELS = 1500;
    static final int REPORTS = 100;
    static final long SEED = 16;
    static final int REPEATS = 9;
    /** The most a warm answer of the server may take (median), and the page's load in Chromium. */
    static final double SERVER_BUDGET_MS = 500;
    static final double BROWSER_BUDGET_MS = 2000;
    /** Runs in all for the second measurement of a restart. */
    static final int MORE_RUNS = 5000;
    static final int RESTARTS = 7;
    static final int NEW_JVMS = 3;
    /** The most the first {@code GET /} after a restart may take, as a multiple of a warm one (medians). */
    static final double RESTART_TARGET = 2.0;
    static final Path REPORT = Path.of(System.getProperty("brevettiai.root", ".")).resolve("localplatform/target/run-index-benchmark.txt");

    @TempDir
    static Path dir;
    static LocalPlatform platform;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final List<String> LINES = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        platform = LocalPlatform.start(LocalPlatform.Config.ephemeral(dir.resolve("platform")));
        dataset = platform.store().createDataset("bench images", "", "", List.of());
        long t0 = System.nanoTime();
        addRuns(0, MODELS + REPORTS);
        LINES.add(String.format(Locale.ROOT, "%d models and %d test reports with output.json written in %.1f s (in process)",
                MODELS, REPORTS, (System.nanoTime() - t0) / 1e9));
    }

    static DatasetRecord dataset;
    static final Random RANDOM = new Random(SEED);
    static final List<ModelRecord> MODEL_LIST = new ArrayList<>();

    /** Runs {@code from} to {@code to}: the first {@value #MODELS} models, then test reports, then models again. */
    static void addRuns(int from, int to) {
        PlatformStore store = platform.store();
        S3Server s3 = platform.s3();
        Random random = RANDOM;
        List<ModelRecord> models = MODEL_LIST;
        for (int i = from; i < to; i++) {
            double loss = 0.05 + random.nextDouble();
            String output = String.format(Locale.ROOT, "{\"output\": {\"loss\": %.6f, \"accuracy\": %.6f, \"val_loss\": %.6f%s}}",
                    loss, 1 - loss / 2, loss * 1.1, i % 3 == 0 ? ", \"f1\": " + random.nextDouble() : "");
            boolean report = i >= MODELS && i < MODELS + REPORTS;
            String parent = report ? models.get(random.nextInt(MODELS)).id() : null;
            ModelRecord m = store.createJob((report ? "report-" : "run-") + i, List.of(dataset.id()),
                    "{\"epochs\": " + (5 + i % 20) + ", \"lr\": 0.001}", List.of(), null, parent,
                    created -> s3.put(created.id() + "/artifacts/output.json", output.getBytes(StandardCharsets.UTF_8), "application/json"));
            String now = PlatformStore.now();
            m = i % 10 == 0 ? m.withStarted(now).withFailed(now, "diverged at epoch " + i % 7)
                    : i % 10 < 7 ? m.withStarted(now).withCompleted(now, "artifacts/model.tar.gz") : m;
            store.save(m);
            models.add(m);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (platform != null) {
            platform.close();
        }
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, String.join("\n", LINES) + "\n");
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(platform.url() + path))
                .header("Authorization", "Bearer " + platform.accessToken().reveal()).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The median time of REPEATS answers of {@code path}, in ms; each must be 200. */
    static double median(String path) throws Exception {
        double[] ms = new double[REPEATS];
        int bytes = 0;
        for (int i = 0; i < REPEATS; i++) {
            long t = System.nanoTime();
            HttpResponse<String> answer = get(path);
            ms[i] = (System.nanoTime() - t) / 1e6;
            assertEquals(200, answer.statusCode(), path);
            bytes = answer.body().length();
        }
        Arrays.sort(ms);
        LINES.add(String.format(Locale.ROOT, "GET %-40s median %6.1f ms (min %.1f, max %.1f), %,d chars", path, ms[REPEATS / 2], ms[0], ms[REPEATS - 1], bytes));
        return ms[REPEATS / 2];
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    @SuppressWarnings("unchecked")
    void theIndexStaysFastBeyondAThousandRuns() throws Exception {
        long t = System.nanoTime();
        Map<String, Object> first = Json.parseObject(get("/api/runs").body());
        LINES.add(String.format(Locale.ROOT, "first GET /api/runs (reads every record and output.json): %.0f ms", (System.nanoTime() - t) / 1e6));
        assertEquals(MODELS + REPORTS, first.get("total"));
        assertEquals(50, ((List<?>) first.get("runs")).size());
        assertEquals(List.of("accuracy", "loss", "val_loss", "f1"), first.get("columns"));
        Map<String, Object> counts = (Map<String, Object>) first.get("statusCounts");
        assertEquals(160, counts.get("failed"));

        List<Double> server = new ArrayList<>();
        server.add(median("/"));
        server.add(median("/api/runs"));
        server.add(median("/?sort=metric:loss&order=desc"));
        server.add(median("/?q=run-14&status=failed"));
        server.add(median("/?page=20&sort=name"));
        server.add(median("/?size=500"));
        server.add(median("/api/compare?ids=" + ids(first, 10)));
        String html = get("/").body();
        assertEquals(50, html.split("<tr data-id=").length - 1, "one page of rows, not all of them");
        for (double ms : server) {
            assertTrue(ms < SERVER_BUDGET_MS, "a warm answer took " + ms + " ms (budget " + SERVER_BUDGET_MS + "): " + LINES);
        }

        String missing = Browser.missing();
        Assumptions.assumeTrue(missing == null, "The browser half skipped: " + missing);
        try (Browser browser = Browser.start()) {
            browser.driver().get(platform.loginLink().reveal());
            for (String path : List.of("/", "/?sort=metric:loss", "/?size=500")) {
                double[] ms = new double[5];
                for (int i = 0; i < ms.length; i++) {
                    browser.driver().get(platform.url() + path);
                    ms[i] = ((Number) browser.script("const n = performance.getEntriesByType('navigation')[0]; return n.loadEventEnd - n.startTime;"))
                            .doubleValue();
                }
                Arrays.sort(ms);
                LINES.add(String.format(Locale.ROOT, "Chromium load of %-22s median %6.1f ms (min %.1f, max %.1f)", path, ms[2], ms[0], ms[4]));
                assertEquals(path.contains("500") ? 500 : 50,
                        ((Number) browser.script("return document.querySelectorAll('#runs-table tbody tr').length")).intValue());
                if (!path.contains("500")) {
                    assertTrue(ms[2] < BROWSER_BUDGET_MS, "the page took " + ms[2] + " ms to load (budget " + BROWSER_BUDGET_MS + "): " + LINES);
                }
            }
            assertEquals(List.of(), browser.consoleErrors());
        }
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void theFirstPageAfterARestartIsAsFastAsAWarmOne() throws Exception {
        List<String> targets = new ArrayList<>();
        targets.add(restart(MODELS + REPORTS));
        long t0 = System.nanoTime();
        addRuns(MODELS + REPORTS, MORE_RUNS);
        LINES.add(String.format(Locale.ROOT, "%d more models written in %.1f s (in process)", MORE_RUNS - MODELS - REPORTS,
                (System.nanoTime() - t0) / 1e9));
        targets.add(restart(MORE_RUNS));
        LINES.add("uptime: " + uptime());
        // the target lines say "met" or "MISSED" (a figure of a shared machine's load, not a test's verdict)
        assertEquals(2, targets.size());
    }

    /**
     * The first {@code GET /} after a restart (median of {@value #RESTARTS}) against a warm one (median of
     * {@value #REPEATS}), once without the saved summaries, and one pass of the index over unchanged runs; the
     * target line.
     */
    static String restart(int runs) throws Exception {
        Path saved = platform.root().resolve("platform").resolve(RunIndexFile.NAME);
        double[] cold = new double[RESTARTS];
        for (int i = 0; i < RESTARTS; i++) {
            cold[i] = firstAfterRestart(runs);
        }
        Arrays.sort(cold);
        double warm = median("/");
        Files.delete(saved);
        double unsaved = firstAfterRestart(runs);
        // one pass over unchanged runs: what a warm request spends on the files (a stat of each record and output.json)
        double[] pass = new double[REPEATS];
        try (RunIndex index = new RunIndex(platform.store(), platform.s3())) {
            assertEquals(runs, index.all().size());
            for (int i = 0; i < REPEATS; i++) {
                long t = System.nanoTime();
                index.all();
                pass[i] = (System.nanoTime() - t) / 1e6;
            }
        }
        Arrays.sort(pass);
        newJvm(runs);
        double ratio = cold[RESTARTS / 2] / warm;
        LINES.add(String.format(Locale.ROOT, "%,d runs: first GET / after a restart median %.1f ms (min %.1f, max %.1f) = %.2fx a warm one"
                        + " (median %.1f ms); without the saved summaries %.0f ms = %.1fx; a pass over unchanged runs (stat) %.1f ms",
                runs, cold[RESTARTS / 2], cold[0], cold[RESTARTS - 1], ratio, warm, unsaved, unsaved / warm, pass[REPEATS / 2]));
        String target = String.format(Locale.ROOT, "target: the first GET / after a restart within %.1fx a warm one at %,d runs: %.2fx (%s)",
                RESTART_TARGET, runs, ratio, ratio <= RESTART_TARGET ? "met" : "MISSED");
        LINES.add(target);
        return target;
    }

    /**
     * The first {@code GET /} in a new JVM (as after {@code bin/brevettiai platform} starts), with the saved
     * summaries and without, {@value #NEW_JVMS} times each ({@link RunIndexFirstPage}); the platform is
     * stopped meanwhile and started again after.
     */
    static void newJvm(int runs) throws Exception {
        Path root = platform.root();
        Path saved = root.resolve("platform").resolve(RunIndexFile.NAME);
        LocalPlatform.Config config = LocalPlatform.Config.ephemeral(root);
        platform.close();
        for (boolean keep : new boolean[] {true, false}) {
            double[] first = new double[NEW_JVMS];
            double[] warm = new double[NEW_JVMS];
            for (int i = 0; i < NEW_JVMS; i++) {
                if (!keep) {
                    Files.deleteIfExists(saved);
                }
                Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                        System.getProperty("java.class.path"), RunIndexFirstPage.class.getName(), root.toString(), Integer.toString(runs))
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                assertEquals(0, p.waitFor(), out);
                String[] f = out.lines().filter(l -> l.startsWith("first ")).findFirst().orElseThrow(() -> new AssertionError(out)).split(" ");
                first[i] = Double.parseDouble(f[1]);
                warm[i] = Double.parseDouble(f[3]);
            }
            Arrays.sort(first);
            Arrays.sort(warm);
            LINES.add(String.format(Locale.ROOT, "%,d runs, new JVM %s the saved summaries: first GET / median %.0f ms (min %.0f, max %.0f),"
                            + " then warm median %.1f ms", runs, keep ? "with" : "without", first[NEW_JVMS / 2], first[0], first[NEW_JVMS - 1],
                    warm[NEW_JVMS / 2]));
        }
        platform = LocalPlatform.start(config);
        get("/");
    }

    /** Stops the platform, starts it again on the same root and times its first {@code GET /}, in ms. */
    static double firstAfterRestart(int runs) throws Exception {
        LocalPlatform.Config config = LocalPlatform.Config.ephemeral(platform.root());
        platform.close();
        platform = LocalPlatform.start(config);
        long t = System.nanoTime();
        HttpResponse<String> page = get("/");
        double ms = (System.nanoTime() - t) / 1e6;
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains(String.format(Locale.ROOT, "any status (%d)", runs)), "every run counted");
        return ms;
    }

    static String uptime() {
        try {
            Process p = new ProcessBuilder("uptime").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor();
            return out;
        } catch (Exception e) {
            return "(uptime: " + e.getMessage() + ")";
        }
    }

    @SuppressWarnings("unchecked")
    static String ids(Map<String, Object> table, int n) {
        return String.join(",", ((List<Map<String, Object>>) table.get("runs")).stream().limit(n).map(r -> (String) r.get("id")).toList());
    }
}
