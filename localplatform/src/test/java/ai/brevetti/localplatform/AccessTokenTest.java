package ai.brevetti.localplatform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Platforms started on one root at the same moment agree on its access token: the one in the file. */
class AccessTokenTest {
    @TempDir
    Path dir;

    @Test
    void startsRacingOnAFreshRootAllUseTheTokenTheFileHolds() throws Exception {
        for (int round = 0; round < 20; round++) {
            Path root = Files.createDirectory(dir.resolve("root" + round));
            int starts = 8;
            ExecutorService pool = Executors.newFixedThreadPool(starts);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<AccessToken>> tokens = new ArrayList<>();
            for (int i = 0; i < starts; i++) {
                tokens.add(pool.submit(() -> {
                    go.await();
                    return AccessToken.loadOrCreate(root);
                }));
            }
            go.countDown();
            Set<String> seen = new HashSet<>();
            for (Future<AccessToken> t : tokens) {
                seen.add(t.get().secret().reveal());
            }
            pool.shutdown();
            String inFile = Files.readString(root.resolve(AccessToken.FILE)).strip();
            // with a replacing rename, a start could keep a token a later start's file then replaced
            assertEquals(Set.of(inFile), seen, "round " + round + ": every start uses the file's token");
            assertTrue(AccessToken.loadOrCreate(root).matches(inFile));
        }
    }
}
