package ai.brevetti.localplatform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.internal.Json;
import ai.brevetti.io.IoTools;
import ai.brevetti.io.S3Access;
import ai.brevetti.io.S3Storage;
import ai.brevetti.io.StorageException;
import ai.brevetti.platform.Dataset;
import ai.brevetti.platform.Job;
import ai.brevetti.platform.JobArgs;
import ai.brevetti.platform.Model;
import ai.brevetti.platform.PlatformApi;
import ai.brevetti.platform.PlatformException;
import ai.brevetti.platform.StsCredentials;
import ai.brevetti.platform.Tag;
import ai.brevetti.settings.GenericSettings;
import ai.brevetti.testing.Captured;
import ai.brevetti.testing.SeedSettings.SerializeableObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jobs by id + API key against the local platform: real HTTP and S3 servers on loopback. */
class RemoteJobTest {
    @TempDir
    static Path dir;

    static LocalPlatform platform;
    static PlatformApi api;
    static Dataset dataset;

    @BeforeAll
    static void start() throws Exception {
        platform = LocalPlatform.start(LocalPlatform.Config.ephemeral(dir.resolve("platform")));
        api = platform.api();
        Path images = Files.createDirectories(dir.resolve("images/good"));
        Files.write(images.resolve("1.bmp"), new byte[] {'B', 'M', 1});
        Files.createDirectories(dir.resolve("images/missing_cap"));
        Files.write(dir.resolve("images/missing_cap/2.bmp"), new byte[] {'B', 'M', 2});
        dataset = api.createDataset("NeurIPS vials TRAIN", "", "", List.of());
        PlatformApi.Upload upload = api.uploadFolder(dataset, dir.resolve("images"));
        assertEquals(2, upload.files());
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    static Model newModel() {
        return api.createModel("lifecycle", List.of(dataset.id()), Map.of("some_setting_i_need", 1), List.of());
    }

    static <S extends ai.brevetti.settings.Settings> Job<S> init(Class<S> type, Model model, String... args) {
        return Job.builder(type).jobId(model.id()).apiKey(model.apiKey().reveal()).host(platform.url()).args(args)
                .environment(Map.of()).init();
    }

    @Test
    void theSeedLifecycleRunsByIdAndKeyWithTheJobFolderOnS3() throws Exception {
        Model model = newModel();
        Captured<Job<SerializeableObject>> start = Captured.run(() -> init(SerializeableObject.class, model,
                "--param_3", "{\"test_dict_serialization\": \"nested2\"}", "--custom.custom_param", "5"));
        try (Job<SerializeableObject> job = start.value) {
            String jobDir = "s3://data.criterion.ai/" + model.id();
            assertEquals(jobDir, job.jobDir());
            assertTrue(start.err.contains("Config args found at: '" + jobDir + "/info.json'"), start.err);
            assertTrue(start.err.contains("Invalid config keys: some_setting_i_need"), start.err);
            assertTrue(start.err.contains("Uploading output.json to " + jobDir + "/artifacts/output.json"), start.err);
            assertEquals(5, job.settings().custom().customParam());
            assertEquals(platform.url(), job.hostName());
            assertEquals(List.of("NeurIPS vials TRAIN"), job.datasets().stream().map(Dataset::name).toList());

            String artifact = job.artifactPath("something_i_want_to_save.txt");
            job.io().writeFile(artifact, "Valuable information");
            assertEquals("Valuable information", job.io().readText(artifact));
            Path onDisk = platform.root().resolve("s3/data.criterion.ai/" + model.id() + "/artifacts/something_i_want_to_save.txt");
            assertEquals("Valuable information", Files.readString(onDisk));

            job.addOutputMetric("My custom metric", 277);
            assertEquals("artifacts/output.json", job.uploadJobOutput());
            String output = Files.readString(onDisk.resolveSibling("output.json"));
            assertTrue(output.contains("\"My custom metric\": 277"), output);
            assertFalse(output.contains(model.apiKey().reveal()), "the key is masked in output.json");

            job.uploadChart("demo", "{\"mark\": \"bar\"}");
            assertEquals("{\"mark\":\"bar\"}", platform.store().charts(model.id()).get("demo"));

            Path archive = Files.writeString(dir.resolve("saved_model.123.tar.gz"), "model bytes");
            job.completeJob(archive);
            ModelRecord record = platform.store().model(model.id()).orElseThrow();
            assertEquals("artifacts/saved_model.123.tar.gz", record.modelPath());
            assertTrue(record.completed() != null);
            assertEquals("model bytes", Files.readString(onDisk.resolveSibling("saved_model.123.tar.gz")));

            StorageException revoked = assertThrows(StorageException.class,
                    () -> job.io().writeFile(job.artifactPath("late.txt"), "too late"));
            assertTrue(revoked.getMessage().contains("access denied (403 AccessDenied)"), revoked.getMessage());
            assertEquals("Valuable information", job.io().readText(artifact), "reading its own folder still works");
        }
        assertFalse(start.err.contains(model.apiKey().reveal()), "the key is never logged");
    }

    @Test
    void theSecondReadOfADatasetFileComesFromTheCache() {
        Model model = newModel();
        try (Job<GenericSettings> job = init(GenericSettings.class, model)) {
            String image = job.datasets().get(0).bucket() + "/good/1.bmp";
            String key = dataset.id() + "/good/1.bmp";
            long before = platform.s3Stats().gets("data.criterion.ai", key);
            byte[] first = job.io().readFile(image);
            byte[] second = job.io().readFile(image);
            assertEquals(List.of((byte) 'B', (byte) 'M', (byte) 1), List.of(first[0], first[1], first[2]));
            assertEquals(new String(first), new String(second));
            assertEquals(1, platform.s3Stats().gets("data.criterion.ai", key) - before, "the S3 server saw one GET");
            assertTrue(Files.isRegularFile(job.tempRoot().resolve("cache/s3/data.criterion.ai/" + key)));
        }
    }

    @Test
    void aJobServesItsDatasetsFromTheCacheAndRevalidatesItsOwnFolder() throws Exception {
        Model model = newModel();
        try (Job<GenericSettings> job = init(GenericSettings.class, model); Job<GenericSettings> again = init(GenericSettings.class, model)) {
            String image = job.datasets().get(0).bucket() + "/good/1.bmp";
            assertTrue(job.io().isImmutable(image), "a dataset: read-only to the job");
            String csv = job.artifactPath("sample_identification.csv");
            assertFalse(job.io().isImmutable(csv), "the job's own folder: revalidated");

            job.io().writeFile(csv, "v1");
            assertEquals("v1", job.io().readText(csv));
            job.io().writeFile(csv, "v2");
            assertEquals("v2", job.io().readText(csv), "a read after the job's own write");
            assertEquals("v2", again.io().readText(csv));
            again.io().writeFile(csv, "v3");
            assertEquals("v3", job.io().readText(csv), "a read after another job instance's write");

            // a dataset folder that contains the job folder, or lies in it, is written by the job: not immutable
            Map<String, Object> info = Json.parseObject(job.io().readText(job.jobDir() + "/info.json"));
            Map<String, Object> real = Json.parseObject(Json.write(((List<?>) info.get("datasets")).get(0)));
            Map<String, Object> whole = new java.util.LinkedHashMap<>(real);
            whole.put("bucket", "s3://data.criterion.ai");
            Map<String, Object> inside = new java.util.LinkedHashMap<>(real);
            inside.put("bucket", job.jobDir() + "/data/");
            info.put("datasets", List.of(real, whole, inside));
            job.io().writeFile(job.jobDir() + "/info.json", Json.writePretty(info));
        }
        try (Job<GenericSettings> job = init(GenericSettings.class, model)) {
            assertTrue(job.io().isImmutable(dataset.bucket() + "/good/1.bmp"));
            assertFalse(job.io().isImmutable(job.artifactPath("output.json")));
            assertFalse(job.io().isImmutable(job.jobDir() + "/data/x.bmp"));
        }
    }

    @Test
    void aWrongKeyIsRefusedWithoutPrintingIt() throws Exception {
        Model model = newModel();
        String wrong = "wrong-key-4242";
        Captured<PlatformException> run = Captured.run(() -> assertThrows(PlatformException.class,
                () -> Job.builder().jobId(model.id()).apiKey(wrong).host(platform.url()).args().environment(Map.of()).init()));
        PlatformException e = run.value;
        assertEquals(401, e.status());
        assertTrue(e.getMessage().contains("refused the API key"), e.getMessage());
        assertFalse(e.getMessage().contains(wrong) || run.err.contains(wrong) || run.out.contains(wrong));
        assertFalse(Files.exists(platform.root().resolve("s3/data.criterion.ai/" + model.id() + "/artifacts")),
                "nothing written");
    }

    @Test
    void anUnknownJobIdIsReported() {
        PlatformException e = assertThrows(PlatformException.class, () -> Job.builder().jobId("0f0f0f0f-0000-0000-0000-000000000000")
                .apiKey("k").host(platform.url()).args().environment(Map.of()).init());
        assertEquals(404, e.status());
        assertTrue(e.getMessage().contains("No model 0f0f0f0f-0000-0000-0000-000000000000 on this platform"), e.getMessage());
    }

    @Test
    void datasetCredentialsCannotTouchOtherFolders() {
        Model model = newModel();
        StsCredentials credentials = api.getDatasetCredentials(dataset.id());
        IoTools io = new IoTools().register(new S3Storage().route("s3://data.criterion.ai", credentials::toS3Access));
        try {
            assertEquals(2, io.list(dataset.bucket(), false).count());
            StorageException other = assertThrows(StorageException.class,
                    () -> io.readFile("s3://data.criterion.ai/" + model.id() + "/info.json"));
            assertTrue(other.getMessage().contains("access denied (403 AccessDenied)"), other.getMessage());
        } finally {
            io.close();
        }
        IoTools bogus = new IoTools().register(new S3Storage().route("s3://data.criterion.ai",
                S3Access.of(platform.s3Endpoint(), "AKIDNOTISSUED", "secret-not-issued")));
        StorageException denied = assertThrows(StorageException.class, () -> bogus.readFile(dataset.bucket() + "/good/1.bmp"));
        assertTrue(denied.getMessage().contains("403 InvalidAccessKeyId"), denied.getMessage());
        assertFalse(denied.getMessage().contains("secret-not-issued"));
        bogus.close();
    }

    @Test
    void aDatasetFolderThatDoesNotExistIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> api.uploadFolder(dataset, dir.resolve("no-such-folder")));
        assertTrue(e.getMessage().contains("no-such-folder' does not exist"), e.getMessage());
    }

    @Test
    void aPlatformThatGoesDownIsReportedAndArtifactsStayIntact(@TempDir Path own) throws Exception {
        LocalPlatform lonely = LocalPlatform.start(LocalPlatform.Config.ephemeral(own));
        PlatformApi lonelyApi = lonely.api();
        Model model = lonelyApi.createModel("doomed", List.of(), Map.of(), List.of());
        Job<GenericSettings> job = Job.builder().jobId(model.id()).apiKey(model.apiKey().reveal()).host(lonely.url()).args()
                .environment(Map.of()).init();
        job.io().writeFile(job.artifactPath("weights.bin"), "precious");
        lonely.close();
        System.setProperty("brevettiai.http.backoffMillis", "20");
        System.setProperty("brevettiai.retry.windowMillis", "300");
        try {
            PlatformException chart = assertThrows(PlatformException.class, () -> job.uploadChart("c", "{\"mark\": \"bar\"}"));
            assertEquals(0, chart.status());
            assertTrue(chart.getMessage().startsWith("Uploading chart 'c': cannot reach the platform at http://127.0.0.1:"),
                    chart.getMessage());
            PlatformException complete = assertThrows(PlatformException.class, job::completeJob);
            assertTrue(complete.getMessage().startsWith("Completing the job: cannot reach the platform"), complete.getMessage());
            assertTrue(complete.getMessage().contains("bin/brevettiai platform"), complete.getMessage());
        } finally {
            job.close();
            System.clearProperty("brevettiai.http.backoffMillis");
            System.clearProperty("brevettiai.retry.windowMillis");
        }
        assertEquals("precious", Files.readString(own.resolve("s3/data.criterion.ai/" + model.id() + "/artifacts/weights.bin")));
    }

    @Test
    void rootTagsComeFromThePlatform() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(platform.url() + "/api/resources/tags"))
                .header("Authorization", "Bearer " + platform.accessToken().reveal()).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\": \"Factory\"}")).build();
        Map<String, Object> factory = Json.parseObject(http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).body());
        Model model = newModel();
        try (Job<GenericSettings> job = init(GenericSettings.class, model)) {
            List<Tag> tags = job.getRootTags();
            assertTrue(tags.stream().anyMatch(t -> t.id().equals(factory.get("id")) && t.name().equals("Factory")), tags.toString());
        }
    }

    @Test
    void jobArgumentsAndTheSavedKeyStartAScriptJob(@TempDir Path config) throws Exception {
        Model model = newModel();
        ai.brevetti.platform.ApiKeyStore.in(config).save(model.id(), model.apiKey());
        var store = ai.brevetti.platform.ApiKeyStore.in(config);
        assertEquals(model.apiKey(), store.find(model.id()).orElseThrow());
        try (Job<GenericSettings> job = Job.builder().args("--job_id", model.id(), "--host", platform.url())
                .environment(Map.of("BREVETTIAI_CONFIG_DIR", config.toString())).init()) {
            assertEquals(model.id(), job.id());
        }
        JobArgs.clear();
    }

    @Test
    void samplesOfAnS3DatasetUseItsEtagsAndPlatformLinks() {
        Model model = newModel();
        try (Job<GenericSettings> job = init(GenericSettings.class, model)) {
            long getsBefore = platform.s3Stats().gets();
            ai.brevetti.data.samples.Samples samples = job.datasets().get(0).getImageSamples();
            assertEquals(getsBefore, platform.s3Stats().gets(), "plain-MD5 ETags: no file was read to list the dataset");
            assertEquals(2, samples.size());
            ai.brevetti.data.samples.Sample good = samples.where("folder", "good").get(0);
            assertEquals("s3://data.criterion.ai/" + dataset.id() + "/good/1.bmp", good.path());
            assertEquals(ai.brevetti.testing.Folders.md5("BM\u0001"), good.etag(), "the S3 ETag is the MD5");
            assertEquals(platform.url() + "/download?path=" + dataset.id() + "%2Fgood%2F1.bmp", good.get("url"));
        }
    }

    @Test
    void theSamplesExampleRunsTwiceAndTheSecondRunReusesTheSplit() throws Exception {
        Model model = newModel();
        Path script = Path.of(System.getProperty("brevettiai.root", ".")).resolve("examples/samples_and_split.jsh");
        String[] args = {"--job_id", model.id(), "--api_key", model.apiKey().reveal(), "--host", platform.url()};
        var err1 = new java.io.ByteArrayOutputStream();
        Captured<Integer> first = Captured.run(() -> new ai.brevetti.kernel.ScriptRunner(new java.io.PrintStream(err1, true))
                .run(script, List.of(args)));
        assertEquals(0, first.value, err1 + first.err);
        assertTrue(first.err.contains("No initial sample identification file found"), first.err);
        assertTrue(first.out.contains("Samples[2 rows]"), first.out);
        assertTrue(first.out.contains("purpose"), first.out);
        assertTrue(first.out.contains("First bytes of s3://data.criterion.ai/" + dataset.id()), first.out);
        Path csv = platform.root().resolve("s3/data.criterion.ai/" + model.id() + "/artifacts/sample_identification.csv");
        String saved = Files.readString(csv);
        assertTrue(saved.startsWith("etag,purpose\n"), saved);

        Captured<Integer> second = Captured.run(() -> new ai.brevetti.kernel.ScriptRunner(System.err).run(script, List.of(args)));
        assertEquals(0, second.value, second.err);
        assertTrue(second.err.contains("Using train / development split from run cached in artifacts"), second.err);
        assertEquals(saved, Files.readString(csv), "the same split, saved again");
        assertFalse(first.err.contains(model.apiKey().reveal()) || second.err.contains(model.apiKey().reveal()));
    }

    @Test
    void aTestReportReadsItsModelsArchiveAndNothingElse() throws Exception {
        Model model = newModel();
        Path archive = Files.writeString(dir.resolve("model.77.tar.gz"), "the model");
        try (Job<GenericSettings> job = init(GenericSettings.class, model)) {
            job.completeJob(archive);
        }
        ai.brevetti.platform.Report report = api.createTestReport(model.id(), List.of());
        assertEquals(model.id(), report.parentId().orElseThrow());
        try (Job<GenericSettings> test = Job.builder(GenericSettings.class).jobId(report.id()).apiKey(report.apiKey().reveal())
                .host(platform.url()).environment(Map.of()).init()) {
            String modelPath = test.info().parentModelPath().orElseThrow();
            assertEquals("s3://data.criterion.ai/" + model.id() + "/artifacts/model.77.tar.gz", modelPath);
            assertEquals("the model", test.io().readText(modelPath));
            assertEquals(2, test.datasets().first().samples().size(), "the model's datasets by default");
            test.io().writeFile(test.artifactPath("predictions.csv"), "etag,prediction\n");
            StorageException other = assertThrows(StorageException.class,
                    () -> test.io().readFile("s3://data.criterion.ai/" + model.id() + "/info.json"));
            // outside its routes (its folder, its datasets, its model's archive) a path goes to the AWS default chain: none here
            assertTrue(other.getMessage().contains("no AWS credentials for it") || other.getMessage().contains("403"), other.getMessage());
        }
    }
}
