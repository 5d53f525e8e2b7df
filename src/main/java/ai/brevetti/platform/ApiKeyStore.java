package ai.brevetti.platform;

import ai.brevetti.internal.Json;
import ai.brevetti.io.LocalStorage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * API keys of the user's jobs, kept in {@code <config dir>/api_keys.json} readable by the user only, so
 * a job can be started by id without the key on the command line or in a log. {@code bin/brevettiai
 * model create} saves the key of the model it creates; {@code Job.init} looks a job's key up here when no
 * key is given. The config dir is {@code $BREVETTIAI_CONFIG_DIR}, else {@code ~/.brevettiai}.
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
        String dir = environment.get("BREVETTIAI_CONFIG_DIR");
        return in(dir != null && !dir.isBlank() ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".brevettiai"));
    }

    public Path file() {
        return file;
    }

    public Optional<Secret> find(String jobId) {
        return Optional.ofNullable(read().get(jobId)).map(Secret::of);
    }

    public synchronized void save(String jobId, Secret key) {
        Map<String, String> keys = read();
        keys.put(jobId, key.reveal());
        try {
            Files.createDirectories(file.getParent());
            new LocalStorage().write(file.toString(), Json.writePretty(keys).getBytes(StandardCharsets.UTF_8));
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the folder's permissions apply
            }
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
