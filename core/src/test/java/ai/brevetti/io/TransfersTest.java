package ai.brevetti.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.internal.Progress;
import ai.brevetti.testing.S3TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploads, downloads and cache fills of many files through {@link IoTools}, against the S3 test server, and their progress. */
class TransfersTest {
    @TempDir
    static Path dir;
    static S3TestServer server;
    static final String ROOT = "s3://" + S3TestServer.BUCKET;

    @BeforeAll
    static void start() throws Exception {
        server = S3TestServer.start(Files.createDirectories(dir.resolve("s3")));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static IoTools client() {
        return new IoTools().register(new S3Storage().route(ROOT, server.access()));
    }

    static List<Progress.Update> recording(Runnable work) throws Exception {
        List<Progress.Update> updates = Collections.synchronizedList(new ArrayList<>());
        try (AutoCloseable l = Progress.listen(updates::add)) {
            work.run();
        }
        return updates;
    }

    static Progress.Update end(List<Progress.Update> updates, String task) {
        return updates.stream().filter(u -> u.task().equals(task) && u.finished()).findFirst()
                .orElseThrow(() -> new AssertionError(task + " in " + updates));
    }

    @Test
    void aFolderGoesUpAndComesBackFileByFileWithItsProgress() throws Exception {
        Path local = dir.resolve("up");
        for (int i = 0; i < 20; i++) {
            Path file = local.resolve((i % 3) + "/f" + i + ".txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, "content " + i);
        }
        Files.writeString(local.resolve(".hidden"), "kept");
        try (IoTools io = client()) {
            int[] copied = new int[1];
            List<Progress.Update> up = recording(() -> copied[0] = io.copyFolder(local.toString(), ROOT + "/copied/"));
            assertEquals(21, copied[0]);
            Progress.Update upEnd = end(up, "Copying " + local + " (files)");
            assertEquals(21, upEnd.done());
            assertEquals(21, upEnd.total());
            assertEquals("content 7", io.readText(ROOT + "/copied/1/f7.txt"));
            assertEquals("kept", io.readText(ROOT + "/copied/.hidden"));

            Path back = dir.resolve("down");
            List<Progress.Update> down = recording(() -> copied[0] = io.copyFolder(ROOT + "/copied", back.toString()));
            assertEquals(21, copied[0]);
            assertEquals(21, end(down, "Copying " + ROOT + "/copied (files)").done());
            assertEquals("content 19", Files.readString(back.resolve("1/f19.txt")));
            assertEquals(22, down.stream().filter(u -> !u.finished()).count(), "the start and a step per file");

            io.writeFile(ROOT + "/copied2/x.txt", "not under copied/");
            assertEquals(21, io.copyFolder(ROOT + "/copied", dir.resolve("down2").toString()), "a sibling folder with a longer name is not copied");
            StorageException empty = assertThrows(StorageException.class, () -> io.copyFolder(ROOT + "/nothing", dir.resolve("n").toString()));
            assertTrue(empty.getMessage().contains("'" + ROOT + "/nothing' holds no files"), empty.getMessage());
        }
    }

    @Test
    void prefetchFillsTheCacheSoReadsNeedNoDownload() throws Exception {
        List<String> paths = new ArrayList<>();
        try (IoTools writer = client()) {
            for (int i = 0; i < 12; i++) {
                paths.add(writer.writeFile(ROOT + "/images/i" + i + ".bmp", "BM" + i));
            }
        }
        Path local = Files.writeString(dir.resolve("local.bmp"), "BM");
        paths.add(local.toString());
        paths.add(paths.get(0));
        try (IoTools io = client()) {
            IllegalStateException noCache = assertThrows(IllegalStateException.class, () -> io.prefetch(paths));
            assertTrue(noCache.getMessage().contains("io.setCacheRoot(dir)"), noCache.getMessage());

            io.setCacheRoot(Files.createDirectories(dir.resolve("cache")));
            io.declareImmutable(ROOT + "/images");
            int[] read = new int[1];
            List<Progress.Update> updates = recording(() -> read[0] = io.prefetch(paths));
            assertEquals(12, read[0], "remote files once each; the local one is skipped");
            Progress.Update done = end(updates, "Caching (files)");
            assertEquals(12, done.done());
            assertEquals(12, done.total());
            for (int i = 0; i < 12; i++) {
                assertEquals("BM" + i, Files.readString(IoTools.cachePath(dir.resolve("cache"), ROOT + "/images/i" + i + ".bmp")));
            }
            long gets = server.gets();
            assertEquals("BM5", io.readText(ROOT + "/images/i5.bmp"));
            assertEquals(gets, server.gets(), "served from the cache");
        }
    }
}
