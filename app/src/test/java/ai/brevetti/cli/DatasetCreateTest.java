package ai.brevetti.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.data.samples.ImageSamples;
import ai.brevetti.data.samples.Samples;
import ai.brevetti.localplatform.LocalPlatform;
import ai.brevetti.platform.Dataset;
import ai.brevetti.platform.Job;
import ai.brevetti.platform.Model;
import ai.brevetti.platform.PlatformApi;
import ai.brevetti.settings.GenericSettings;
import ai.brevetti.testing.Captured;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code brevettiai dataset create --annotations DIR} against a local platform, and a job joining what it uploaded. */
class DatasetCreateTest {
    @TempDir
    static Path dir;
    static LocalPlatform platform;
    static PlatformApi api;

    @BeforeAll
    static void start() throws Exception {
        platform = LocalPlatform.start(LocalPlatform.Config.ephemeral(dir.resolve("platform")));
        api = platform.api();
        ai.brevetti.platform.PlatformTokens.forUser(System.getenv()).save(platform.url(), platform.accessToken());
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    static void write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void uploadsTheAnnotationsBesideTheImages() throws Exception {
        Path images = dir.resolve("images");
        write(images.resolve("good/1.bmp"), "BM1");
        write(images.resolve("good/2.bmp"), "BM2");
        write(images.resolve("bad/3.bmp"), "BM3");
        Path annotations = dir.resolve("annotations");
        write(annotations.resolve("good/1.bmp.json"), "{\"annotations\": [{\"type\": \"point\", \"label\": \"dot\", \"points\": [[1, 1]]}]}");
        write(annotations.resolve("bad/3.bmp/first.json"), "[]");
        write(annotations.resolve("bad/9.bmp.json"), "[]");
        Captured<Integer> run = Captured.run(() -> Main.execute("dataset", "create", "--name", "cli annotated", "--folder", images.toString(),
                "--annotations", annotations.toString(), "--host", platform.url()));
        assertEquals(0, run.value, run.err);
        Dataset created = api.getDatasets().stream().filter(d -> d.name().equals("cli annotated")).findFirst().orElseThrow();
        assertTrue(run.out.contains("3 files (9 bytes) uploaded to " + created.bucket()), run.out);
        assertTrue(run.out.contains("3 annotation files ("), run.out);
        assertTrue(run.out.contains("uploaded to " + created.getLocation("annotations")), run.out);
        assertTrue(run.err.contains("warning: 1 annotation file belongs to no image of --folder (e.g. 'bad/9.bmp.json')"), run.err);

        Model model = api.createModel("joins", List.of(created.id()), Map.of(), List.of());
        try (Job<GenericSettings> job = Job.builder(GenericSettings.class).jobId(model.id()).apiKey(model.apiKey().reveal())
                .host(platform.url()).args().environment(Map.of()).init()) {
            Samples samples = job.datasets().first().getImageSamples(ImageSamples.options().annotations(Map.of("how", "left")));
            assertEquals(3, samples.size());
            assertEquals(List.of(created.getLocation("annotations", "bad/3.bmp/first.json"), created.getLocation("annotations", "good/1.bmp.json"), ""),
                    samples.column("annotation_path"));
        }
    }

    @Test
    void listingUploadingAndHashingReportTheirStepsAndPrintNoBarIntoCapturedOutput() throws Exception {
        Path images = dir.resolve("progress");
        for (int i = 0; i < 12; i++) {
            write(images.resolve((i % 2 == 0 ? "good/" : "bad/") + i + ".bmp"), "BM" + i);
        }
        write(images.resolve(".hidden/x.bmp"), "BMx");
        List<ai.brevetti.internal.Progress.Update> updates = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Captured<Integer> run;
        try (AutoCloseable l = ai.brevetti.internal.Progress.listen(updates::add)) {
            run = Captured.run(() -> Main.execute("dataset", "create", "--name", "with progress", "--folder", images.toString(),
                    "--host", platform.url()));
        }
        assertEquals(0, run.value, run.err);
        ai.brevetti.internal.Progress.Update listed = last(updates, "Listing " + images + " (files)");
        assertEquals(12, listed.done(), "hidden files are not listed: " + listed);
        ai.brevetti.internal.Progress.Update uploaded = last(updates, "Uploading to with progress (files)");
        assertEquals(12, uploaded.total());
        assertEquals(12, uploaded.done());
        assertEquals(13, updates.stream().filter(u -> u.task().equals(uploaded.task())).count() - 1, "the start, a step per file, the end");
        assertTrue(!run.err.contains("Uploading") && !run.out.contains("Uploading") && !run.err.contains("%"),
                "no bar in captured output: " + run.err + run.out);

        updates.clear();
        try (AutoCloseable l = ai.brevetti.internal.Progress.listen(updates::add)) {
            assertEquals(12, Dataset.of("local", images.toString()).getImageSamples().size());
        }
        assertEquals(12, last(updates, "Listing local (files)").done());
        ai.brevetti.internal.Progress.Update md5 = last(updates, "MD5");
        assertEquals(12, md5.done(), "local files have no ETag: every MD5 is computed");
        assertEquals(12, md5.total());
    }

    static ai.brevetti.internal.Progress.Update last(List<ai.brevetti.internal.Progress.Update> updates, String task) {
        List<ai.brevetti.internal.Progress.Update> mine = updates.stream().filter(u -> u.task().equals(task)).toList();
        assertTrue(!mine.isEmpty() && mine.get(mine.size() - 1).finished(), task + " in " + updates);
        return mine.get(mine.size() - 1);
    }
}
