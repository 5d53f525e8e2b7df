package ai.brevetti.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.internal.Json;
import ai.brevetti.settings.GenericSettings;
import ai.brevetti.settings.SettingsException;
import ai.brevetti.testing.Captured;
import ai.brevetti.testing.SeedSettings.SerializeableObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job lifecycle on a local job folder: the documentation's Job, Job.Settings and Storage examples. */
class JobTest {
    static final String ID = "ae03ff72-b7a2-444d-8fe9-623f61dc4c71";
    static final String KEY = "k3y-0123456789abcdef";

    @TempDir
    Path dir;

    static Path jobFolder(Path dir, String settingsJson) throws Exception {
        Path job = Files.createDirectories(dir.resolve(ID));
        Files.writeString(job.resolve("info.json"), """
                {"id": "%s", "name": "Lifecycle", "api_key": "%s", "host_name": "https://platform.brevetti.ai",
                 "charts_url": "/api/models/%s/charts?key=%s",
                 "complete_url": "/api/models/%s/complete?key=%s&modelPath=",
                 "remote_url": "/api/models/%s/remotemonitor?key=%s",
                 "settings": %s,
                 "datasets": [{"id": "cb14b6e3", "name": "NeurIPS vials TRAIN", "bucket": "/data/vials", "tagIds": ["t1"]}],
                 "tags": [{"id": "t0", "name": "Factory", "children": [{"id": "t1", "name": "Line 1", "parentId": "t0"}]}]}
                """.formatted(ID, KEY, ID, KEY, ID, KEY, ID, KEY, settingsJson));
        return job;
    }

    @Test
    void lifecycleOnALocalFolder() throws Exception {
        Path folder = jobFolder(dir, "{\"some_setting_i_need\": 1}");
        Captured<Job<SerializeableObject>> run = Captured.run(() -> Job.init(SerializeableObject.class,
                "--job_dir", folder.toString(), "--param_3", "{\"test_dict_serialization\": \"nested2\"}",
                "--custom.custom_param", "5"));
        Job<SerializeableObject> job = run.value;
        try (job) {
            assertTrue(run.err.contains("INFO ai.brevetti.platform.Job - Config args found at: '" + folder + "/info.json'"), run.err);
            assertTrue(run.err.contains("WARN ai.brevetti.settings.Settings - Invalid config keys: some_setting_i_need"), run.err);
            assertTrue(run.err.contains("Uploading output.json to " + folder + "/artifacts/output.json"), run.err);
            assertTrue(Files.isRegularFile(folder.resolve("artifacts/output.json")), "output.json is written on init");

            assertEquals("{\"param_1\":-1.0,\"param_2\":\"Param2 not provided\",\"param_3\":{\"test_dict_serialization\":\"nested2\"},\"custom\":{\"custom_param\":5}}",
                    job.settings().toJson());
            assertEquals(5, job.settings().custom().customParam());
            assertEquals(ID, job.id());
            assertEquals("Lifecycle", job.name());
            assertEquals("https://platform.brevetti.ai", job.hostName());
            assertEquals("https://platform.brevetti.ai/models/" + ID, job.modelPage());
            assertEquals(List.of("NeurIPS vials TRAIN"), job.datasets().stream().map(Dataset::name).toList());
            assertEquals("t1", job.datasets().get(0).tags().get(0).id());
            // no platform to link to: a dataset's links are its own locations
            assertEquals("/data/vials", job.datasets().get(0).getUri());
            assertEquals("/data/vials/good/1.bmp", job.datasets().get(0).getSampleUri("/data/vials/good/1.bmp"));
            assertEquals("/api/models/" + ID + "/remotemonitor?key=" + KEY, job.apiEndpoints().get("remote").orElseThrow());

            Path temp = job.tempPath("something_i_want_to_save_temporarily.txt");
            assertTrue(temp.getParent().getFileName().toString().startsWith("config-id-" + ID + "-"), temp.toString());
            job.io().writeFile(temp, "Valuable information");
            assertEquals("Valuable information", job.io().readText(temp));

            String artifact = job.artifactPath("something_i_want_to_save.txt");
            assertEquals(folder + "/artifacts/something_i_want_to_save.txt", artifact);
            job.io().writeFile(artifact, "Valuable information");
            assertEquals("Valuable information", Files.readString(Path.of(artifact)));

            job.addOutputMetric("My custom metric", 277);
            assertEquals("artifacts/output.json", job.uploadJobOutput());
            Map<String, Object> output = Json.parseObject(Files.readString(folder.resolve("artifacts/output.json")));
            assertEquals(Map.of("My custom metric", 277), output.get("output"));
            assertTrue(((Map<?, ?>) output.get("environment")).containsKey("BUILD_ID"));
            Map<?, ?> config = (Map<?, ?>) output.get("config");
            assertEquals("*".repeat(KEY.length()), config.get("api_key"));
            assertEquals(job.settings().getConfig(), config.get("settings"));
            assertEquals(ID, config.get("id"));
            assertFalse(Files.readString(folder.resolve("artifacts/output.json")).contains(KEY), "the key is masked everywhere");
            assertTrue(Files.readString(folder.resolve("artifacts/output.json")).contains("\"My custom metric\": 277"));
        }
    }

    @Test
    void argsComeFromJobArgsAndEnvironmentWhenNotGiven() throws Exception {
        Path folder = jobFolder(dir, "{}");
        JobArgs.set(List.of("--job_dir", folder.toString(), "--custom.custom_param", "7"));
        try (Job<SerializeableObject> job = Job.init(SerializeableObject.class)) {
            assertEquals(7, job.settings().custom().customParam());
        } finally {
            JobArgs.clear();
        }
        try (Job<GenericSettings> job = Job.builder().args().environment(Map.of("BREVETTIAI_HOST_NAME", "http://127.0.0.1:1"))
                .infoFile(folder.resolve("info.json").toString()).host("http://localhost:9/").init()) {
            assertEquals(folder.toString(), job.jobDir());
            assertEquals("http://localhost:9", job.hostName());
        }
    }

    @Test
    void typedSettingsFromInfoJsonAreCoerced() throws Exception {
        Path folder = jobFolder(dir, "{\"param_1\": \"3.5\", \"param_3\": \"{\\\"a\\\": 1}\", \"custom\": {\"custom_param\": \"2\"}}");
        try (Job<SerializeableObject> job = Job.init(SerializeableObject.class, "--job_dir", folder.toString())) {
            assertEquals(3.5, job.settings().param1());
            assertEquals(Map.of("a", 1), job.settings().param3());
            assertEquals(2, job.settings().custom().customParam());
        }
    }

    @Test
    void artifactAndTempPathsStayInsideTheirFolders() throws Exception {
        Path folder = jobFolder(dir, "{}");
        try (Job<GenericSettings> job = Job.init("--job_dir", folder.toString())) {
            IllegalArgumentException up = assertThrows(IllegalArgumentException.class, () -> job.artifactPath("../x"));
            assertEquals("Artifact path '../x' leaves the job's artifact folder; give a path inside it", up.getMessage());
            assertThrows(IllegalArgumentException.class, () -> job.artifactPath("a", "../../info.json"));
            assertThrows(IllegalArgumentException.class, () -> job.artifactPath("/etc/passwd"));
            assertThrows(IllegalArgumentException.class, () -> job.tempPath("../../escape"));
            assertEquals(folder + "/artifacts/b/c.txt", job.artifactPath("a/../b", "c.txt"));
            assertTrue(Files.isDirectory(Path.of(job.artifactPath("pivot", true))));
            assertTrue(Files.isDirectory(job.tempPath("cache", true)));
            assertTrue(Files.isDirectory(job.tempRoot().resolve("cache")), "the cache root exists");
            assertTrue(job.io().cacheRoot().isPresent());
        }
    }

    @Test
    void chartsTagsAndCompletionWithoutAPlatformGoToTheJobFolder() throws Exception {
        Path folder = jobFolder(dir, "{}");
        Path archive = Files.writeString(dir.resolve("saved_model.1234.tar.gz"), "archive bytes");
        try (Job<GenericSettings> job = Job.init("--job_dir", folder.toString())) {
            job.uploadChart("demo chart", "{\"mark\": \"bar\"}");
            assertEquals("{\"mark\": \"bar\"}", Files.readString(folder.resolve("artifacts/charts/demo_chart.json")));
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> job.uploadChart("x", "not json"));
            assertTrue(bad.getMessage().startsWith("Chart 'x' is not a JSON object"), bad.getMessage());

            List<Tag> tags = job.getRootTags();
            assertEquals("Factory", tags.get(0).name());
            assertEquals(List.of("Factory", "Line 1"),
                    Tag.findPath(tags, Tag::id, "t1").get(0).stream().map(Tag::name).toList());

            job.completeJob(archive);
            assertEquals("archive bytes", Files.readString(folder.resolve("artifacts/saved_model.1234.tar.gz")));
            Map<String, Object> completion = Json.parseObject(Files.readString(folder.resolve("artifacts/completion.json")));
            assertEquals("artifacts/saved_model.1234.tar.gz", completion.get("model_path"));
            assertEquals("/api/models/" + ID + "/complete?key=" + "*".repeat(KEY.length()) + "&modelPath=artifacts%2Fsaved_model.1234.tar.gz",
                    completion.get("complete_url"));

            job.completeJob(job.artifactPath("saved_model.1234.tar.gz"));
            assertEquals("artifacts/saved_model.1234.tar.gz",
                    Json.parseObject(Files.readString(folder.resolve("artifacts/completion.json"))).get("model_path"));
            assertThrows(IllegalArgumentException.class, () -> job.completeJob(dir.resolve("missing.tar.gz").toString()));
        }
    }

    @Test
    void aFailureWithoutAPlatformIsRecordedInTheArtifactsWithTheKeyMasked() throws Exception {
        Path folder = jobFolder(dir, "{}");
        Path failure = folder.resolve("artifacts/failure.json");
        Captured<Job<GenericSettings>> run = Captured.run(() -> {
            Job<GenericSettings> job = Job.init("--job_dir", folder.toString());
            job.failJob(new IllegalStateException("loss is NaN (key " + KEY + ")", new ArithmeticException("0/0")));
            return job;
        });
        Job<GenericSettings> job = run.value;
        assertEquals(JobStatus.FAILED, job.status());
        Map<String, Object> record = Json.parseObject(Files.readString(failure));
        String message = (String) record.get("message");
        assertTrue(message.startsWith("java.lang.IllegalStateException: loss is NaN (key " + "*".repeat(KEY.length()) + ")"), message);
        assertTrue(message.contains("\tat ai.brevetti.platform.JobTest"), message);
        assertTrue(message.contains("Caused by: java.lang.ArithmeticException: 0/0"), message);
        assertTrue(Instant.parse((String) record.get("failed")).isAfter(Instant.now().minusSeconds(60)));
        assertFalse(run.err.contains(KEY), run.err);
        assertTrue(run.err.contains("WARN ai.brevetti.platform.Job - Job failed: " + folder), run.err);

        // a later completion (a run that went well) supersedes the failure; a failure after it is not recorded
        job.completeJob();
        assertFalse(Files.exists(failure), "the completion replaced the failure");
        assertEquals(JobStatus.COMPLETED, job.status());
        Captured<Void> late = Captured.run(() -> {
            job.failJob("too late");
            job.close();
            return null;
        });
        assertFalse(Files.exists(failure));
        assertTrue(late.err.contains("completed already; its failure is not reported: too late"), late.err);
    }

    @Test
    void closingAJobThatDidNotCompleteFailsIt() throws Exception {
        Path folder = jobFolder(dir, "{}");
        Captured<Void> run = Captured.run(() -> {
            try (Job<GenericSettings> job = Job.init("--job_dir", folder.toString())) {
                job.addOutputMetric("epochs", 3);
                throw new IllegalStateException("training diverged");
            } catch (IllegalStateException expected) {
                return null;
            }
        });
        assertEquals("The job was closed before it completed (completeJob was not called)",
                Json.parseObject(Files.readString(folder.resolve("artifacts/failure.json"))).get("message"), run.err);
        assertFalse(Files.exists(folder.resolve("artifacts/completion.json")));
    }

    @Test
    void badInputsFailClearlyAndWriteNothing() throws Exception {
        JobException none = assertThrows(JobException.class, () -> Job.builder().args().environment(Map.of()).init());
        assertTrue(none.getMessage().startsWith("No job given. Pass --job_dir DIR"), none.getMessage());

        Path empty = Files.createDirectories(dir.resolve("empty"));
        JobException missing = assertThrows(JobException.class, () -> Job.init("--job_dir", empty.toString()));
        assertTrue(missing.getMessage().startsWith("No info.json at '" + empty + "/info.json'"), missing.getMessage());

        Path broken = Files.createDirectories(dir.resolve("broken"));
        Files.writeString(broken.resolve("info.json"), "{\"id\": \"x\",\n \"settings\": {oops}}");
        JobException malformed = assertThrows(JobException.class, () -> Job.init("--job_dir", broken.toString()));
        assertTrue(malformed.getMessage().startsWith("info.json at '" + broken + "/info.json' is not valid JSON (line 2"),
                malformed.getMessage());

        Files.writeString(broken.resolve("info.json"), "{\"id\": \"x\", \"settings\": [1]}");
        JobException shape = assertThrows(JobException.class, () -> Job.init("--job_dir", broken.toString()));
        assertTrue(shape.getMessage().contains("\"settings\" must be a JSON object, not [1]"), shape.getMessage());

        Path typed = jobFolder(dir, "{\"custom\": {\"custom_param\": \"lots\"}}");
        SettingsException wrong = assertThrows(SettingsException.class,
                () -> Job.init(SerializeableObject.class, "--job_dir", typed.toString()));
        assertEquals("Setting 'custom.custom_param': expected a number but got 'lots'", wrong.getMessage());

        SettingsException flag = assertThrows(SettingsException.class, () -> Job.init(SerializeableObject.class,
                "--job_dir", typed.toString(), "--param_3", "{not json"));
        assertTrue(flag.getMessage().startsWith("--param_3: expected JSON"), flag.getMessage());

        assertFalse(Files.exists(broken.resolve("artifacts")), "nothing written for a broken job");
        assertFalse(Files.exists(typed.resolve("artifacts")), "nothing written for a broken job");
    }

    @Test
    void metricsMustBeJson() throws Exception {
        Path folder = jobFolder(dir, "{}");
        try (Job<GenericSettings> job = Job.init("--job_dir", folder.toString())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> job.addOutputMetric("thread", new Thread()));
            assertTrue(e.getMessage().startsWith("Output metric 'thread' cannot be written as JSON"), e.getMessage());
            job.addOutputMetrics(Map.of("accuracy", 0.93, "confusion", List.of(List.of(1, 2), List.of(3, 4))));
            assertEquals(0.93, job.outputMetrics().get("accuracy"));
        }
    }

    @Test
    void theApiKeyNeverShowsInTextOrLogs() throws Exception {
        Path folder = jobFolder(dir, "{}");
        Captured<String> run = Captured.run(() -> {
            try (Job<GenericSettings> job = Job.init("--job_dir", folder.toString(), "--api_key", KEY)) {
                job.uploadChart("c", "{\"mark\": \"bar\"}");
                job.completeJob();
                return job + " " + job.apiEndpoints() + " " + job.info() + " " + job.apiKey() + " " + job.platform().describe();
            }
        });
        assertFalse(run.value.contains(KEY), run.value);
        assertFalse(run.err.contains(KEY), run.err);
        assertFalse(run.out.contains(KEY), run.out);
        assertTrue(run.value.contains("key=****"), run.value);
        for (Path p : Files.walk(folder.resolve("artifacts")).filter(Files::isRegularFile).toList()) {
            assertFalse(Files.readString(p).contains(KEY), p.toString());
        }
    }
}
