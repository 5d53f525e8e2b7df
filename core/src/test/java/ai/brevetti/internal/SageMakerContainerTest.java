package ai.brevetti.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SageMaker's container files, read as its documentation describes them (docs/deployment.md). */
class SageMakerContainerTest {
    @TempDir
    Path dir;

    Map<String, String> env(String marker) {
        return Map.of(marker, "x", SageMakerContainer.ROOT_VARIABLE, dir.toString());
    }

    @Test
    void detectedByEitherVariableAtTheRootTestsMayMove() {
        assertTrue(SageMakerContainer.detect(Map.of()).isEmpty());
        assertTrue(SageMakerContainer.detect(Map.of("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", " ")).isEmpty(), "blank: absent");
        assertTrue(SageMakerContainer.detect(Map.of(SageMakerContainer.ROOT_VARIABLE, dir.toString())).isEmpty(),
                "the root alone does not make a container");
        SageMakerContainer byUri = SageMakerContainer.detect(env("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")).orElseThrow();
        assertEquals(dir, byUri.root());
        assertEquals(Optional.empty(), byUri.trainingJobName());
        SageMakerContainer byArn = SageMakerContainer.detect(Map.of("TRAINING_JOB_ARN",
                "arn:aws:sagemaker:eu-west-1:123456789012:training-job/report-7")).orElseThrow();
        assertEquals(Path.of("/opt/ml"), byArn.root());
        assertEquals(Optional.of("report-7"), byArn.trainingJobName());
        assertEquals(Path.of("/opt/ml/input/config/hyperparameters.json"), byArn.hyperparametersFile());
        assertEquals(Path.of("/opt/ml/input/config/resourceconfig.json"), byArn.resourceConfigFile());
        assertEquals(Path.of("/opt/ml/output/failure"), byArn.failureFile());
        assertEquals(Optional.of("named"), SageMakerContainer.detect(Map.of("TRAINING_JOB_ARN", "arn:…/report-7",
                "TRAINING_JOB_NAME", "named")).orElseThrow().trainingJobName());
    }

    @Test
    void hyperparametersAreStringsInTheFilesOrder() throws Exception {
        SageMakerContainer c = SageMakerContainer.detect(env("TRAINING_JOB_ARN")).orElseThrow();
        assertEquals(Optional.empty(), c.hyperparameters(), "no file: none");
        Files.createDirectories(c.hyperparametersFile().getParent());
        Files.writeString(c.hyperparametersFile(), """
                {"job_id": "ae03", "epochs": "3", "rate": 0.5, "flag": true, "nested": {"a": [1, 2]}, "empty": ""}""");
        Map<String, String> h = c.hyperparameters().orElseThrow();
        assertEquals(List.of("job_id", "epochs", "rate", "flag", "nested", "empty"), List.copyOf(h.keySet()));
        assertEquals("3", h.get("epochs"));
        assertEquals("0.5", h.get("rate"), "a number (not what SageMaker writes) is taken as its text");
        assertEquals("true", h.get("flag"));
        assertEquals("{\"a\":[1,2]}", h.get("nested"));
        assertEquals("", h.get("empty"));

        Files.writeString(c.hyperparametersFile(), "{\"epochs\": null}");
        IllegalArgumentException nul = assertThrows(IllegalArgumentException.class, c::hyperparameters);
        assertTrue(nul.getMessage().contains("'epochs'") && nul.getMessage().contains(c.hyperparametersFile().toString()), nul.getMessage());
        Files.writeString(c.hyperparametersFile(), "{\"--epochs\": \"3\"}");
        assertTrue(assertThrows(IllegalArgumentException.class, c::hyperparameters).getMessage().contains("'--epochs'"));
        Files.writeString(c.hyperparametersFile(), "[\"epochs\", \"3\"]");
        assertTrue(assertThrows(IllegalArgumentException.class, c::hyperparameters).getMessage()
                .contains(c.hyperparametersFile() + " is not a JSON object"));
        Files.writeString(c.hyperparametersFile(), "{\"epochs\": \"3\"");
        assertTrue(assertThrows(IllegalArgumentException.class, c::hyperparameters).getMessage()
                .contains(c.hyperparametersFile() + " is not a JSON object"));
    }

    @Test
    void resourceConfigGivesTheInstancesPlace() throws Exception {
        ResourceConfig config = ResourceConfig.parse("""
                {"current_host": "algo-2", "hosts": ["algo-1", "algo-2", "algo-3"], "network_interface_name": "eth0"}""", "rc.json");
        assertEquals(1, config.index());
        assertEquals(3, config.count());
        assertEquals("algo-1", config.leader());
        for (String bad : List.of("{\"hosts\": [\"algo-1\"]}", "{\"current_host\": \"algo-1\"}",
                "{\"current_host\": \"algo-1\", \"hosts\": [\"algo-1\", 2]}", "{\"current_host\": \"algo-4\", \"hosts\": [\"algo-1\"]}",
                "{\"current_host\": \"algo-1\", \"hosts\": [\"algo-1\", \"algo-1\"]}", "{\"current_host\": \"algo-1\", \"hosts\": []}",
                "not json", "[]")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResourceConfig.parse(bad, "rc.json"), bad);
            assertTrue(e.getMessage().startsWith("The resource config rc.json "), e.getMessage());
        }
        SageMakerContainer c = SageMakerContainer.detect(env("TRAINING_JOB_ARN")).orElseThrow();
        assertEquals(Optional.empty(), c.resourceConfig());
        Files.createDirectories(c.resourceConfigFile().getParent());
        Files.writeString(c.resourceConfigFile(), "{\"current_host\": \"algo-1\", \"hosts\": [\"algo-1\", \"algo-2\"]}");
        assertEquals(new ResourceConfig("algo-1", List.of("algo-1", "algo-2")), c.resourceConfig().orElseThrow());
    }

    @Test
    void theFailureIsWrittenInsideAnExistingRootOnly() throws Exception {
        SageMakerContainer c = SageMakerContainer.detect(env("TRAINING_JOB_ARN")).orElseThrow();
        assertTrue(c.writeFailure("first", false));
        assertEquals("first", Files.readString(c.failureFile()));
        assertFalse(c.writeFailure("second", false), "kept");
        assertEquals("first", Files.readString(c.failureFile()));
        assertTrue(c.writeFailure("third", true));
        assertEquals("third", Files.readString(c.failureFile()));
        SageMakerContainer elsewhere = new SageMakerContainer(dir.resolve("no-such-root"), Optional.empty());
        assertFalse(elsewhere.writeFailure("x", true));
        assertFalse(Files.exists(dir.resolve("no-such-root")), "nothing created where there is no container");
    }
}
