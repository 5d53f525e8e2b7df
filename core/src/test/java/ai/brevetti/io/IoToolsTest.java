package ai.brevetti.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IoTools on local paths, and the cache of a remote backend. */
class IoToolsTest {
    @TempDir
    Path dir;

    private final IoTools io = new IoTools();

    @Test
    void writeReadExistsCopyMoveRemove() {
        String a = dir.resolve("sub/a.txt").toString();
        io.writeFile(a, "Valuable information");
        assertTrue(io.exists(a));
        assertTrue(io.isFile(a));
        assertEquals("Valuable information", io.readText(a));
        String b = dir.resolve("other/b.txt").toString();
        io.copy(a, b);
        assertEquals("Valuable information", io.readText(b));
        String c = dir.resolve("c.txt").toString();
        io.move(b, c);
        assertFalse(io.exists(b));
        assertEquals("Valuable information", io.readText(Path.of(c)));
        io.remove(dir.resolve("sub").toString());
        assertFalse(io.exists(a));
    }

    @Test
    void md5IsTheContentDigest() {
        String a = dir.resolve("a.bin").toString();
        io.writeFile(a, "Valuable information");
        assertEquals("4d0b5a8d24a2cac0aab9e1d8fdaa5b5d".length(), io.md5(a).length());
        assertEquals(md5Of("Valuable information"), io.md5(a));
    }

    private static String md5Of(String text) {
        try {
            var digest = java.security.MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aWriteThatFailsHalfWayLeavesThePreviousFileIntact() throws IOException {
        String a = dir.resolve("model.json").toString();
        io.writeFile(a, "previous");
        InputStream failing = new InputStream() {
            int sent;

            @Override
            public int read() throws IOException {
                if (sent++ < 1000) {
                    return 'x';
                }
                throw new IOException("disk pulled out");
            }
        };
        StorageException e = assertThrows(StorageException.class, () -> io.writeFile(a, failing));
        assertTrue(e.getMessage().startsWith("Cannot write '" + a + "'"), e.getMessage());
        assertEquals("previous", io.readText(a));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("model.json"), files.map(p -> p.getFileName().toString()).toList(), "no partial file left");
        }
    }

    @Test
    void unreadablePathsGiveClearErrors() {
        String missing = dir.resolve("nope.txt").toString();
        StorageException e = assertThrows(StorageException.class, () -> io.readFile(missing));
        assertEquals("Cannot read '" + missing + "': it does not exist", e.getMessage());
        assertEquals(missing, e.path());
        StorageException remote = assertThrows(StorageException.class, () -> io.readFile("gs://bucket/x"));
        assertTrue(remote.getMessage().startsWith("No storage is configured for 'gs://bucket/x'"), remote.getMessage());
    }

    @Test
    void walkListsFoldersLikeOsWalk() {
        io.writeFile(dir.resolve("good/1.bmp").toString(), "1");
        io.writeFile(dir.resolve("good/2.bmp").toString(), "2");
        io.writeFile(dir.resolve("bad/cap/3.bmp").toString(), "3");
        io.writeFile(dir.resolve(".hidden/4.bmp").toString(), "4");
        io.writeFile(dir.resolve("root.bmp").toString(), "5");
        List<WalkEntry> walk = io.walk(dir.toString(), true);
        String root = dir.toString();
        assertEquals(List.of(
                new WalkEntry(root, List.of("bad", "good"), List.of("root.bmp")),
                new WalkEntry(root + "/bad", List.of("cap"), List.of()),
                new WalkEntry(root + "/bad/cap", List.of(), List.of("3.bmp")),
                new WalkEntry(root + "/good", List.of(), List.of("1.bmp", "2.bmp"))), walk);
        assertEquals(5, io.walk(dir.toString(), false).stream().mapToInt(w -> w.files().size()).sum());
    }

    @Test
    void joinAndDownloadUri() {
        assertEquals("s3://bucket/job/artifacts/x.txt", IoTools.join("s3://bucket/job/", "artifacts", "/x.txt"));
        assertEquals("/tmp/a/b", IoTools.join("/tmp/a", "b"));
        assertEquals("data%2FNeurIPS_2018_reduced%2Fbad_cap%2F7_1543413267987.bmp",
                IoTools.getUri("s3://public.data.criterion.ai/data/NeurIPS_2018_reduced/bad_cap/7_1543413267987.bmp"));
        assertEquals("a%20b%2Fc%2Bd", IoTools.getUri("s3://bkt/a b/c+d"));
        // Python's quote(key, safe=""): only A-Za-z0-9_.-~ kept, UTF-8 bytes percent-encoded in upper-case hex
        assertEquals("ds%2Fa%20b%2A~%281%29.bmp", IoTools.getUri("s3://bkt/ds/a b*~(1).bmp"));
        assertEquals("ds%2F%C3%A6%C3%B8%20%E6%97%A5.bmp", IoTools.getUri("s3://bkt/ds/æø 日.bmp"));
        assertEquals("ds%2Fx%3A%2F%2Fy%3Fz%3D1%26w%23", IoTools.getUri("ds/x://y?z=1&w#"), "a key without a scheme is taken as it is");
    }

    /** A remote backend that counts reads, to show the cache at work. */
    static final class CountingRemote implements StorageBackend {
        final AtomicInteger reads = new AtomicInteger();

        @Override
        public boolean handles(String path) {
            return path.startsWith("mem://");
        }

        @Override
        public boolean isRemote() {
            return true;
        }

        @Override
        public byte[] read(String path) {
            reads.incrementAndGet();
            return ("content of " + path).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public InputStream open(String path) {
            return new java.io.ByteArrayInputStream(read(path));
        }

        @Override
        public void write(String path, byte[] content) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean exists(String path) {
            return true;
        }

        @Override
        public boolean isFile(String path) {
            return true;
        }

        @Override
        public Stream<StorageObject> list(String prefix, boolean excludeHidden) {
            return Stream.of(new StorageObject(prefix + "/a.bmp", 1, Optional.of("e"), java.time.Instant.EPOCH));
        }

        @Override
        public void copy(String source, String destination) {
        }

        @Override
        public void remove(String path) {
        }

        @Override
        public void makeDirs(String path) {
        }

        @Override
        public String md5(String path) {
            return "e";
        }
    }

    @Test
    void remoteReadsAreCachedUnderTheCacheRoot() throws IOException {
        CountingRemote remote = new CountingRemote();
        io.register(remote);
        byte[] first = io.readFile("mem://bucket/a/b.bmp?versionId=3");
        assertEquals(1, remote.reads.get(), "no cache root yet: read through");
        io.readFile("mem://bucket/a/b.bmp?versionId=3");
        assertEquals(2, remote.reads.get());

        Path cache = Files.createDirectories(dir.resolve("cache"));
        io.setCacheRoot(cache);
        assertArrayEquals(first, io.readFile("mem://bucket/a/b.bmp?versionId=3"));
        assertArrayEquals(first, io.readFile("mem://bucket/a/b.bmp?versionId=3"));
        assertEquals(4, remote.reads.get(), "a storage without ETags cannot be revalidated: each read goes to it");

        io.declareImmutable("mem://bucket/a");
        assertArrayEquals(first, io.readFile("mem://bucket/a/b.bmp?versionId=3"));
        assertArrayEquals(first, io.readFile("mem://bucket/a/b.bmp?versionId=3"));
        assertEquals(4, remote.reads.get(), "declared immutable: served from the copy");
        assertTrue(Files.isRegularFile(cache.resolve("mem/bucket/a/b.bmp")));
        Files.delete(cache.resolve("mem/bucket/a/b.bmp"));
        assertArrayEquals(first, io.readFile("mem://bucket/a/b.bmp?versionId=3"));
        assertEquals(5, remote.reads.get(), "a removed cache copy is fetched again");
        assertTrue(Files.isRegularFile(cache.resolve("mem/bucket/a/b.bmp")));

        StorageException e = assertThrows(StorageException.class, () -> io.setCacheRoot(dir.resolve("missing")));
        assertTrue(e.getMessage().contains("is not an existing folder"), e.getMessage());
    }
}
