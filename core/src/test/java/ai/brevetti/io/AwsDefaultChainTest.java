package ai.brevetti.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.testing.ChildJvm;
import ai.brevetti.testing.S3Probe;
import ai.brevetti.testing.S3TestServer;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWS default chain of every {@code s3://} path no route serves, through the AWS SDK's real providers:
 * each case is a new JVM whose environment and home folder hold nothing but what the case sets (so the
 * test machine's own AWS settings cannot leak in), reading and writing a real S3 server on loopback with
 * a plain {@code new IoTools()}.
 */
class AwsDefaultChainTest {
    @TempDir
    static Path dir;

    static S3TestServer server;
    static final String FILE = "s3://" + S3TestServer.BUCKET + "/chain/file.txt";

    @BeforeAll
    static void start() throws Exception {
        server = S3TestServer.start(Files.createDirectories(dir.resolve("s3")));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** The local S3 server as the AWS SDKs' environment names an endpoint and a region. */
    static Map<String, String> s3Endpoint() {
        return Map.of("AWS_ENDPOINT_URL_S3", server.endpoint().toString(), "AWS_REGION", "us-east-1");
    }

    static Map<String, String> with(Map<String, String> a, Map<String, String> b) {
        var all = new java.util.HashMap<>(a);
        all.putAll(b);
        return all;
    }

    static Path home(String name) throws Exception {
        return Files.createDirectories(dir.resolve(name));
    }

    @Test
    void environmentVariablesAreFound() throws Exception {
        ChildJvm.Result r = ChildJvm.run(S3Probe.class, with(s3Endpoint(), Map.of("AWS_ACCESS_KEY_ID", S3TestServer.ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", S3TestServer.SECRET_KEY)), home("env"), "write:" + FILE + "=from the environment", "read:" + FILE);
        assertEquals(List.of("OK write:" + FILE + "=from the environment " + FILE, "OK read:" + FILE + " from the environment"),
                r.lines("OK "), r.output());
    }

    @Test
    void theProfileFilesAreFoundAndAwsProfileChoosesOne() throws Exception {
        Path home = home("profiles");
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/credentials"), """
                [default]
                aws_access_key_id = not-this-one
                aws_secret_access_key = not-this-secret

                [work]
                aws_access_key_id = %s
                aws_secret_access_key = %s
                """.formatted(S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY));
        ChildJvm.Result r = ChildJvm.run(S3Probe.class, with(s3Endpoint(), Map.of("AWS_PROFILE", "work")), home,
                "write:" + FILE + "=from a profile", "read:" + FILE);
        assertEquals(List.of("OK write:" + FILE + "=from a profile " + FILE, "OK read:" + FILE + " from a profile"), r.lines("OK "), r.output());

        ChildJvm.Result wrongProfile = ChildJvm.run(S3Probe.class, s3Endpoint(), home, "read:" + FILE);
        assertTrue(wrongProfile.output().contains("ERR read:" + FILE + " Cannot read '" + FILE + "': access denied (403 InvalidAccessKeyId)"),
                "the default profile's keys were sent, and refused: " + wrongProfile.output());
    }

    @Test
    void withNothingConfiguredTheErrorNamesThePathAndEverySourceTriedAtOnce() throws Exception {
        Path home = home("nothing");
        Files.createDirectories(home.resolve(".aws"));
        // a profile the chain does not use, with a secret that must not appear in any message
        Files.writeString(home.resolve(".aws/credentials"), "[other]\naws_access_key_id = AKIAOTHER\naws_secret_access_key = very-secret-value-42\n");
        ChildJvm.Result r = ChildJvm.run(S3Probe.class, s3Endpoint(), home, "read:" + FILE, "read:" + FILE);
        String err = r.lines("ERR ").get(0);
        assertEquals("ERR read:" + FILE + " Cannot read '" + FILE + "': no AWS credentials for it (tried system properties aws.accessKeyId"
                + " (not set), environment AWS_ACCESS_KEY_ID (not set), web identity token (not set), profile files ~/.aws (Profile file"
                + " contained no credentials for profile 'default'), container credentials (not set), EC2 instance metadata (off; enable with"
                + " BREVETTIAI_AWS_INSTANCE_METADATA=true)). Open it through a job with its API key, or give it credentials:"
                + " io.routeS3(prefix, credentialsProvider, region)", err);
        assertFalse(r.output().contains("very-secret-value-42"), r.output());
        long first = Long.parseLong(r.lines("TIME ").get(0).split(" ")[2]);
        long second = Long.parseLong(r.lines("TIME ").get(1).split(" ")[2]);
        System.out.printf("No credentials anywhere: the first read failed after %d ms (loading the SDK), the second after %d ms%n", first, second);
        assertTrue(second < 500, "no source is waited for (the instance metadata is off): " + second + " ms");

        // a write is retried through outages, but no credentials is no outage: it fails as at once (not after 30 s)
        ChildJvm.Result w = ChildJvm.run(S3Probe.class, s3Endpoint(), home, "read:" + FILE, "write:" + FILE + "=x");
        assertTrue(w.lines("ERR ").get(1).startsWith("ERR write:" + FILE + "=x Cannot write '" + FILE + "': no AWS credentials for it"),
                w.output());
        long write = Long.parseLong(w.lines("TIME ").get(1).split(" ")[2]);
        assertTrue(write < 2_000, "a write without credentials fails at once, not after the retry window: " + write + " ms");
    }

    @Test
    void theInstanceMetadataIsAskedOnlyWhenEnabled() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        // enabled, with the metadata service at a loopback port nobody listens on: asked, and it says why it gave nothing
        ChildJvm.Result r = ChildJvm.run(S3Probe.class, with(s3Endpoint(), Map.of("BREVETTIAI_AWS_INSTANCE_METADATA", "true",
                "AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:" + closed)), home("imds"), "read:" + FILE);
        String err = r.lines("ERR ").get(0);
        assertTrue(err.contains(", EC2 instance metadata ("), err);
        assertFalse(err.contains("EC2 instance metadata (off"), err);
        System.out.println("Instance metadata enabled, nobody answering: " + err.substring(err.indexOf("EC2 instance metadata")));
    }
}
