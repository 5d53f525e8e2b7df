package ai.brevetti.localplatform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.demo.DemoData;
import ai.brevetti.internal.Json;
import ai.brevetti.kernel.ScriptRunner;
import ai.brevetti.platform.Dataset;
import ai.brevetti.platform.Model;
import ai.brevetti.platform.Report;
import ai.brevetti.platform.PlatformApi;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/test_report.jsh as a SageMaker job on three instances (three containers on this machine, one
 * resourceconfig.json each): every instance predicts its shard and hands it in, the first merges them, and
 * the report (predictions, pivot, charts, facets, metrics) is exactly the one a single instance writes for
 * the same model and data.
 */
class MultiInstanceReportIT {
    static final List<String> HOSTS = List.of("algo-1", "algo-2", "algo-3");

    @TempDir
    static Path dir;
    static LocalPlatform platform;
    static PlatformApi api;
    static Model model;
    static Dataset held;
    static SimulatedSageMaker.Image image;

    @BeforeAll
    static void trainAModel() throws Exception {
        platform = LocalPlatform.start(LocalPlatform.Config.ephemeral(dir.resolve("platform")));
        api = platform.api();
        Dataset vials = api.createDataset("vials", "", "", List.of());
        api.uploadFolder(vials, DemoData.builder().items(4).size(32).write(Files.createDirectories(dir.resolve("vials"))));
        held = api.createDataset("held out", "", "", List.of());
        api.uploadFolder(held, DemoData.builder().items(5).size(32).seed(2).write(Files.createDirectories(dir.resolve("held"))));
        model = api.createModel("to test", List.of(vials.id()), Map.of(), List.of());
        var err = new java.io.ByteArrayOutputStream();
        int code = new ScriptRunner(new PrintStream(err, true, StandardCharsets.UTF_8)).run(
                SimulatedSageMaker.ROOT.resolve("examples/image_classifier.jsh"), List.of("--job_id", model.id(), "--api_key",
                        model.apiKey().reveal(), "--host", platform.url(), "--epochs", "2", "--image_size", "32", "--batch_size", "8"));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        image = SimulatedSageMaker.image(Files.createDirectories(dir.resolve("image")), Map.of("JOB_SCRIPT", "examples/test_report.jsh"));
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    static Path bucket() {
        return platform.root().resolve("s3").resolve(platform.dataBucket().substring("s3://".length()));
    }

    /** Every file of a report's artifacts but output.json (its job part differs) and the instances' parts, by relative path. */
    static Map<String, byte[]> artifacts(String reportId) throws Exception {
        Path root = bucket().resolve(reportId).resolve("artifacts");
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(p).toString();
                if (!rel.equals("output.json") && !rel.startsWith("parts/")) {
                    files.put(rel, Files.readAllBytes(p));
                }
            }
        }
        return files;
    }

    static Object outputMetrics(String reportId) throws Exception {
        return Json.parseObject(Files.readString(bucket().resolve(reportId).resolve("artifacts/output.json"))).get("output");
    }

    Process container(Report report, String name, Optional<String> host) throws Exception {
        Path box = Files.createDirectories(dir.resolve(name));
        Path ml = SimulatedSageMaker.optMl(box, Map.of("test_id", report.id(), "api_key", report.apiKey().reveal()),
                host.map(h -> Map.of("current_host", h, "hosts", HOSTS, "network_interface_name", "eth0")));
        Map<String, String> env = SimulatedSageMaker.environment(image, ml, "report-" + report.id().substring(0, 8), platform.url(),
                box.resolve("config"));
        return SimulatedSageMaker.start(image, env, box.resolve("container.log"));
    }

    @Test
    void threeInstancesMakeTheReportOneInstanceMakes() throws Exception {
        Report single = api.createTestReport(model.id(), List.of(held.id()));
        SimulatedSageMaker.Run one = SimulatedSageMaker.waitFor(container(single, "single", Optional.empty()),
                dir.resolve("single/container.log"), 300);
        assertEquals(0, one.code(), one.log());
        assertEquals("completed", platform.store().model(single.id()).orElseThrow().status());

        Report multi = api.createTestReport(model.id(), List.of(held.id()));
        List<Process> processes = new ArrayList<>();
        for (String host : HOSTS) {
            processes.add(container(multi, host, Optional.of(host)));
        }
        List<String> logs = new ArrayList<>();
        for (int i = 0; i < HOSTS.size(); i++) {
            SimulatedSageMaker.Run run = SimulatedSageMaker.waitFor(processes.get(i), dir.resolve(HOSTS.get(i)).resolve("container.log"), 400);
            assertEquals(0, run.code(), HOSTS.get(i) + ":\n" + run.log());
            logs.add(run.log());
        }
        int total = DemoData.builder().items(5).count();
        assertTrue(logs.get(1).contains("Instance algo-2 (2 of 3) predicted " + total / 3 + " samples; the leader algo-1 writes the report"),
                logs.get(1));
        assertTrue(logs.get(2).contains("Instance algo-3 (3 of 3) predicted " + total / 3 + " samples"), logs.get(2));
        assertTrue(logs.get(0).contains("Leader algo-1 has the parts predictions.json of all 3 instances"), logs.get(0));
        assertTrue(logs.get(0).contains("on " + total + " samples"), logs.get(0));
        assertEquals("completed", platform.store().model(multi.id()).orElseThrow().status(), logs.get(0));

        Map<String, byte[]> expected = artifacts(single.id());
        Map<String, byte[]> actual = artifacts(multi.id());
        assertTrue(expected.containsKey("predictions.csv") && expected.keySet().stream().anyMatch(k -> k.startsWith("pivot/"))
                && expected.keySet().stream().anyMatch(k -> k.startsWith("facets/")), expected.keySet().toString());
        assertEquals(expected.keySet(), actual.keySet());
        for (String file : expected.keySet()) {
            assertArrayEquals(expected.get(file), actual.get(file), file + " differs from the single instance's");
        }
        assertEquals(outputMetrics(single.id()), outputMetrics(multi.id()));
        assertEquals(platform.store().charts(single.id()), platform.store().charts(multi.id()), "the same charts");
        for (String host : HOSTS) {
            assertTrue(Files.isRegularFile(bucket().resolve(multi.id()).resolve("artifacts/parts/report-" + multi.id().substring(0, 8))
                    .resolve(host).resolve("predictions.json")), host);
        }
    }
}
