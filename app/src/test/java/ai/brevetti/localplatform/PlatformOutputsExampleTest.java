package ai.brevetti.localplatform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.demo.DemoData;
import ai.brevetti.interfaces.archive.ModelArchive;
import ai.brevetti.internal.Json;
import ai.brevetti.kernel.ScriptRunner;
import ai.brevetti.platform.Dataset;
import ai.brevetti.platform.Model;
import ai.brevetti.platform.PlatformApi;
import ai.brevetti.testing.Captured;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** examples/platform_outputs.jsh as a job: against the local platform by id, and on a local job folder. */
class PlatformOutputsExampleTest {
    static final Path SCRIPT = Path.of(System.getProperty("brevettiai.root", ".")).resolve("examples/platform_outputs.jsh");

    @TempDir
    Path dir;

    static Captured<Integer> run(List<String> args, ByteArrayOutputStream err) throws Exception {
        return Captured.run(() -> new ScriptRunner(new PrintStream(err, true, StandardCharsets.UTF_8)).run(SCRIPT, args));
    }

    @Test
    void theExampleProducesEveryOutputOnTheLocalPlatform() throws Exception {
        try (LocalPlatform platform = LocalPlatform.start(LocalPlatform.Config.ephemeral(dir.resolve("platform")))) {
            PlatformApi api = platform.api();
            Dataset dataset = api.createDataset("demo vials", "", "", List.of());
            api.uploadFolder(dataset, DemoData.builder().items(2).write(dir.resolve("images")));
            Model model = api.createModel("outputs", List.of(dataset.id()), Map.of(), List.of());
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Captured<Integer> run = run(List.of("--job_id", model.id(), "--api_key", model.apiKey().reveal(), "--host", platform.url()), err);
            assertEquals(0, run.value, err + run.err + run.out);
            assertTrue(run.out.contains("12 samples in Datasets[1]\nname ") && run.out.lines().anyMatch(l -> l.startsWith("demo vials ")),
                    "the job's datasets as a table: " + run.out);
            assertFalse((run.out + run.err + err).contains(model.apiKey().reveal()), "the key is never printed");

            Path artifacts = platform.root().resolve("s3/data.criterion.ai/" + model.id() + "/artifacts");
            assertTrue(Files.readString(artifacts.resolve("output.json")).contains("\"My custom metric\": 277"));
            assertEquals(List.of(0, 1, 2, 3, 4), platform.store().monitor(model.id()).stream().map(p -> p.get("epoch")).toList());
            assertEquals(Map.of("epoch", 1, "loss", 0.5, "accuracy", 0.6), platform.store().monitor(model.id()).get(1));
            Map<String, String> charts = platform.store().charts(model.id());
            assertEquals(List.of("Dataset summary", "Training progress"), List.copyOf(charts.keySet()));
            assertTrue(charts.get("Dataset summary").contains("\"labelLimit\":30"), charts.get("Dataset summary"));

            Map<String, Object> fields = Json.parseObject(Files.readString(artifacts.resolve("pivot/summary_fields.json")));
            assertEquals(List.of(Map.of("key", "dataset_id", "label", "Dataset Id")), fields.get("rowFields"));
            List<Object> records = Json.parseList(Files.readString(artifacts.resolve("pivot/classification_summary.json")));
            assertEquals(3, records.size(), "one record per class");
            assertEquals(12, records.stream().mapToInt(r -> (Integer) ((Map<?, ?>) r).get("count")).sum());

            assertEquals(12, Json.parseList(Files.readString(artifacts.resolve("facets/facets.json"))).size());
            var atlas = ImageIO.read(artifacts.resolve("facets/spriteatlas.jpeg").toFile());
            assertEquals(4 * 64, atlas.getWidth(), "12 thumbnails: a 4x4 grid");

            ModelRecord record = platform.store().model(model.id()).orElseThrow();
            assertNotNull(record.completed());
            assertTrue(record.modelPath().matches("artifacts/saved_model\\.\\d+\\.tar\\.gz"), record.modelPath());
            Path archive = platform.root().resolve("s3/data.criterion.ai/" + model.id()).resolve(record.modelPath());
            assertTrue(ModelArchive.checkModelVersion(archive), "the archive in the artifacts keeps its version");
        }
    }

    @Test
    void onALocalJobFolderTheOutputsLandInItsArtifacts() throws Exception {
        Path job = dir.resolve("job");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Captured<Integer> run = run(List.of("--job_dir", job.toString()), err);
        assertEquals(0, run.value, err + run.err + run.out);
        Path artifacts = job.resolve("artifacts");
        for (String file : List.of("output.json", "remotemonitor.jsonl", "charts/Dataset_summary.json", "charts/Training_progress.json",
                "pivot/summary_fields.json", "pivot/classification_summary.json", "facets/facets.json", "facets/spriteatlas.jpeg",
                "completion.json")) {
            assertTrue(Files.isRegularFile(artifacts.resolve(file)), file);
        }
        assertEquals(5, Files.readAllLines(artifacts.resolve("remotemonitor.jsonl")).size());
        assertEquals("{\"epoch\": 0, \"loss\": 1.0, \"accuracy\": 0.5}", Files.readAllLines(artifacts.resolve("remotemonitor.jsonl")).get(0));
        assertTrue(Files.readString(artifacts.resolve("pivot/summary_fields.json")).contains("{\"key\": \"tag_factory\", \"label\": \"Factory\"}"));
        try (Stream<Path> files = Files.list(artifacts)) {
            Path archive = files.filter(p -> p.getFileName().toString().startsWith("saved_model.")).findFirst().orElseThrow();
            assertTrue(ModelArchive.checkModelVersion(archive));
            Map<String, Object> completion = Json.parseObject(Files.readString(artifacts.resolve("completion.json")));
            assertEquals("artifacts/" + archive.getFileName(), completion.get("model_path"));
        }
    }
}
