package ai.brevetti.platform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.internal.Json;
import ai.brevetti.internal.ResourceConfig;
import ai.brevetti.internal.SageMakerContainer;
import ai.brevetti.io.IoTools;
import ai.brevetti.testing.Captured;
import ai.brevetti.testing.SeedSettings.SerializeableObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job in a simulated SageMaker container (a temporary /opt/ml): its arguments from hyperparameters.json, its
 * failure in output/failure, its instances from resourceconfig.json and their parts handed to the leader.
 */
class SageMakerJobTest {
    static final String KEY = JobTest.KEY;

    @TempDir
    Path dir;

    Path ml() throws Exception {
        return Files.createDirectories(dir.resolve("opt/ml/input/config")).getParent().getParent();
    }

    Map<String, String> container(Path ml) {
        return Map.of("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/simulated", "TRAINING_JOB_NAME", "report-run-1",
                SageMakerContainer.ROOT_VARIABLE, ml.toString());
    }

    static void hyperparameters(Path ml, Map<String, ?> values) throws Exception {
        Files.writeString(ml.resolve("input/config/hyperparameters.json"), Json.write(values));
    }

    @Test
    void hyperparametersAreAppendedToTheArgumentsAsTheSdkDoes() throws Exception {
        Path folder = JobTest.jobFolder(dir, "{}");
        Path ml = ml();
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("job_dir", folder.toString());
        h.put("custom.custom_param", "9");
        h.put("param_2", "from SageMaker");
        h.put("api_key", KEY);
        hyperparameters(ml, h);
        Captured<Job<SerializeableObject>> run = Captured.run(() -> Job.builder(SerializeableObject.class)
                .args("--custom.custom_param", "5", "--param_1", "2.5").environment(container(ml)).init());
        try (Job<SerializeableObject> job = run.value) {
            assertEquals(folder.toString(), job.jobDir(), "the job folder came from the hyperparameters");
            assertEquals(9, job.settings().custom().customParam(), "appended after the command line, so the hyperparameter wins");
            assertEquals(2.5, job.settings().param1().doubleValue(), "the command line's other arguments still count");
            assertEquals("from SageMaker", job.settings().param2());
            assertEquals(KEY, job.apiKey().orElseThrow().reveal());
        }
        String loaded = run.err.lines().filter(l -> l.contains("Loaded hyper parameters ")).findFirst().orElseThrow(() -> new AssertionError(run.err));
        assertTrue(loaded.endsWith("INFO ai.brevetti.platform.Job - Loaded hyper parameters {\"job_dir\": \"" + folder
                + "\", \"custom.custom_param\": \"9\", \"param_2\": \"from SageMaker\", \"api_key\": \"****\"}"), loaded);
        assertTrue(run.err.contains("Added hyper parameters to the job arguments"), run.err);
        assertFalse(run.err.contains(KEY), "the API key is never logged");
    }

    @Test
    void withoutTheFileNoHyperParametersAndOutsideAContainerNoneRead() throws Exception {
        Path folder = JobTest.jobFolder(dir, "{}");
        Path ml = ml();
        Captured<Job<SerializeableObject>> run = Captured.run(() -> Job.builder(SerializeableObject.class)
                .args("--job_dir", folder.toString()).environment(container(ml)).init());
        run.value.close();
        assertTrue(run.err.contains("INFO ai.brevetti.platform.Job - No hyper parameters found!"), run.err);

        hyperparameters(ml, Map.of("custom.custom_param", "9"));
        Map<String, String> notAContainer = Map.of(SageMakerContainer.ROOT_VARIABLE, ml.toString());
        Captured<Job<SerializeableObject>> outside = Captured.run(() -> Job.builder(SerializeableObject.class)
                .args("--job_dir", folder.toString()).environment(notAContainer).init());
        try (Job<SerializeableObject> job = outside.value) {
            assertEquals(0, job.settings().custom().customParam());
        }
        assertFalse(outside.err.contains("hyper parameters"), outside.err);
    }

    @Test
    void malformedHyperparametersFailNamingTheFile() throws Exception {
        Path ml = ml();
        Files.writeString(ml.resolve("input/config/hyperparameters.json"), "{\"epochs\": \"3\",");
        JobException e = assertThrows(JobException.class, () -> Job.builder().args().environment(container(ml)).init());
        assertTrue(e.getMessage().startsWith("The hyperparameters file " + ml.resolve("input/config/hyperparameters.json")
                + " is not a JSON object"), e.getMessage());
    }

    @Test
    void aFailedJobLeavesItsMaskedReasonInTheFailureFile() throws Exception {
        Path folder = JobTest.jobFolder(dir, "{}");
        Path ml = ml();
        hyperparameters(ml, Map.of("job_dir", folder.toString()));
        Path failure = ml.resolve("output/failure");
        try (Job<?> job = Job.builder().args().environment(container(ml)).init()) {
            assertFalse(Files.exists(failure), "nothing while the job runs");
            job.failJob(new IllegalStateException("loss is NaN (key " + KEY + ")"));
            String reason = Files.readString(failure);
            assertTrue(reason.startsWith("java.lang.IllegalStateException: loss is NaN (key " + "*".repeat(KEY.length()) + ")"), reason);
            assertFalse(reason.contains(KEY), reason);
            assertEquals(reason, Json.parseObject(Files.readString(folder.resolve("artifacts/failure.json"))).get("message"),
                    "the same message as the platform's");
            job.failJob("diverged");
            assertEquals("diverged", Files.readString(failure), "failing again replaces it, as on the platform");
        }

        // a job outside a container writes no failure file, wherever the root is
        Files.delete(failure);
        try (Job<?> job = Job.builder().args("--job_dir", folder.toString())
                .environment(Map.of(SageMakerContainer.ROOT_VARIABLE, ml.toString())).init()) {
            job.failJob("not in a container");
        }
        assertFalse(Files.exists(failure));
    }

    @Test
    void instancesComeFromTheResourceConfig() throws Exception {
        Path folder = JobTest.jobFolder(dir, "{}");
        Path ml = ml();
        hyperparameters(ml, Map.of("job_dir", folder.toString()));
        Files.writeString(ml.resolve("input/config/resourceconfig.json"),
                "{\"current_host\": \"algo-2\", \"hosts\": [\"algo-1\", \"algo-2\", \"algo-3\"], \"network_interface_name\": \"eth0\"}");
        try (Job<?> job = Job.builder().args().environment(container(ml)).init()) {
            JobInstances instances = job.instances();
            assertEquals("algo-2", instances.host());
            assertEquals(List.of("algo-1", "algo-2", "algo-3"), instances.hosts());
            assertEquals(1, instances.index());
            assertEquals(3, instances.count());
            assertEquals("algo-1", instances.leader());
            assertFalse(instances.isLeader());
            job.completeJob();
        }
        try (Job<?> job = Job.builder().args("--job_dir", folder.toString()).environment(Map.of()).init()) {
            JobInstances single = job.instances();
            assertEquals(1, single.count());
            assertTrue(single.isLeader());
            byte[] part = "mine".getBytes(StandardCharsets.UTF_8);
            List<byte[]> parts = single.gather("part.json", part, Duration.ZERO).orElseThrow();
            assertEquals(1, parts.size());
            assertArrayEquals(part, parts.get(0));
            assertFalse(Files.exists(folder.resolve("artifacts/parts")), "one instance hands nothing in");
            job.completeJob();
        }
    }

    JobInstances instance(String host, List<String> hosts, String run, Path folder) {
        return new JobInstances(new ResourceConfig(host, hosts), Optional.ofNullable(run), new IoTools(), folder.toString());
    }

    @Test
    void theLeaderGathersEveryPartInHostOrder() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("job"));
        List<String> hosts = List.of("algo-1", "algo-2", "algo-3");
        JobInstances leader = instance("algo-1", hosts, "run-1", folder);
        CompletableFuture<Optional<List<byte[]>>> gathered = CompletableFuture.supplyAsync(
                () -> leader.gather("p.json", bytes("one"), Duration.ofSeconds(30)));
        Thread.sleep(700);
        assertFalse(gathered.isDone(), "the leader waits for the others");
        assertEquals(Optional.empty(), instance("algo-3", hosts, "run-1", folder).gather("p.json", bytes("three"), Duration.ZERO),
                "a worker hands in and returns at once");
        assertEquals(Optional.empty(), instance("algo-2", hosts, "run-1", folder).gather("p.json", bytes("two"), Duration.ZERO));
        List<String> parts = gathered.get().orElseThrow().stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
        assertEquals(List.of("one", "two", "three"), parts);
        assertEquals("two", Files.readString(folder.resolve("artifacts/parts/run-1/algo-2/p.json")));
    }

    @Test
    void aMissingPartFailsTheLeaderNamingTheHostAndAnEarlierRunsPartsDoNotCount() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("job"));
        List<String> hosts = List.of("algo-1", "algo-2", "algo-3");
        instance("algo-2", hosts, "earlier-run", folder).gather("p.json", bytes("stale"), Duration.ZERO);
        instance("algo-3", hosts, "run-2", folder).gather("p.json", bytes("three"), Duration.ZERO);
        long start = System.nanoTime();
        JobException e = assertThrows(JobException.class,
                () -> instance("algo-1", hosts, "run-2", folder).gather("p.json", bytes("one"), Duration.ofSeconds(2)));
        assertTrue(System.nanoTime() - start >= Duration.ofSeconds(2).toNanos(), "it waited");
        assertTrue(e.getMessage().startsWith("The leader algo-1 waited 2 s for the part p.json of algo-2 ("
                + folder + "/artifacts/parts/run-2/algo-2/p.json), in vain"), e.getMessage());
        assertFalse(e.getMessage().contains("algo-3"), "algo-3 handed its part in: " + e.getMessage());

        JobException noRun = assertThrows(JobException.class,
                () -> instance("algo-2", hosts, null, folder).gather("p.json", bytes("x"), Duration.ZERO));
        assertTrue(noRun.getMessage().contains("names no training job (TRAINING_JOB_NAME or TRAINING_JOB_ARN)"), noRun.getMessage());
        assertThrows(IllegalArgumentException.class, () -> instance("algo-2", hosts, "r", folder).gather("../p", bytes("x"), Duration.ZERO));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
