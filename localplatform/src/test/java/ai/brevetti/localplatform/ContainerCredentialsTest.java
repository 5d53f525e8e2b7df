package ai.brevetti.localplatform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.internal.Json;
import ai.brevetti.platform.Model;
import ai.brevetti.platform.PlatformApi;
import ai.brevetti.testing.ChildJvm;
import ai.brevetti.testing.S3Probe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job in a container gets its S3 credentials as a container gets its role on AWS: through the AWS SDKs'
 * container-credentials provider ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI} +
 * {@code AWS_CONTAINER_AUTHORIZATION_TOKEN}) pointed at the local platform. The processes are real JVMs
 * with nothing but that environment; the token reaches one job, until it expires.
 */
class ContainerCredentialsTest {
    @TempDir
    static Path dir;

    static LocalPlatform platform;
    static PlatformApi api;
    static Model mine;
    static Model other;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String BUCKET = "s3://" + LocalPlatform.DEFAULT_BUCKET;

    @BeforeAll
    static void start() throws Exception {
        platform = LocalPlatform.start(LocalPlatform.Config.ephemeral(dir.resolve("platform")));
        api = platform.api();
        mine = api.createModel("in a container", List.of(), Map.of("epochs", 3), List.of());
        other = api.createModel("someone else's", List.of(), Map.of(), List.of());
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    static HttpResponse<String> get(URI uri, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static URI credentialsUri(LocalPlatform p, Model m) {
        return URI.create(p.url() + "/api/models/" + m.id() + "/containercredentials");
    }

    @Test
    void theProjectsDefaultChainInAContainerReadsAndWritesItsJobFolderAndIsRefusedAnotherJobs() throws Exception {
        ContainerCredentials container = platform.containerCredentials(mine.id());
        String own = BUCKET + "/" + mine.id();
        String others = BUCKET + "/" + other.id();
        ChildJvm.Result r = ChildJvm.run(S3Probe.class, container.environment(), Files.createDirectories(dir.resolve("home-a")),
                "read:" + own + "/info.json",
                "write:" + own + "/artifacts/from-the-container.txt=written in a container",
                "read:" + own + "/artifacts/from-the-container.txt",
                "read:" + others + "/info.json",
                "write:" + others + "/artifacts/intruder.txt=not allowed",
                "list:" + others);
        List<String> ok = r.lines("OK ");
        assertEquals(3, ok.size(), r.output());
        assertTrue(ok.get(0).contains("\"id\": \"" + mine.id() + "\""), ok.get(0));
        assertEquals("OK read:" + own + "/artifacts/from-the-container.txt written in a container", ok.get(2));
        List<String> refused = r.lines("ERR ");
        assertEquals(3, refused.size(), r.output());
        for (String line : refused) {
            assertTrue(line.contains("access denied (403 AccessDenied)"), line);
        }
        assertFalse(r.output().contains(other.apiKey().reveal()), "no word of the other job's info.json");
        assertFalse(r.output().contains(container.token().reveal()), "the token is in no message");
        Path root = platform.root().resolve("s3").resolve(LocalPlatform.DEFAULT_BUCKET);
        assertEquals("written in a container", Files.readString(root.resolve(mine.id() + "/artifacts/from-the-container.txt")));
        assertFalse(Files.exists(root.resolve(other.id() + "/artifacts/intruder.txt")));
        assertEquals("running", platform.store().model(mine.id()).orElseThrow().status(), "asking for its credentials started the job");
    }

    @Test
    void theAwsSdksOwnDefaultProviderTakesTheContainerCredentialsToo() throws Exception {
        ContainerCredentials container = platform.containerCredentials(mine.id());
        ChildJvm.Result r = ChildJvm.run(SdkContainerProbe.class, container.environment(), Files.createDirectories(dir.resolve("home-b")),
                LocalPlatform.DEFAULT_BUCKET, "get:" + mine.id() + "/info.json", "put:" + mine.id() + "/artifacts/sdk.txt=by the SDK alone",
                "get:" + other.id() + "/info.json", "put:" + other.id() + "/artifacts/sdk.txt=no");
        // the process's environment holds no other credentials: the container provider gave these
        assertEquals(1, r.lines("PROVIDER ").size(), r.output());
        assertEquals(2, r.lines("OK ").size(), r.output());
        assertEquals(List.of("ERR get:" + other.id() + "/info.json 403 AccessDenied", "ERR put:" + other.id() + "/artifacts/sdk.txt=no 403 AccessDenied"),
                r.lines("ERR "), r.output());
    }

    @Test
    void theEndpointAnswersAwsContainerCredentialsJsonForItsOwnJobsToken() throws Exception {
        ContainerCredentials container = platform.containerCredentials(mine.id());
        assertEquals(credentialsUri(platform, mine), container.fullUri());
        assertEquals(List.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN", "AWS_ENDPOINT_URL_S3", "AWS_REGION"),
                List.copyOf(container.environment().keySet()));
        assertFalse(container.toString().contains(container.token().reveal()));
        HttpResponse<String> r = get(container.fullUri(), container.token().reveal());
        assertEquals(200, r.statusCode(), r.body());
        Map<String, Object> json = Json.parseObject(r.body());
        assertEquals(List.of("AccessKeyId", "SecretAccessKey", "Token", "Expiration"), List.copyOf(json.keySet()));
        Instant expires = Instant.parse((String) json.get("Expiration"));
        assertTrue(expires.isAfter(Instant.now().plus(Duration.ofHours(11))), "the grant's 12 hours: " + expires);
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
    }

    @Test
    void aWrongMissingForeignChangedOrExpiredTokenIsRefusedWithoutRepeatingIt() throws Exception {
        ContainerCredentials forOther = platform.containerCredentials(other.id());
        String token = platform.containerCredentials(mine.id()).token().reveal();
        URI uri = credentialsUri(platform, mine);
        String changed = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BA" : "AA");
        String expired = new ContainerTokens(platform.accessToken()).issue(mine.id(), Instant.now().minusSeconds(1)).reveal();
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("no token", null);
        cases.put("another job's token", forOther.token().reveal());
        cases.put("a changed token", changed);
        cases.put("an expired token", expired);
        cases.put("the token as a bearer", "Bearer " + token);
        cases.put("the platform's access token", platform.accessToken().reveal());
        cases.put("the job's API key", mine.apiKey().reveal());
        cases.put("garbage", "bcc1.x.y.z");
        for (var c : cases.entrySet()) {
            HttpResponse<String> r = get(uri, c.getValue());
            assertEquals(401, r.statusCode(), c.getKey() + ": " + r.body());
            assertTrue(r.body().startsWith("{\"error\":\"Container credentials of model " + mine.id() + " refused: "), c.getKey() + ": " + r.body());
            assertFalse(c.getValue() != null && r.body().contains(c.getValue()), c.getKey() + " repeated: " + r.body());
            assertFalse(r.body().contains("SecretAccessKey"), r.body());
        }
        assertTrue(get(uri, forOther.token().reveal()).body().contains("the container token is for another job"));
        assertTrue(get(uri, expired).body().contains("the container token expired at "));
        HttpResponse<String> unknown = get(URI.create(platform.url() + "/api/models/no-such-model/containercredentials"),
                new ContainerTokens(platform.accessToken()).issue("no-such-model", Instant.now().plusSeconds(60)).reveal());
        assertEquals(404, unknown.statusCode(), unknown.body());
    }

    @Test
    void onlyTheUserGetsTheEnvironmentAndItNamesTheLoopbackEndpoints() throws Exception {
        URI uri = credentialsUri(platform, mine);
        HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode(), anonymous.body());
        HttpResponse<String> withKey = HTTP.send(HttpRequest.newBuilder(URI.create(uri + "?key=" + mine.apiKey().reveal()))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, withKey.statusCode(), "a job's API key does not mint container tokens: " + withKey.body());

        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + platform.accessToken().reveal())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"validSeconds\": 600}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        Map<String, Object> answer = Json.parseObject(r.body());
        @SuppressWarnings("unchecked")
        Map<String, String> env = (Map<String, String>) answer.get("environment");
        assertEquals(uri.toString(), env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI"));
        assertEquals(platform.s3Endpoint().toString(), env.get("AWS_ENDPOINT_URL_S3"));
        assertEquals("us-east-1", env.get("AWS_REGION"));
        Instant expires = Instant.parse((String) answer.get("expires"));
        assertTrue(expires.isAfter(Instant.now().plusSeconds(590)) && expires.isBefore(Instant.now().plusSeconds(620)), expires.toString());
        assertEquals(200, get(uri, env.get("AWS_CONTAINER_AUTHORIZATION_TOKEN")).statusCode());

        for (String body : List.of("{\"validSeconds\": 0}", "{\"validSeconds\": 99999999}", "{\"validSeconds\": \"a day\"}", "[1]")) {
            HttpResponse<String> bad = HTTP.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + platform.accessToken().reveal())
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(400, bad.statusCode(), body + ": " + bad.body());
        }
        assertThrows(IllegalArgumentException.class, () -> platform.containerCredentials("no-such-model"));
    }

    @Test
    void aCompletedJobsContainerCredentialsOnlyRead() throws Exception {
        Model done = api.createModel("done", List.of(), Map.of(), List.of());
        ContainerCredentials container = platform.containerCredentials(done.id());
        HttpResponse<String> complete = HTTP.send(HttpRequest.newBuilder(URI.create(platform.url() + "/api/models/" + done.id()
                + "/complete?key=" + done.apiKey().reveal())).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, complete.statusCode(), complete.body());
        String own = BUCKET + "/" + done.id();
        ChildJvm.Result r = ChildJvm.run(S3Probe.class, container.environment(), Files.createDirectories(dir.resolve("home-c")),
                "read:" + own + "/info.json", "write:" + own + "/artifacts/late.txt=too late");
        assertEquals(1, r.lines("OK read:").size(), r.output());
        assertTrue(r.lines("ERR write:").get(0).contains("access denied (403 AccessDenied)"), r.output());
    }

    @Test
    void aTokenHoldsAcrossARestartOfThePlatformOnTheSameRoot() throws Exception {
        Path root = dir.resolve("restarted");
        LocalPlatform first = LocalPlatform.start(LocalPlatform.Config.ephemeral(root));
        Model job = first.api().createModel("long", List.of(), Map.of(), List.of());
        String token = first.containerCredentials(job.id()).token().reveal();
        first.close();
        try (LocalPlatform again = LocalPlatform.start(LocalPlatform.Config.ephemeral(root))) {
            HttpResponse<String> r = get(credentialsUri(again, job), token);
            assertEquals(200, r.statusCode(), r.body());
        }
        try (LocalPlatform elsewhere = LocalPlatform.start(LocalPlatform.Config.ephemeral(dir.resolve("another root")))) {
            Model same = elsewhere.api().createModel("other root", List.of(), Map.of(), List.of());
            String forged = token.replace(java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(job.id().getBytes()),
                    java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(same.id().getBytes()));
            assertEquals(401, get(credentialsUri(elsewhere, same), token).statusCode(), "another root's platform has another key");
            assertEquals(401, get(credentialsUri(elsewhere, same), forged).statusCode());
        }
    }
}
