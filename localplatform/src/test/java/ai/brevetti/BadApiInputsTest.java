package ai.brevetti;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.data.image.augmentation.ImageFiltering;
import ai.brevetti.data.image.augmentation.ImageNoise;
import ai.brevetti.data.image.augmentation.ImageSaltAndPepper;
import ai.brevetti.data.image.augmentation.RandomTransformer;
import ai.brevetti.internal.Json;
import ai.brevetti.io.IoTools;
import ai.brevetti.io.S3Storage;
import ai.brevetti.localplatform.LocalPlatform;
import ai.brevetti.platform.Dataset;
import ai.brevetti.platform.Job;
import ai.brevetti.platform.Model;
import ai.brevetti.platform.PlatformApi;
import ai.brevetti.settings.GenericSettings;
import ai.brevetti.settings.Settings;
import ai.brevetti.testing.Captured;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java API as an unlucky user calls it: every bad input must be refused with one line (at most
 * {@link #MAX_LENGTH} characters) naming the input, before anything is written. Prints
 * "N bad inputs: N clear, N unclear". The platform's own answers (charts, test reports) are checked over
 * HTTP against a real local platform.
 */
class BadApiInputsTest {
    static final int MAX_LENGTH = 600;

    @TempDir
    static Path dir;
    static LocalPlatform platform;
    static PlatformApi api;
    static Model running;
    static Path jobDir;
    static Job<GenericSettings> job;

    /** A setting of a type the command line can get wrong. */
    public record EpochSettings(int epochs) implements Settings {
        public EpochSettings() {
            this(1);
        }
    }

    record Case(String what, Executable call, List<String> mustSay) {
        static Case of(String what, Executable call, String... mustSay) {
            return new Case(what, call, List.of(mustSay));
        }
    }

    @BeforeAll
    static void start() throws Exception {
        System.setProperty("aws.disableEc2Metadata", "true");
        platform = LocalPlatform.start(LocalPlatform.Config.ephemeral(dir.resolve("platform")));
        api = platform.api();
        running = api.createModel("running", List.of(), Map.of(), List.of());
        jobDir = Files.createDirectories(dir.resolve("job"));
        Files.writeString(jobDir.resolve("info.json"), "{\"id\": \"local-job\", \"settings\": {}}");
        job = Job.builder(GenericSettings.class).args("--job_dir", jobDir.toString()).init();
    }

    @AfterAll
    static void stop() {
        if (job != null) {
            job.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    static List<Case> cases() throws Exception {
        IoTools io = new IoTools();
        // a route for every bucket whose credentials must never be asked for: a malformed URL is refused first
        IoTools routed = new IoTools().register(new S3Storage().route("s3://", () -> {
            throw new AssertionError("S3 was asked for credentials for a malformed URL");
        }));
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path file = Files.writeString(dir.resolve("file.txt"), "x");
        return List.of(
                // augmentation ranges name their parameter
                Case.of("rotate range reversed", () -> new RandomTransformer().rotate(5, -5), "rotate range [5.0, -5.0]", "min must be <= max"),
                Case.of("scale range NaN", () -> new RandomTransformer().scale(Double.NaN, 1), "scale range", "finite"),
                Case.of("shear range reversed", () -> new RandomTransformer().shear(0.3, 0.1), "shear range"),
                Case.of("translation range reversed", () -> new RandomTransformer().translateVertical(0.2, -0.2), "translateVertical range"),
                Case.of("brightness range reversed", () -> new ImageNoise().brightness(0.5, -0.5), "brightness range"),
                Case.of("hue infinite", () -> new ImageNoise().hue(Double.POSITIVE_INFINITY), "hue range", "finite"),
                Case.of("emboss range reversed", () -> new ImageFiltering().embossStrength(1, 0), "embossStrength range"),
                Case.of("salt and pepper values reversed", () -> new ImageSaltAndPepper().valueRange(1, 0), "valueRange range"),
                // malformed S3 URLs are told apart from missing credentials
                Case.of("s3:// without a bucket", () -> io.readFile("s3://"), "Malformed S3 URL 's3://'", "no bucket"),
                Case.of("s3: with one slash", () -> io.readFile("s3:/bucket/x"), "'s3:/bucket/x'", "two slashes"),
                Case.of("S3:// in capitals", () -> io.readFile("S3://bucket/x"), "'S3://bucket/x'", "lower case"),
                Case.of("space in the bucket", () -> io.readFile("s3://a b/x"), "'a b'"),
                Case.of("bucket too short", () -> io.readFile("s3://ab/x"), "'ab'", "3–63"),
                Case.of("bucket starting with '-'", () -> io.readFile("s3://-bucket/x"), "'-bucket'"),
                Case.of("bucket with '..'", () -> io.readFile("s3://my..bucket/x"), "'my..bucket'", ".."),
                Case.of("bucket that is an IP", () -> io.readFile("s3://192.168.1.1/x"), "'192.168.1.1'", "IP address"),
                Case.of("spaces around the URL", () -> io.readFile(" s3://bucket/x"), "spaces around it"),
                Case.of("malformed URL with a route", () -> routed.readFile("s3://Bad_Bucket/x"), "Malformed S3 URL", "'Bad_Bucket'"),
                Case.of("well-formed URL without access", () -> io.readFile("s3://data.criterion.ai/x"), "'s3://data.criterion.ai/x'", "no AWS credentials", "io.routeS3"),
                Case.of("unsupported scheme", () -> io.readFile("gs://bucket/x"), "'gs://bucket/x'", "not supported"),
                // charts
                Case.of("chart without a name", () -> job.uploadChart("", "{\"mark\": \"bar\"}"), "name"),
                Case.of("chart with a blank name", () -> job.uploadChart("  ", "{\"mark\": \"bar\"}"), "name"),
                Case.of("chart name with a line break", () -> job.uploadChart("a\nb", "{\"mark\": \"bar\"}"), "control characters"),
                Case.of("chart without a view", () -> job.uploadChart("c", "{\"a\": 1}"), "Chart 'c'", "\"mark\""),
                Case.of("chart in plain Vega", () -> job.uploadChart("c", "{\"$schema\": \"https://vega.github.io/schema/vega/v5.json\", \"marks\": []}"),
                        "Chart 'c'", "Vega-Lite"),
                Case.of("chart data as a list", () -> job.uploadChart("c", "{\"mark\": \"bar\", \"data\": [1, 2]}"), "\"data\""),
                Case.of("chart mark a number", () -> job.uploadChart("c", "{\"mark\": 3}"), "\"mark\""),
                Case.of("chart layer not a list", () -> job.uploadChart("c", "{\"layer\": {}}"), "\"layer\""),
                Case.of("plotly figure as a chart", () -> job.uploadChart("c", Map.of("data", List.of(), "layout", Map.of())), "Chart 'c'"),
                Case.of("chart not an object", () -> job.uploadChart("c", "[1, 2]"), "Chart 'c'", "JSON object"),
                // datasets
                Case.of("samples of an empty folder", () -> Dataset.of("d", empty.toString()).getImageSamples(), empty.toString(), "no images"),
                Case.of("samples of a file", () -> Dataset.of("d", file.toString()).getImageSamples(), file.toString(), "is a file"),
                Case.of("dataset without a folder", () -> Dataset.of("d", ""), "Dataset 'd'", "folder"),
                Case.of("upload of an empty folder", () -> api.uploadFolder(api.getDatasets().isEmpty()
                        ? api.createDataset("target", "", "", List.of()) : api.getDatasets().get(0), empty), empty.toString(), "no images"),
                // jobs
                Case.of("job id without an API key", () -> Job.builder(GenericSettings.class).args("--job_id", "key-less")
                                .environment(Map.of("BREVETTIAI_CONFIG_DIR", dir.resolve("config").toString())).init(),
                        "No API key for job key-less", "--api_key", "bin/brevettiai model create", dir.resolve("config").toString()),
                Case.of("setting of the wrong type", () -> Job.builder(EpochSettings.class).args("--job_dir", jobDir.toString(), "--epochs", "abc").init(),
                        "epochs", "abc"),
                Case.of("job folder that is an S3 typo", () -> Job.builder(GenericSettings.class).args("--job_dir", "s3:/bucket/job").init(),
                        "'s3:/bucket/job'", "two slashes"));
    }

    @Test
    void everyBadInputIsRefusedInOneLineNamingIt() throws Exception {
        List<Case> cases = cases();
        List<String> unclear = new ArrayList<>();
        for (Case c : cases) {
            Throwable t = null;
            try {
                Captured.run(() -> {
                    try {
                        c.call().execute();
                    } catch (Exception | Error e) {
                        throw e;
                    } catch (Throwable other) {
                        throw new AssertionError(other);
                    }
                    return null;
                });
            } catch (Throwable thrown) {
                t = thrown;
            }
            String problem = t == null ? "accepted" : t instanceof AssertionError ? "AssertionError: " + t.getMessage() : judge(c, t.getMessage());
            if (problem != null) {
                unclear.add(c.what() + ": " + problem + (t == null ? "" : "\n  " + t));
            }
        }
        String count = cases.size() + " bad inputs: " + (cases.size() - unclear.size()) + " clear, " + unclear.size() + " unclear";
        System.out.println(count);
        assertEquals(List.of(), unclear, count);
        assertFalse(Files.exists(jobDir.resolve("artifacts/charts")), "no refused chart was written");
    }

    static String judge(Case c, String message) {
        if (message == null || message.isBlank()) {
            return "no message";
        }
        if (message.contains("\n")) {
            return "more than one line";
        }
        if (message.length() > MAX_LENGTH) {
            return message.length() + " characters";
        }
        for (String s : c.mustSay()) {
            if (!message.contains(s)) {
                return "does not say '" + s + "': " + message;
            }
        }
        return null;
    }

    @Test
    void thePlatformRefusesChartsThatAreNotVegaLiteAndReportsOfUnfinishedModels() throws Exception {
        String key = URLEncoder.encode(running.apiKey().reveal(), StandardCharsets.UTF_8);
        String charts = platform.url() + "/api/models/" + running.id() + "/charts?key=" + key + "&name=";
        HttpResponse<String> notVegaLite = post(charts + "c", "{\"a\": 1}");
        assertEquals(400, notVegaLite.statusCode(), notVegaLite.body());
        assertTrue(error(notVegaLite).contains("Chart 'c' is not a Vega-Lite chart"), notVegaLite.body());
        HttpResponse<String> vega = post(charts + "c", "{\"$schema\": \"https://vega.github.io/schema/vega/v5.json\", \"marks\": []}");
        assertEquals(400, vega.statusCode(), vega.body());
        HttpResponse<String> blank = post(charts + "%20%20", "{\"mark\": \"bar\"}");
        assertEquals(400, blank.statusCode(), blank.body());
        HttpResponse<String> lineBreak = post(charts + "a%0Ab", "{\"mark\": \"bar\"}");
        assertEquals(400, lineBreak.statusCode(), lineBreak.body());
        assertFalse(Files.exists(platform.root().resolve("platform/models/" + running.id() + "/charts")), "no refused chart was kept");
        HttpResponse<String> good = post(charts + "good", "{\"mark\": \"bar\", \"data\": {\"values\": []}}");
        assertEquals(204, good.statusCode(), good.body());

        int models = api.getModels().size();
        HttpResponse<String> report = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(platform.url() + "/api/models/"
                + running.id() + "/createtestreport")).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + platform.accessToken().reveal()).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(409, report.statusCode(), report.body());
        assertTrue(error(report).contains("Model " + running.id() + " is not completed"), report.body());
        assertEquals(models, api.getModels().size(), "no report was made");

        Model done = api.createModel("done", List.of(), Map.of(), List.of());
        try (Job<GenericSettings> training = Job.builder(GenericSettings.class)
                .args("--job_id", done.id(), "--api_key", done.apiKey().reveal(), "--host", platform.url()).init()) {
            training.completeJob(Files.writeString(dir.resolve("model.tar.gz"), "model"));
        }
        assertEquals(done.id(), api.createTestReport(done.id(), List.of()).parentId().orElseThrow(), "a completed model with an archive is tested");
    }

    @Test
    void anUnknownSettingIsWarnedAboutByName() throws Exception {
        Captured<Object> r = Captured.run(() -> {
            try (Job<EpochSettings> j = Job.builder(EpochSettings.class).args("--job_dir", jobDir.toString(), "--epohcs", "3").init()) {
                return j.settings();
            }
        });
        assertTrue(r.err.contains("epohcs"), r.err);
    }

    private static HttpResponse<String> post(String url, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String error(HttpResponse<String> response) throws Exception {
        return String.valueOf(Json.parseObject(response.body()).get("error"));
    }
}
