package ai.brevetti.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.testing.S3TestServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The cache rules (docs/cache.md) against a real S3-compatible server on loopback: a read after a write
 * through any IoTools of the process returns the written bytes; a path that is not declared immutable is
 * revalidated, so a change by another writer (a raw S3 client, another JVM) is seen; an immutable path is
 * served from its copy with no request.
 */
class RemoteCacheTest {
    @TempDir
    static Path dir;

    static S3TestServer server;
    static final String ROOT = "s3://" + S3TestServer.BUCKET;
    /** Writes with no cache root of its own: another part of the program. */
    static IoTools writer;

    @BeforeAll
    static void start() throws Exception {
        server = S3TestServer.start(Files.createDirectories(dir.resolve("s3")));
        writer = client();
    }

    @AfterAll
    static void stop() throws Exception {
        writer.close();
        server.close();
    }

    static IoTools client() {
        return new IoTools().register(new S3Storage().route(ROOT, server.access()));
    }

    static IoTools cached(String root) throws IOException {
        return client().setCacheRoot(Files.createDirectories(dir.resolve(root)));
    }

    static Path copyIn(IoTools io, String path) {
        return IoTools.cachePath(io.cacheRoot().orElseThrow(), path);
    }

    static Path etagIn(IoTools io, String path) {
        return IoTools.cachePath(io.cacheRoot().orElseThrow().resolve(".etags"), path);
    }

    /** The file's identity: a kept copy has the same, a replaced one (temporary file renamed over it) another. */
    static Object inode(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }

    @Test
    void aReadAfterAWriteThroughTheSameIoToolsReturnsTheWrittenBytes() throws Exception {
        try (IoTools io = cached("same")) {
            String output = ROOT + "/job-1/artifacts/output.json";
            io.writeFile(output, "v1");
            assertEquals("v1", io.readText(output));
            io.writeFile(output, "v2");
            assertEquals("v2", io.readText(output), "the cache served the bytes of before the write");
            io.writeFile(output, new ByteArrayInputStream("v3".getBytes(StandardCharsets.UTF_8)));
            assertEquals("v3", io.readText(output));

            String other = ROOT + "/job-1/artifacts/other.json";
            io.writeFile(other, "other");
            assertEquals("other", io.readText(other));
            io.copy(output, other);
            assertEquals("v3", io.readText(other), "a copy's destination");
            io.writeFile(output, "v4");
            assertEquals("v4", io.readText(output));
            io.move(output, other);
            assertEquals("v4", io.readText(other), "a move's destination");
            StorageException gone = assertThrows(StorageException.class, () -> io.readText(output));
            assertTrue(gone.getMessage().endsWith("it does not exist"), gone.getMessage());

            String inFolder = ROOT + "/job-1/artifacts/sub/a.txt";
            io.writeFile(inFolder, "a");
            assertEquals("a", io.readText(inFolder));
            io.remove(ROOT + "/job-1/artifacts/sub");
            assertThrows(StorageException.class, () -> io.readText(inFolder), "a removed folder's files are gone from the cache too");
            assertFalse(Files.exists(copyIn(io, inFolder)));
        }
    }

    @Test
    void aWriteThroughAnyIoToolsReachesEveryCacheOfTheProcess() throws Exception {
        String dataset = ROOT + "/dataset-1";
        String path = dataset + "/sample_identification.csv";
        writer.writeFile(path, "v1");
        try (IoTools revalidating = cached("a"); IoTools immutable = cached("b").declareImmutable(dataset);
             IoTools sharingA = cached("a").declareImmutable(dataset)) {
            for (IoTools io : List.of(revalidating, immutable, sharingA)) {
                assertEquals("v1", io.readText(path));
            }
            assertTrue(Files.isRegularFile(etagIn(revalidating, path)), "the ETag is kept next to the copy");

            writer.writeFile(path, "v2");
            for (IoTools io : List.of(revalidating, immutable)) {
                assertFalse(Files.exists(copyIn(io, path)), "the copy is gone from " + io.cacheRoot().get());
                assertFalse(Files.exists(etagIn(io, path)), "the ETag side-file is gone from " + io.cacheRoot().get());
            }
            for (IoTools io : List.of(revalidating, immutable, sharingA)) {
                assertEquals("v2", io.readText(path), "stale bytes from " + io.cacheRoot().get());
            }

            // a copy by another IoTools, and a removal
            writer.writeFile(dataset + "/elsewhere.csv", "v3");
            writer.copy(dataset + "/elsewhere.csv", path);
            assertEquals("v3", immutable.readText(path));
            assertEquals("v3", revalidating.readText(path));
            writer.remove(path);
            assertThrows(StorageException.class, () -> immutable.readText(path));
            assertThrows(StorageException.class, () -> sharingA.readText(path));
        }
    }

    @Test
    void anotherWriterIsSeenThroughRevalidationWithOneConditionalGet() throws Exception {
        String path = ROOT + "/job-2/artifacts/output.json";
        writer.writeFile(path, "v1");
        try (IoTools io = cached("revalidated"); S3Client raw = raw()) {
            assertEquals("v1", io.readText(path));
            Object copy = inode(copyIn(io, path));
            long gets = server.gets();
            long heads = server.heads();
            assertEquals("v1", io.readText(path));
            assertEquals("v1", io.readText(path));
            assertEquals(2, server.gets() - gets, "one (conditional) GET per read");
            assertEquals(0, server.heads() - heads, "no HEAD");
            assertEquals(copy, inode(copyIn(io, path)), "not modified: the copy was kept, not downloaded again");

            // not through any IoTools: nothing in this process invalidated the copy
            raw.putObject(b -> b.bucket(S3TestServer.BUCKET).key("job-2/artifacts/output.json"), RequestBody.fromString("v2"));
            assertEquals("v2", io.readText(path), "revalidation sees the other writer's change");
            assertEquals("v2", io.readText(path));
        }
    }

    @Test
    void anotherProcessWritingTheKeyIsSeen() throws Exception {
        String path = ROOT + "/job-3/artifacts/output.json";
        writer.writeFile(path, "v1");
        try (IoTools io = cached("this-process")) {
            assertEquals("v1", io.readText(path));

            // another job instance with a cache of its own
            Path own = Files.createDirectories(dir.resolve("other-process"));
            assertEquals(List.of("before: v1", "after: v3"), runOtherProcess(path, "v3", own));
            assertEquals("v3", io.readText(path), "this process still served its copy of before the other's write");

            // another process on the same cache folder (e.g. the same --cache_path)
            assertEquals(List.of("before: v3", "after: v4"), runOtherProcess(path, "v4", io.cacheRoot().orElseThrow()));
            assertEquals("v4", io.readText(path));
        }
    }

    @Test
    void immutablePathsAreServedFromTheCacheWithNoRequest() throws Exception {
        String dataset = ROOT + "/dataset-2";
        byte[] image = new byte[100_000];
        new Random(3).nextBytes(image);
        writer.writeFile(dataset + "/good/1.bmp", image);
        writer.writeFile(dataset + "0/good/1.bmp", "another dataset");
        try (IoTools io = cached("immutable").declareImmutable(dataset)) {
            assertTrue(io.isImmutable(dataset + "/good/1.bmp"));
            assertTrue(io.isImmutable(dataset));
            assertFalse(io.isImmutable(dataset + "0/good/1.bmp"), "a folder boundary, not a string prefix");
            assertFalse(io.isImmutable(ROOT + "/job-1/artifacts/output.json"));
            assertThrows(IllegalArgumentException.class, () -> io.declareImmutable("/local/folder"));

            assertArrayEquals(image, io.readFile(dataset + "/good/1.bmp"));
            long gets = server.gets();
            long heads = server.heads();
            for (int i = 0; i < 20; i++) {
                assertArrayEquals(image, io.readFile(dataset + "/good/1.bmp"));
            }
            assertEquals(0, server.gets() - gets, "no GET for a cached immutable path");
            assertEquals(0, server.heads() - heads, "no HEAD either");
            assertEquals("another dataset", io.readText(dataset + "0/good/1.bmp"));
        }
    }

    @Test
    void aWriteDuringADownloadIsNotHiddenByIt() throws Exception {
        String dataset = ROOT + "/dataset-3";
        String path = dataset + "/model.json";
        byte[] v1 = new byte[300_000];
        new Random(4).nextBytes(v1);
        writer.writeFile(path, v1);
        try (IoTools io = cached("in-flight").declareImmutable(dataset)) {
            S3TestServer.HeldDownload held = server.holdNextDownload();
            CompletableFuture<byte[]> early = CompletableFuture.supplyAsync(() -> io.readFile(path));
            held.awaitStart();
            writer.writeFile(path, "v2");
            // a read that begins after the write must not join the download that began before it
            CompletableFuture<String> late = CompletableFuture.supplyAsync(() -> io.readText(path));
            String lateText;
            try {
                lateText = late.get(20, TimeUnit.SECONDS);
            } finally {
                held.release();
            }
            assertEquals("v2", lateText);
            early.get(20, TimeUnit.SECONDS);
            // the early download (of v1) finished after the write: it must not have replaced the copy
            assertEquals("v2", io.readText(path));
            assertEquals("v2", Files.readString(copyIn(io, path)));
        }
    }

    @Test
    void concurrentFirstReadsOfAnImmutablePathShareOneDownload() throws Exception {
        String dataset = ROOT + "/dataset-4";
        byte[] content = new byte[200_000];
        new Random(1).nextBytes(content);
        writer.writeFile(dataset + "/img.bmp", content);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try (IoTools io = cached("shared").declareImmutable(dataset)) {
            S3TestServer.HeldDownload held = server.holdNextDownload();
            long gets = server.gets();
            List<CompletableFuture<byte[]>> readers = new ArrayList<>();
            readers.add(CompletableFuture.supplyAsync(() -> io.readFile(dataset + "/img.bmp"), pool));
            held.awaitStart();
            CountDownLatch asking = new CountDownLatch(5);
            for (int i = 0; i < 5; i++) {
                readers.add(CompletableFuture.supplyAsync(() -> {
                    asking.countDown();
                    return io.readFile(dataset + "/img.bmp");
                }, pool));
            }
            asking.await();
            Thread.sleep(200); // the five are waiting for the held download by now
            held.release();
            for (CompletableFuture<byte[]> r : readers) {
                assertArrayEquals(content, r.get(20, TimeUnit.SECONDS));
            }
            assertEquals(1, server.gets() - gets);
            try (var files = Files.list(copyIn(io, dataset + "/img.bmp").getParent())) {
                assertEquals(1, files.count(), "no .part file left");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static S3Client raw() {
        return S3Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(S3TestServer.ACCESS_KEY,
                        S3TestServer.SECRET_KEY))).build();
    }

    /** Runs {@link WriteFromAnotherProcess} in a new JVM with the test class path; its output lines. */
    private static List<String> runOtherProcess(String path, String text, Path cacheRoot) throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", classPath, "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                WriteFromAnotherProcess.class.getName(), server.endpoint().toString(), path, text, cacheRoot.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the other process ended");
        assertEquals(0, p.exitValue(), out);
        return out.lines().filter(l -> l.startsWith("before: ") || l.startsWith("after: ")).toList();
    }
}
