package ai.brevetti.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.demo.DemoData;
import ai.brevetti.internal.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's two scripts run unchanged on plain job folders (no platform): the classifier trains on a
 * dataset folder and completes with its archive; the test report reads that archive as its parent model.
 */
class ExamplesOnJobFoldersIT {

    @TempDir
    Path dir;

    @Test
    void trainingThenTestReportOnJobFolders() throws Exception {
        Path train = DemoData.builder().items(8).write(Files.createDirectories(dir.resolve("vials")));
        Path test = DemoData.builder().items(4).seed(2).write(Files.createDirectories(dir.resolve("held-out")));

        Path model = Files.createDirectories(dir.resolve("model"));
        Files.writeString(model.resolve("info.json"), Json.write(Map.of("id", "folder-model", "name", "folder model",
                "datasets", List.of(Map.of("id", "vials", "name", "vials", "bucket", train.toString())))));
        LauncherIT.Result r = LauncherIT.launch(Map.of(), 240, "run", "examples/image_classifier.jsh",
                "--job_dir", model.toString(), "--epochs", "3");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("results: " + model), "a folder job points at its folder, not at a model page\n" + r.out());

        Map<String, Object> completion = Json.parseObject(Files.readString(model.resolve("artifacts/completion.json")));
        String archive = completion.toString().replaceAll(".*(artifacts/saved_model\\.\\d+\\.tar\\.gz).*", "$1");
        assertTrue(Files.isRegularFile(model.resolve(archive)), completion.toString());
        assertEquals(3, ((Number) ((Map<?, ?>) Json.parseObject(Files.readString(model.resolve("artifacts/output.json")))
                .get("output")).get("epochs")).intValue());
        try (Stream<String> lines = Files.lines(model.resolve("artifacts/remotemonitor.jsonl"))) {
            assertEquals(3, lines.count(), "one progress point per epoch");
        }

        Path report = Files.createDirectories(dir.resolve("report"));
        Files.writeString(report.resolve("info.json"), Json.write(Map.of("id", "folder-report", "name", "folder report",
                "parent", Map.of("id", "folder-model", "model_path", model.resolve(archive).toString()),
                "datasets", List.of(Map.of("id", "held-out", "name", "held out", "bucket", test.toString())))));
        r = LauncherIT.launch(Map.of(), 240, "run", "examples/test_report.jsh", "--job_dir", report.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        List<String> predictions = Files.readAllLines(report.resolve("artifacts/predictions.csv"));
        assertEquals(1 + 3 * 4 * 2, predictions.size(), "a header and a row per held-out image");
        assertTrue(predictions.get(0).contains("prediction"), predictions.get(0));
        assertTrue(Files.isDirectory(report.resolve("artifacts/pivot")) && Files.isDirectory(report.resolve("artifacts/facets")));
    }
}
