package ai.brevetti.platform;

import ai.brevetti.internal.Json;
import ai.brevetti.internal.UserDirs;
import ai.brevetti.internal.UserJsonFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * API keys of the user's jobs, kept in {@code <config dir>/api_keys.json} readable by the user only, so
 * a job can be started by id without the key on the command line or in a log. {@code bin/brevettiai
 * model create} saves the key of the model it creates; {@code Job.init} looks a job's key up here when no
 * key is given. The config dir is {@code $BREVETTIAI_CONFIG_DIR}, else {@code $HOME/.brevettiai}
 * ({@link UserDirs}), created 0700.
 *
 * <p>Several processes may save at once ({@link UserJsonFile}: a lock on {@code api_keys.json.lock},
 * read-merge-write, an atomic move of a file 0600 from its creation): no key is lost.
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
        try {
            UserJsonFile.update(file, this::read, keys -> keys.put(jobId, key.reveal()));
        } catch (IOException e) {
            throw new JobException("Cannot save the API key in " + file + ": " + e.getMessage(), e);
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
