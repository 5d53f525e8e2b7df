package ai.brevetti.localplatform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.data.samples.AnnotationExpansion;
import ai.brevetti.data.samples.ImageSamples;
import ai.brevetti.data.samples.Samples;
import ai.brevetti.io.IoTools;
import ai.brevetti.io.S3Storage;
import ai.brevetti.io.StorageException;
import ai.brevetti.platform.Dataset;
import ai.brevetti.platform.Job;
import ai.brevetti.platform.Model;
import ai.brevetti.platform.PlatformApi;
import ai.brevetti.platform.StsCredentials;
import ai.brevetti.settings.GenericSettings;
import ai.brevetti.testing.Captured;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dataset's annotations, meta data and sample files on the local platform, over its HTTP API and S3: the
 * user uploads them with the dataset's credentials, a job reads them with its own (read-only) and is refused
 * writing them.
 */
class DatasetLocationsPlatformTest {
    static final String POLYGON = "{\"annotations\": [{\"type\": \"polygon\", \"label\": \"cap\", \"points\": [[1, 1], [6, 1], [3, 5]]}]}";
    static final String RECTANGLE = "{\"annotations\": [{\"type\": \"rectangle\", \"label\": \"defect\", \"points\": [[2, 2], [4, 7]]}]}";

    @TempDir
    static Path dir;
    static LocalPlatform platform;
    static PlatformApi api;
    static Dataset dataset;
    static Dataset asUser;
    static Model model;

    @BeforeAll
    static void start() throws Exception {
        platform = LocalPlatform.start(LocalPlatform.Config.ephemeral(dir.resolve("platform")));
        api = platform.api();
        Path images = dir.resolve("images");
        write(images.resolve("good/1.png"), "one");
        write(images.resolve("good/2.png"), "two");
        write(images.resolve("bad/3.png"), "three");
        Path annotations = dir.resolve("annotations");
        write(annotations.resolve("good/1.png.json"), POLYGON);
        write(annotations.resolve("bad/3.png/v1.json"), POLYGON);
        write(annotations.resolve("bad/3.png/v2.json"), RECTANGLE);
        write(annotations.resolve("gone/9.png.json"), POLYGON);
        dataset = api.createDataset("annotated vials", "", "", List.of());
        api.uploadFolder(dataset, images);
        PlatformApi.Upload upload = api.uploadAnnotations(dataset, annotations, images);
        assertEquals(4, upload.files());
        // the user's own access: the dataset's upload credentials
        StsCredentials credentials = api.getDatasetCredentials(dataset.id());
        asUser = dataset.bind(new IoTools().register(new S3Storage().route(dataset.bucket(), credentials::toS3Access)), platform.url());
        model = api.createModel("reads annotations", List.of(dataset.id()), Map.of(), List.of());
    }

    static void write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    static String md5(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    private static Job<GenericSettings> job() {
        return Job.builder(GenericSettings.class).jobId(model.id()).apiKey(model.apiKey().reveal()).host(platform.url()).args()
                .environment(Map.of()).init();
    }

    @Test
    void aJobJoinsTheUploadedAnnotationsOverS3() throws Exception {
        try (Job<GenericSettings> job = job()) {
            Dataset ds = job.datasets().first();
            Captured<Samples> run = Captured.run(() -> ds.getImageSamples(ImageSamples.options().annotations(true)));
            Samples samples = run.value;
            assertEquals(List.of(ds.bucket() + "/bad/3.png", ds.bucket() + "/good/1.png"), samples.column("path"));
            assertEquals(List.of(ds.getLocation("annotations", "bad/3.png/v2.json"), ds.getLocation("annotations", "good/1.png.json")),
                    samples.column("annotation_path"), "the last of an image's annotation files");
            assertEquals(List.of(md5(RECTANGLE), md5(POLYGON)), samples.column("annotation_etag"), "the S3 ETag is the file's MD5");
            assertTrue(run.err.contains("Getting annotations from dataset 'annotated vials' [" + platform.url() + "/data/" + dataset.id()
                    + "] with filter: None"), run.err);
            assertTrue(run.err.contains("1 annotation file in '" + ds.getLocation("annotations") + "' belongs to no image"), run.err);
            Samples shapes = AnnotationExpansion.expandSamplesWithAnnotations(samples);
            assertEquals(List.of("defect", "cap"), shapes.column("label"));
            assertEquals(List.of("[2, 2, 4, 7]", "[1, 1, 6, 5]"), shapes.column("bbox"));
        }
    }

    @Test
    void sampleFilesAndMetaSavedByTheUserAreReadByTheJob() throws Exception {
        Samples listed = asUser.getImageSamples(ImageSamples.options().annotations(Map.of("how", "left")));
        Samples curated = listed.where(s -> !s.path().endsWith("2.png")).withColumn("purpose", List.of("train", "devel"));
        asUser.saveSamples("curated.csv", curated);
        asUser.upload(".meta/notes.json", "{\"camera\": 2}");
        try (Job<GenericSettings> job = job()) {
            Dataset ds = job.datasets().first();
            Samples back = ds.getSamples("curated.csv");
            for (String column : curated.columnNames()) {
                if (!column.equals("url")) {
                    assertEquals(curated.column(column), back.column(column), column);
                }
            }
            assertEquals("{\"camera\": 2}", job.io().readText(ds.getLocation("meta", "notes.json")));
        }
    }

    @Test
    void aJobMayNotWriteTheDatasetsAnnotationsMetaOrSampleFiles() throws Exception {
        String annotation = dataset.getLocation("annotations", "good/2.png.json");
        try (Job<GenericSettings> job = job()) {
            Dataset ds = job.datasets().first();
            Samples samples = ds.getImageSamples();
            for (String path : List.of(".annotations/good/2.png.json", ".meta/evil.json", ".samples/evil.csv", "good/evil.png")) {
                StorageException e = assertThrows(StorageException.class, () -> ds.upload(path, "{}"), path);
                assertTrue(e.getMessage().contains("403") || e.getMessage().toLowerCase().contains("denied"), e.getMessage());
            }
            assertThrows(StorageException.class, () -> ds.saveSamples("evil.csv", samples));
            assertThrows(IllegalArgumentException.class, () -> ds.upload("../" + model.id() + "/artifacts/x.txt", "x"),
                    "a dataset path never leaves the dataset");
        }
        for (String path : List.of(annotation, dataset.getLocation("meta", "evil.json"), dataset.getLocation("samples", "evil.csv"))) {
            assertFalse(asUser.io().exists(path), path + " was not written");
        }
        // the user's upload credentials do write there
        asUser.upload(".annotations/good/2.png.json", RECTANGLE);
        assertTrue(asUser.io().exists(annotation));
        asUser.io().remove(annotation);
    }
}
