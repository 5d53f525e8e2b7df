package ai.brevetti.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.testing.S3TestServer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** IoTools on s3:// against a real S3-compatible server on loopback. */
class S3StorageTest {
    @TempDir
    static Path dir;

    static S3TestServer server;
    static S3Storage s3;
    static IoTools io;
    static final String ROOT = "s3://" + S3TestServer.BUCKET;

    @BeforeAll
    static void start() throws Exception {
        server = S3TestServer.start(Files.createDirectories(dir.resolve("s3")));
        s3 = new S3Storage().route(ROOT, server.access());
        io = new IoTools().register(s3);
    }

    @AfterAll
    static void stop() throws Exception {
        io.close();
        server.close();
    }

    private static S3Client raw() {
        return S3Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(S3TestServer.ACCESS_KEY,
                        S3TestServer.SECRET_KEY))).build();
    }

    @Test
    void writeReadAndMd5Metadata() {
        String path = ROOT + "/a/b/hello.txt";
        io.writeFile(path, "Valuable information");
        assertEquals("Valuable information", io.readText(path));
        assertTrue(io.isFile(path));
        assertTrue(io.exists(ROOT + "/a"), "a prefix with objects exists");
        assertFalse(io.isFile(ROOT + "/a/b/missing.txt"));
        try (S3Client client = raw()) {
            var head = client.headObject(b -> b.bucket(S3TestServer.BUCKET).key("a/b/hello.txt"));
            assertEquals("a8d0ca0c2e82cc9fc6bbd39c2ea3aa4b".length(), head.metadata().get("md5").length());
            assertEquals(head.metadata().get("md5"), io.md5(path));
            assertEquals("text/plain", head.contentType());
        }
    }

    @Test
    void md5ComesFromAPlainEtagOrIsComputedAndRememberedForMultipartObjects() {
        try (S3Client client = raw()) {
            client.putObject(b -> b.bucket(S3TestServer.BUCKET).key("raw/x.bin"),
                    software.amazon.awssdk.core.sync.RequestBody.fromString("payload"));
            assertEquals("321c3cf486ed509164edec1e1981fec8", io.md5(ROOT + "/raw/x.bin"), "the plain ETag");

            byte[] part1 = new byte[5 * 1024 * 1024];
            byte[] part2 = {42};
            String upload = client.createMultipartUpload(b -> b.bucket(S3TestServer.BUCKET).key("raw/multi.bin")).uploadId();
            String e1 = client.uploadPart(b -> b.bucket(S3TestServer.BUCKET).key("raw/multi.bin").uploadId(upload).partNumber(1),
                    software.amazon.awssdk.core.sync.RequestBody.fromBytes(part1)).eTag();
            String e2 = client.uploadPart(b -> b.bucket(S3TestServer.BUCKET).key("raw/multi.bin").uploadId(upload).partNumber(2),
                    software.amazon.awssdk.core.sync.RequestBody.fromBytes(part2)).eTag();
            client.completeMultipartUpload(b -> b.bucket(S3TestServer.BUCKET).key("raw/multi.bin").uploadId(upload)
                    .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(e1), p -> p.partNumber(2).eTag(e2))));
            assertTrue(client.headObject(b -> b.bucket(S3TestServer.BUCKET).key("raw/multi.bin")).eTag().contains("-"));

            byte[] whole = new byte[part1.length + 1];
            whole[part1.length] = 42;
            String expected = java.util.HexFormat.of().formatHex(md5(whole));
            assertEquals(expected, io.md5(ROOT + "/raw/multi.bin"));
            assertEquals(expected, client.headObject(b -> b.bucket(S3TestServer.BUCKET).key("raw/multi.bin")).metadata().get("md5"),
                    "written back as metadata");
        }
    }

    private static byte[] md5(byte[] content) {
        try {
            return java.security.MessageDigest.getInstance("MD5").digest(content);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void listingPagesThroughMoreThanAThousandKeysAndWalkGroupsFolders() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> puts = new ArrayList<>();
        for (int i = 0; i < 1050; i++) {
            String key = ROOT + "/many/" + (i % 2 == 0 ? "even" : "odd") + "/" + String.format("%04d", i) + ".bmp";
            puts.add(pool.submit(() -> io.writeFile(key, new byte[] {1})));
        }
        io.writeFile(ROOT + "/many/.hidden/x.bmp", new byte[] {1});
        for (Future<?> f : puts) {
            f.get();
        }
        pool.shutdown();
        assertEquals(1051, io.list(ROOT + "/many", false).count());
        assertEquals(1050, io.list(ROOT + "/many/", true).count());
        List<WalkEntry> walk = io.walk(ROOT + "/many", true);
        assertEquals(List.of("even", "odd"), walk.get(0).dirs());
        assertEquals(525, walk.get(1).files().size());
        assertEquals(ROOT + "/many/even", walk.get(1).root());
        assertTrue(io.list(ROOT + "/many/even", false).allMatch(o -> o.etag().isPresent() && o.size() == 1));
    }

    @Test
    void copyMoveAndRemoveAPrefix() {
        io.writeFile(ROOT + "/c/1.txt", "one");
        io.writeFile(ROOT + "/c/sub/2.txt", "two");
        io.copy(ROOT + "/c/1.txt", ROOT + "/d/1.txt");
        assertEquals("one", io.readText(ROOT + "/d/1.txt"));
        io.copy(ROOT + "/c/sub/2.txt", dir.resolve("local/2.txt").toString());
        assertEquals("two", io.readText(dir.resolve("local/2.txt").toString()));
        io.remove(ROOT + "/c");
        assertFalse(io.exists(ROOT + "/c"));
        assertEquals("one", io.readText(ROOT + "/d/1.txt"));
    }

    @Test
    void clearErrorsForMissingObjectsAndWrongCredentials() {
        StorageException missing = assertThrows(StorageException.class, () -> io.readFile(ROOT + "/nope.txt"));
        assertEquals("Cannot read '" + ROOT + "/nope.txt': it does not exist", missing.getMessage());

        IoTools wrong = new IoTools().register(new S3Storage().route(ROOT, server.access(S3TestServer.ACCESS_KEY, "wrong-secret-value")));
        StorageException denied = assertThrows(StorageException.class, () -> wrong.readFile(ROOT + "/a/b/hello.txt"));
        assertTrue(denied.getMessage().contains("access denied (403 SignatureDoesNotMatch)"), denied.getMessage());
        assertFalse(denied.getMessage().contains("wrong-secret-value"));
        wrong.close();

        // a path no route of this storage serves goes to the IoTools' own S3 routes: the AWS default chain (AwsDefaultChainTest)
        assertFalse(s3.handles("s3://other-bucket/x"));
        assertTrue(io.backend("s3://other-bucket/x") == io.s3() && !io.s3().hasRouteFor("s3://other-bucket/x"));
    }

    @Test
    void aServerStoppedMidUploadLeavesNoPartialObject(@TempDir Path own) throws Exception {
        S3TestServer flaky = S3TestServer.start(own);
        byte[] big = new byte[8 * 1024 * 1024];
        new Random(2).nextBytes(big);
        String path = ROOT + "/uploads/big.bin";
        IoTools client = new IoTools().register(new S3Storage().route(ROOT, flaky.access()));
        flaky.slowUploads();
        CompletableFuture<Throwable> upload = CompletableFuture.supplyAsync(() -> {
            try {
                client.writeFile(path, new ByteArrayInputStream(big));
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        flaky.awaitUpload();
        // the write retries while the server is away (30 s for a job): a short window, it stays away here
        System.setProperty(ai.brevetti.internal.RetryWindow.WINDOW_PROPERTY, "500");
        Throwable failure;
        try {
            flaky.close();
            failure = upload.get();
        } finally {
            System.clearProperty(ai.brevetti.internal.RetryWindow.WINDOW_PROPERTY);
        }
        assertTrue(failure instanceof StorageException, String.valueOf(failure));
        assertTrue(failure.getMessage().startsWith("Cannot write '" + path + "'"), failure.getMessage());

        S3TestServer again = flaky.restart();
        try {
            assertFalse(client.isFile(path), "no partial object is visible");
            client.writeFile(path, new ByteArrayInputStream(big));
            assertArrayEquals(big, client.readFile(path));
        } finally {
            client.close();
            again.close();
        }
    }
}
