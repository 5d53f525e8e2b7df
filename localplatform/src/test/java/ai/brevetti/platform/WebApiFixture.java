package ai.brevetti.platform;

import ai.brevetti.localplatform.LocalPlatform;
import ai.brevetti.settings.GenericSettings;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A local platform with one of everything the web API reads: a dataset with images, tags, a project with an
 * application, a completed model with artifacts in folders, a test report of it with an artifact, and a
 * model that never ran. Made through the web API and a real job (over S3), as a user would.
 */
final class WebApiFixture implements AutoCloseable {
    final LocalPlatform platform;
    final PlatformApi api;
    final Dataset dataset;
    final Tag rootTag;
    final Tag childTag;
    final Project project;
    final Application application;
    final Model completed;
    final Model idle;
    final Report report;

    WebApiFixture(Path dir) throws IOException {
        platform = LocalPlatform.start(LocalPlatform.Config.ephemeral(dir.resolve("platform")));
        api = platform.api();
        rootTag = api.createTag("colour");
        childTag = api.createTag("red", rootTag.id());
        Path images = Files.createDirectories(dir.resolve("images/good"));
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", images.resolve("a.png").toFile());
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", images.resolve("b.png").toFile());
        project = api.createProject("vials", "the vials project");
        Dataset created = api.createDataset("vial images", "ref-1", "first notes", List.of(childTag.id()));
        api.uploadFolder(created, dir.resolve("images"));
        dataset = created;
        application = api.createApplication(project.id(), "cap check", "are the caps on", List.of(dataset.id()), List.of());
        completed = api.createModel("trained", List.of(dataset.id()), Map.of("epochs", 2, "alpha", 0.5), PlatformApi.CUSTOM_JOB_TYPE,
                List.of(rootTag.id()), application.id());
        try (Job<GenericSettings> job = job(completed.id(), completed.apiKey())) {
            job.io().writeFile(job.artifactPath("notes.txt"), "top level");
            job.io().writeFile(job.artifactPath("sub", "b.json"), "{\"b\": 1}");
            job.io().writeFile(job.artifactPath("sub", "deeper", "c.bin"), new byte[] {0, 1, 2, (byte) 255});
            job.completeJob(Files.writeString(dir.resolve("model.tar.gz"), "model bytes"));
        }
        report = api.createTestReport(completed.id(), List.of());
        try (Job<GenericSettings> job = job(report.id(), report.apiKey())) {
            job.io().writeFile(job.artifactPath("predictions.csv"), "etag,prediction\n");
            job.completeJob();
        }
        idle = api.createModel("idle", List.of(), Map.of(), List.of());
    }

    Job<GenericSettings> job(String id, Secret key) {
        return Job.builder().jobId(id).apiKey(key.reveal()).host(platform.url()).args().environment(Map.of()).init();
    }

    @Override
    public void close() {
        platform.close();
    }
}
