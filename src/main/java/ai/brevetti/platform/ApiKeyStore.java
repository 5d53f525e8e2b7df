package ai.brevetti.platform;

import ai.brevetti.internal.Json;
import ai.brevetti.internal.UserDirs;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * API keys of the user's jobs, kept in {@code <config dir>/api_keys.json} readable by the user only, so
 * a job can be started by id without the key on the command line or in a log. {@code bin/brevettiai
 * model create} saves the key of the model it creates; {@code Job.init} looks a job's key up here when no
 * key is given. The config dir is {@code $BREVETTIAI_CONFIG_DIR}, else {@code $HOME/.brevettiai}
 * ({@link UserDirs}), created 0700.
 *
 * <p>Several processes may save at once: a save holds a lock on {@code api_keys.json.lock} while it
 * reads the store, adds its key and replaces the file by an atomic move of a temporary file that was
 * 0600 from its creation, so no key is lost and no reader sees half a file.
 */
public final class ApiKeyStore {
    private final Path file;

    private ApiKeyStore(Path file) {
        this.file = file;
    }

    /** The store in {@code configDir}. */
    public static ApiKeyStore in(Path configDir) {
        return new ApiKeyStore(configDir.resolve("api_keys.json"));
    }

    /** The user's store, as the environment places it. */
    public static ApiKeyStore forUser(Map<String, String> environment) {
        return in(UserDirs.configDir(environment));
    }

    public Path file() {
        return file;
    }

    public Optional<Secret> find(String jobId) {
        return Optional.ofNullable(read().get(jobId)).map(Secret::of);
    }

    /** Adds (or replaces) the key of {@code jobId}, keeping every other key, also those other processes save meanwhile. */
    public void save(String jobId, Secret key) {
        // one JVM holds one lock per file: threads take turns here, processes at the file lock
        synchronized (ApiKeyStore.class) {
            try {
                Path dir = UserDirs.createPrivate(file.toAbsolutePath().getParent());
                try (FileChannel lockFile = openPrivately(dir.resolve(file.getFileName() + ".lock"));
                     FileLock ignored = lockFile.lock()) {
                    Map<String, String> keys = read();
                    keys.put(jobId, key.reveal());
                    replace(dir, Json.writePretty(keys).getBytes(StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new JobException("Cannot save the API key in " + file + ": " + e.getMessage(), e);
            }
        }
    }

    private static FileChannel openPrivately(Path path) throws IOException {
        try {
            return FileChannel.open(path, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), UserDirs.privateFile());
        } catch (UnsupportedOperationException notPosix) {
            return FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        }
    }

    /** Writes a temporary file (0600 from creation) next to the store and moves it over the store. */
    private void replace(Path dir, byte[] content) throws IOException {
        Path tmp;
        try {
            tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp", UserDirs.privateFile());
        } catch (UnsupportedOperationException notPosix) {
            tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        }
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private Map<String, String> read() {
        if (!Files.isRegularFile(file)) {
            return new LinkedHashMap<>();
        }
        try {
            Map<String, String> keys = new LinkedHashMap<>();
            Json.parseObject(Files.readString(file)).forEach((k, v) -> keys.put(k, String.valueOf(v)));
            return keys;
        } catch (IOException e) {
            throw new JobException("The API key store " + file + " is not valid JSON: " + e.getMessage()
                    + ". Fix or delete it.", e);
        }
    }

    @Override
    public String toString() {
        return "ApiKeyStore[" + file + "]";
    }
}
