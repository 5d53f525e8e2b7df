package ai.brevetti.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user-only files secrets are kept in (tokens, keys, the local user): created once, replaced whole, never readable by others. */
class UserDirsTest {
    @TempDir
    Path dir;

    @Test
    void theFirstWriterOfAFileWinsEvenWhenManyRaceForIt() throws Exception {
        Path file = dir.resolve("private/access_token");
        int writers = 16;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> created = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            byte[] content = ("token-" + i + "\n").getBytes(StandardCharsets.UTF_8);
            created.add(pool.submit(() -> {
                go.await();
                return UserDirs.createPrivateOnce(file, content);
            }));
        }
        go.countDown();
        List<Integer> winners = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            if (created.get(i).get()) {
                winners.add(i);
            }
        }
        pool.shutdown();
        // a rename would let a later writer replace the token an earlier one already uses
        assertEquals(1, winners.size(), "exactly one writer created it: " + winners);
        assertEquals("token-" + winners.get(0) + "\n", Files.readString(file), "the file holds the winner's content");
        assertFalse(UserDirs.createPrivateOnce(file, "later\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals("token-" + winners.get(0) + "\n", Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        try (Stream<Path> left = Files.list(file.getParent())) {
            assertEquals(List.of(file), left.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void aPrivateFileIsReplacedWholeAndStaysOwnerOnly() throws Exception {
        Path file = dir.resolve("user.json");
        UserDirs.writePrivate(file, "{\"a\": 1}".getBytes(StandardCharsets.UTF_8));
        UserDirs.writePrivate(file, "{\"b\": 2}".getBytes(StandardCharsets.UTF_8));
        assertEquals("{\"b\": 2}", Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(file), left.toList(), "no temporary file is left behind");
        }
        assertTrue(Files.isRegularFile(file));
    }
}
