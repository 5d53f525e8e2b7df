package ai.brevetti.localplatform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.internal.Json;
import ai.brevetti.platform.Model;
import ai.brevetti.platform.PlatformApi;
import ai.brevetti.platform.Secret;
import ai.brevetti.platform.StsCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** A platform killed with kill -9 in the middle of an upload or of a model's creation, then started again. */
class CrashSafetyTest {
    static final String BUCKET = LocalPlatform.DEFAULT_BUCKET;
    static final String UUID = "-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @TempDir
    Path dir;

    static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET as the platform's user (its access token, from {@code <root>/access_token}). */
    static HttpResponse<String> get(String url, Path root) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token(root).reveal())
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static Secret token(Path root) throws IOException {
        return Secret.of(Files.readString(root.resolve("access_token")).strip());
    }

    static PlatformApi api(PlatformProcess platform, Path root) throws IOException {
        return PlatformApi.connect(platform.url, token(root));
    }

    static S3Client jobClient(String url, Model model) throws Exception {
        HttpResponse<String> r = get(url + "/api/models/" + model.id() + "/securitycredentials?key=" + model.apiKey().reveal());
        StsCredentials c = StsCredentials.parse(r.body(), "the platform");
        return S3Client.builder().region(Region.US_EAST_1).endpointOverride(c.endpoint().orElseThrow()).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(c.accessKeyId(),
                        c.secretAccessKey().reveal(), c.sessionToken().reveal()))).build();
    }

    static List<Path> files(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).toList();
        }
    }

    static Optional<Path> waitFor(Path folder, String regex) throws Exception {
        for (int i = 0; i < 600; i++) {
            if (Files.isDirectory(folder)) {
                try (Stream<Path> list = Files.list(folder)) {
                    Optional<Path> found = list.filter(p -> p.getFileName().toString().matches(regex)).findFirst();
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
            Thread.sleep(50);
        }
        return Optional.empty();
    }

    /** 256 MiB that take minutes to send: the upload is still running when the platform is killed. */
    static InputStream slowStream() {
        return new InputStream() {
            long left = 256L << 20;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left == 0) {
                    return -1;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
                int n = (int) Math.min(Math.min(len, 64 * 1024), left);
                java.util.Arrays.fill(b, off, off + n, (byte) 'x');
                left -= n;
                return n;
            }
        };
    }

    @Test
    void anUploadKilledMidwayIsNeverListedAndItsPartialFileIsRemovedAtStart() throws Exception {
        Path root = dir.resolve("root");
        Path artifacts;
        Path partial;
        String modelId;
        try (PlatformProcess platform = PlatformProcess.start(root, null)) {
            PlatformApi api = api(platform, root);
            Model model = api.createModel("uploading", List.of(), Map.of(), List.of());
            modelId = model.id();
            S3Client client = jobClient(platform.url, model);
            client.putObject(b -> b.bucket(BUCKET).key(modelId + "/artifacts/small.txt"), RequestBody.fromString("done"));
            CompletableFuture.runAsync(() -> client.putObject(b -> b.bucket(BUCKET).key(modelId + "/artifacts/big.bin"),
                    RequestBody.fromContentProvider(CrashSafetyTest::slowStream, 256L << 20, "application/octet-stream")));
            artifacts = root.resolve("s3/" + BUCKET + "/" + modelId + "/artifacts");
            partial = waitFor(artifacts, "big\\.bin" + UUID).orElseThrow(() -> new AssertionError("S3Proxy wrote no big.bin-<uuid>"));
            Thread.sleep(300);
            String listed = get(platform.url + "/api/models/" + modelId + "/artifacts", root).body();
            assertTrue(listed.contains("small.txt"), listed);
            assertFalse(listed.contains("big.bin"), "an upload in progress is listed: " + listed);
            List<String> keys = client.listObjectsV2(b -> b.bucket(BUCKET).prefix(modelId + "/")).contents().stream().map(o -> o.key()).toList();
            assertFalse(keys.stream().anyMatch(k -> k.contains("big.bin")), "the job's own listing shows an upload in progress: " + keys);
            platform.kill();
        }
        assertTrue(Files.exists(partial), "the kill left " + partial);
        try (PlatformProcess again = PlatformProcess.start(root, null)) {
            String listed = get(again.url + "/api/models/" + modelId + "/artifacts", root).body();
            assertTrue(listed.contains("small.txt"), listed);
            assertFalse(listed.contains("big.bin"), "a killed upload is listed: " + listed);
            String page = get(again.url + "/models/" + modelId, root).body();
            assertFalse(page.contains("big.bin"), "a killed upload shows on the model's page");
            assertFalse(Files.exists(partial), partial + " was not removed at start");
            try (Stream<Path> journal = Files.list(root.resolve("s3-writes"))) {
                assertEquals(0, journal.count(), "the journal is empty again");
            }
        }
    }

    @Test
    void aModelCreationKilledMidwayIsNeverListedAndLeavesNoApiKey() throws Exception {
        Path root = dir.resolve("root");
        Path pause = dir.resolve("paused");
        String apiKey;
        String modelId;
        try (PlatformProcess platform = PlatformProcess.start(root, pause)) {
            PlatformApi api = api(platform, root);
            CompletableFuture.runAsync(() -> api.createModel("interrupted", List.of(), Map.of(), List.of()));
            for (int i = 0; i < 600 && !Files.exists(pause); i++) {
                Thread.sleep(50);
            }
            modelId = Files.readString(pause).strip();
            Path info = root.resolve("s3/" + BUCKET + "/" + modelId + "/info.json");
            apiKey = String.valueOf(Json.parseObject(Files.readString(info)).get("api_key"));
            assertTrue(apiKey.length() > 8, apiKey);
            platform.kill();
        }
        // what a kill during the record's own write leaves: its temporary file (and an earlier version's)
        Files.writeString(root.resolve("platform/tmp/" + modelId + ".json123.part"), "{\"apiKey\": \"" + apiKey + "\"}");
        Files.writeString(root.resolve("platform/models/." + modelId + ".json456.part"), "{\"apiKey\": \"" + apiKey + "\"}");
        try (PlatformProcess again = PlatformProcess.start(root, null)) {
            String models = get(again.url + "/api/models", root).body();
            assertTrue(models.startsWith("["), models);
            assertFalse(models.contains(modelId), "an unfinished model is listed: " + models);
            assertEquals(404, get(again.url + "/api/models/" + modelId, root).statusCode());
            assertEquals(404, get(again.url + "/models/" + modelId, root).statusCode());
            String index = get(again.url + "/", root).body();
            assertTrue(index.contains("Models") || index.contains("models"), index);
            assertFalse(index.contains("interrupted"), "the index page shows an unfinished model");
            for (Path f : files(root)) {
                assertFalse(Files.readString(f, StandardCharsets.ISO_8859_1).contains(apiKey), f + " holds the unfinished model's API key");
            }
            Model created = api(again, root).createModel("after", List.of(), Map.of(), List.of());
            assertTrue(get(again.url + "/api/models", root).body().contains(created.id()), "models are created as before");
        }
    }
}
