package ai.brevetti.localplatform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.platform.Job;
import ai.brevetti.platform.Model;
import ai.brevetti.platform.StsCredentials;
import ai.brevetti.settings.GenericSettings;
import ai.brevetti.testing.Captured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Credentials past their time: the local S3 server answers them as AWS does ({@code 400 ExpiredToken},
 * after checking the signature), and a job fetches new ones from the platform once and goes on.
 */
class ExpiredCredentialsTest {
    @TempDir
    static java.nio.file.Path dir;

    static LocalPlatform platform;

    @BeforeAll
    static void start() throws Exception {
        platform = LocalPlatform.start(LocalPlatform.Config.ephemeral(dir.resolve("platform")));
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    static StsCredentials credentials(Model model) throws Exception {
        String url = platform.url() + "/api/models/" + model.id() + "/securitycredentials?key=" + model.apiKey().reveal();
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return StsCredentials.parse(r.body(), "the local platform");
    }

    static S3Client client(StsCredentials c, String secret) {
        return S3Client.builder().region(Region.US_EAST_1).endpointOverride(c.endpoint().orElseThrow()).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(c.accessKeyId(), secret,
                        c.sessionToken().reveal())))
                .overrideConfiguration(o -> o.retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry())).build();
    }

    static S3Exception refused(Consumer<S3Client> call, S3Client client) {
        return assertThrows(S3Exception.class, () -> call.accept(client));
    }

    @Test
    void anExpiredGrantIsAnswered400ExpiredTokenForEveryKindOfRequest() throws Exception {
        Model model = platform.api().createModel("expiring", List.of(), Map.of(), List.of());
        StsCredentials c = credentials(model);
        String bucket = LocalPlatform.DEFAULT_BUCKET;
        String own = model.id() + "/artifacts/a.txt";
        try (S3Client s3 = client(c, c.secretAccessKey().reveal())) {
            s3.putObject(b -> b.bucket(bucket).key(own), RequestBody.fromString("before"));
            platform.expireCredentials(model.id());
            List<Consumer<S3Client>> calls = List.of(
                    x -> x.getObject(b -> b.bucket(bucket).key(own)),
                    x -> x.putObject(b -> b.bucket(bucket).key(own), RequestBody.fromString("after")),
                    x -> x.listObjectsV2(b -> b.bucket(bucket).prefix(model.id() + "/")),
                    x -> x.deleteObject(b -> b.bucket(bucket).key(own)),
                    // outside the grant: expired is said before denied, as AWS checks the token first
                    x -> x.getObject(b -> b.bucket(bucket).key("someone-else/info.json")),
                    x -> x.listBuckets());
            for (Consumer<S3Client> call : calls) {
                S3Exception e = refused(call, s3);
                assertEquals(400, e.statusCode(), e.getMessage());
                assertEquals("ExpiredToken", e.awsErrorDetails().errorCode(), e.getMessage());
            }
        }
        try (S3Client forged = client(c, "not-the-secret")) {
            S3Exception e = refused(x -> x.getObject(b -> b.bucket(bucket).key(own)), forged);
            assertEquals("SignatureDoesNotMatch", e.awsErrorDetails().errorCode(), "the signature is checked first");
        }
        assertEquals("before", java.nio.file.Files.readString(platform.root().resolve("s3").resolve(bucket).resolve(own)),
                "nothing was written or removed with expired credentials");
    }

    @Test
    void aJobWhoseCredentialsExpiredFetchesNewOnesOnceAndGoesOn() throws Exception {
        Model model = platform.api().createModel("long job", List.of(), Map.of(), List.of());
        try (Job<GenericSettings> job = Job.builder().jobId(model.id()).apiKey(model.apiKey().reveal()).host(platform.url()).args()
                .environment(Map.of()).cacheRemoteFiles(false).init()) {
            String artifact = job.artifactPath("weights.txt");
            job.io().writeFile(artifact, "epoch 1");
            platform.expireCredentials(model.id());
            Captured<String> read = Captured.run(() -> job.io().readText(artifact));
            assertEquals("epoch 1", read.value);
            assertEquals(1, read.err.lines().filter(l -> l.contains("(ExpiredToken); fetching new ones")).count(), read.err);

            platform.expireCredentials(model.id());
            Captured<String> write = Captured.run(() -> job.io().writeFile(artifact, "epoch 2"));
            assertEquals(1, write.err.lines().filter(l -> l.contains("(ExpiredToken); fetching new ones")).count(), write.err);
            assertEquals("epoch 2", job.io().readText(artifact));
            assertTrue(job.io().list(job.artifactPath(""), false).findAny().isPresent());
        }
    }
}
