package ai.brevetti.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.internal.UserDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API key store: shared by processes, private to the user, where $HOME says. */
class ApiKeyStoreTest {
    @TempDir
    Path dir;

    static String permissions(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    /** Starts {@code processes} writers under umask 000, each saving {@code keys} entries when all are up. */
    void saveFromProcessesAtOnce(Path config, int processes, int keys, String mode) throws Exception {
        Path go = dir.resolve("go-" + mode);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> running = new ArrayList<>();
        for (int p = 0; p < processes; p++) {
            String command = "umask 000; exec '" + java + "' -cp '" + System.getProperty("java.class.path") + "' "
                    + ApiKeyStoreWriter.class.getName() + " '" + config + "' '" + go + "' job" + p + " " + keys + " " + mode;
            running.add(new ProcessBuilder("sh", "-c", command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("writer" + p + ".log").toFile()).start());
        }
        Thread.sleep(1500); // the JVMs start
        Files.createFile(go);
        for (Process p : running) {
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "a writer did not finish");
            assertEquals(0, p.exitValue(), Files.readString(dir.resolve("writer" + running.indexOf(p) + ".log")));
        }
    }

    @Test
    void processesSavingAtOnceLoseNoKeyAndEverythingIsTheUsersOnlyEvenUnderUmask000() throws Exception {
        Path config = dir.resolve("home/.brevettiai");
        int processes = 6;
        int keys = 15;
        saveFromProcessesAtOnce(config, processes, keys, "keys");
        ApiKeyStore store = ApiKeyStore.in(config);
        List<String> missing = new ArrayList<>();
        for (int p = 0; p < processes; p++) {
            for (int i = 0; i < keys; i++) {
                String id = "job" + p + "-" + i;
                if (!store.find(id).map(Secret::reveal).equals(Optional.of("key-of-" + id))) {
                    missing.add(id);
                }
            }
        }
        assertEquals(List.of(), missing, "keys lost by concurrent saves");
        assertEquals("rwx------", permissions(config));
        assertEquals("rwx------", permissions(config.getParent()), "the folders it creates are the user's");
        assertEquals("rw-------", permissions(store.file()));
        assertEquals("rw-------", permissions(config.resolve("api_keys.json.lock")));
        try (Stream<Path> files = Files.list(config)) {
            assertEquals(List.of("api_keys.json", "api_keys.json.lock"), files.map(f -> f.getFileName().toString()).sorted().toList(),
                    "no temporary file is left");
        }
    }

    @Test
    void platformTokensSavedByProcessesAtOnceAreAllKeptUserOnly() throws Exception {
        Path config = dir.resolve("tokens/.brevettiai");
        saveFromProcessesAtOnce(config, 4, 10, "tokens");
        PlatformTokens tokens = PlatformTokens.in(config);
        List<String> missing = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            for (int i = 0; i < 10; i++) {
                String id = "job" + p + "-" + i;
                if (!tokens.find("http://" + id + ":80").map(Secret::reveal).equals(Optional.of("key-of-" + id))) {
                    missing.add(id);
                }
            }
        }
        assertEquals(List.of(), missing, "tokens lost by concurrent saves");
        assertEquals("rwx------", permissions(config));
        assertEquals("rw-------", permissions(tokens.file()));
        assertEquals(dir.resolve("h/.brevettiai/platform_tokens.json"), PlatformTokens.forUser(Map.of("HOME", dir.resolve("h").toString())).file());
    }

    @Test
    void theStoreAndThePlatformRootFollowHome() {
        Path home = dir.resolve("someone");
        assertEquals(home.resolve(".brevettiai/api_keys.json"), ApiKeyStore.forUser(Map.of("HOME", home.toString())).file());
        assertEquals(dir.resolve("cfg/api_keys.json"),
                ApiKeyStore.forUser(Map.of("HOME", home.toString(), "BREVETTIAI_CONFIG_DIR", dir.resolve("cfg").toString())).file());
        assertEquals(Path.of(System.getProperty("user.home"), ".brevettiai", "api_keys.json"), ApiKeyStore.forUser(Map.of()).file(),
                "without $HOME: the JVM's user.home");
        assertEquals(home.resolve(".brevettiai/local-platform"), UserDirs.platformRoot(Map.of("HOME", home.toString())));
        assertEquals(dir.resolve("p"), UserDirs.platformRoot(Map.of("HOME", home.toString(), "BREVETTIAI_PLATFORM_ROOT", dir.resolve("p").toString())));
    }
}
