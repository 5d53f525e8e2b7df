package ai.brevetti.localplatform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.demo.DemoData;
import ai.brevetti.platform.Dataset;
import ai.brevetti.platform.Model;
import ai.brevetti.platform.PlatformApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job image as SageMaker runs it, against the local platform: {@code docker run IMAGE train} with no other
 * argument, the job's id and key in hyperparameters.json, credentials from the container's environment. A
 * training job trains (examples/image_classifier.jsh, the image's default), reports its progress and
 * completes; a failing one leaves its reason in /opt/ml/output/failure, is {@code failed} on the platform and
 * exits non-zero.
 */
class SageMakerJobIT {
    @TempDir
    static Path dir;
    static LocalPlatform platform;
    static PlatformApi api;
    static Dataset dataset;
    static SimulatedSageMaker.Image image;

    @BeforeAll
    static void start() throws Exception {
        platform = LocalPlatform.start(LocalPlatform.Config.ephemeral(dir.resolve("platform")));
        api = platform.api();
        dataset = api.createDataset("vials", "", "", List.of());
        api.uploadFolder(dataset, DemoData.builder().items(4).size(32).write(Files.createDirectories(dir.resolve("vials"))));
        image = SimulatedSageMaker.image(Files.createDirectories(dir.resolve("image")), Map.of());
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    static Map<String, String> hyperparameters(Model model, Map<String, String> settings) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("job_id", model.id());
        h.put("api_key", model.apiKey().reveal());
        h.putAll(settings);
        return h;
    }

    SimulatedSageMaker.Run container(String name, Map<String, String> hyperparameters) throws Exception {
        Path box = Files.createDirectories(dir.resolve(name));
        Path ml = SimulatedSageMaker.optMl(box, hyperparameters, Optional.empty());
        Map<String, String> env = SimulatedSageMaker.environment(image, ml, name, platform.url(), box.resolve("config"));
        return SimulatedSageMaker.run(image, env, box.resolve("container.log"), 300);
    }

    /** The local S3 server's folder of the data bucket. */
    static Path bucket() {
        return platform.root().resolve("s3").resolve(platform.dataBucket().substring("s3://".length()));
    }

    static Path failureFile(String name) {
        return dir.resolve(name).resolve("opt/ml/output/failure");
    }

    @Test
    void aJobStartedWithNoArgumentsTrainsReportsAndCompletes() throws Exception {
        Model model = api.createModel("sagemaker training", List.of(dataset.id()), Map.of("epochs", 5), List.of());
        String key = model.apiKey().reveal();
        SimulatedSageMaker.Run run = container("training", hyperparameters(model,
                Map.of("epochs", "2", "image_size", "32", "batch_size", "8")));
        assertEquals(0, run.code(), run.log());
        ModelRecord record = platform.store().model(model.id()).orElseThrow();
        assertEquals("completed", record.status(), run.log());
        assertNotNull(record.modelPath(), "completed with its model archive");
        assertTrue(Files.isRegularFile(bucket().resolve(model.id()).resolve(record.modelPath())),
                record.modelPath());
        assertEquals(2, platform.store().monitor(model.id()).size(), "a progress point per epoch (2, the hyperparameter, not the 5 of info.json)");
        assertTrue(platform.store().charts(model.id()).containsKey("Training progress"), platform.store().charts(model.id()).keySet().toString());
        assertTrue(run.log().contains("INFO ai.brevetti.platform.Job - Loaded hyper parameters {\"job_id\": \"" + model.id()
                + "\", \"api_key\": \"****\", ") && run.log().contains("\"epochs\": \"2\""), run.log());
        assertTrue(run.log().contains("Config args found at: '" + platform.dataBucket() + "/" + model.id() + "/info.json'"), run.log());
        assertFalse(run.log().contains(key), "the API key is never printed");
        assertFalse(Files.exists(failureFile("training")), "no failure file for a job that completed");
    }

    @Test
    void aFailingJobWritesItsReasonIsFailedOnThePlatformAndExitsNonZero() throws Exception {
        Model model = api.createModel("sagemaker failing", List.of(dataset.id()), Map.of(), List.of());
        String key = model.apiKey().reveal();
        SimulatedSageMaker.Run run = container("failing", hyperparameters(model,
                Map.of("epochs", "2", "image_size", "32", "batch_size", "0")));
        assertEquals(1, run.code(), run.log());
        ModelRecord record = platform.store().model(model.id()).orElseThrow();
        assertEquals("failed", record.status());
        assertTrue(record.failure().contains("IllegalArgumentException: batchSize must be positive, not 0"), record.failure());
        String reason = Files.readString(failureFile("failing"));
        assertEquals(record.failure(), reason, "SageMaker shows what the platform shows");
        assertFalse(reason.contains(key) || run.log().contains(key), "the API key is masked");
    }

    @Test
    void aJobThatCannotStartIsFailedOnThePlatformToo() throws Exception {
        Model model = api.createModel("sagemaker bad hyperparameter", List.of(dataset.id()), Map.of(), List.of());
        SimulatedSageMaker.Run run = container("bad-setting", hyperparameters(model, Map.of("epochs", "many")));
        assertEquals(1, run.code(), run.log());
        ModelRecord record = platform.store().model(model.id()).orElseThrow();
        assertEquals("failed", record.status(), run.log());
        assertTrue(record.failure().startsWith("The job could not start: ai.brevetti.settings.SettingsException: ")
                && record.failure().contains("--epochs"), record.failure());
        assertEquals(record.failure(), Files.readString(failureFile("bad-setting")));
        assertFalse(run.log().contains(model.apiKey().reveal()));
    }

    @Test
    void aRunWithoutAJobOrAScriptFailsWithItsReason() throws Exception {
        SimulatedSageMaker.Run run = container("nothing", null);
        assertEquals(1, run.code(), run.log());
        assertTrue(run.log().contains("INFO ai.brevetti.platform.Job - No hyper parameters found!"), run.log());
        String reason = Files.readString(failureFile("nothing"));
        assertTrue(reason.contains("No job given."), reason);

        Path box = Files.createDirectories(dir.resolve("no-script"));
        Path ml = SimulatedSageMaker.optMl(box, Map.of(), Optional.empty());
        Map<String, String> env = new LinkedHashMap<>(SimulatedSageMaker.environment(image, ml, "no-script", platform.url(), box));
        env.put("BREVETTIAI_JOB_SCRIPT", box.resolve("missing.jsh").toString());
        run = SimulatedSageMaker.run(image, env, box.resolve("container.log"), 60);
        assertEquals(1, run.code(), run.log());
        assertTrue(Files.readString(ml.resolve("output/failure")).startsWith("sagemaker-train: the image is incomplete, missing: "
                + box.resolve("missing.jsh")), run.log());
    }
}
