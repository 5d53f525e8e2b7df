package ai.brevetti.platform;

import ai.brevetti.internal.KnownArgs;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The job options among the arguments ({@code --job_id} / {@code --model_id} / {@code --test_id},
 * {@code --api_key}, {@code --job_dir}, {@code --info_file}, {@code --host}, {@code --data_bucket},
 * {@code --cache_path}); everything else is left for the settings.
 */
record JobFlags(Optional<String> jobId, Optional<String> apiKey, Optional<String> jobDir, Optional<String> infoFile,
                Optional<String> host, Optional<String> dataBucket, Optional<String> cachePath) {

    static final List<String> NAMES = List.of("job_id", "model_id", "test_id", "api_key", "job_dir", "info_file",
            "host", "data_bucket", "cache_path");

    static JobFlags parse(List<String> args) {
        Map<String, String> v;
        try {
            v = KnownArgs.parse(args, NAMES);
        } catch (IllegalArgumentException e) {
            throw new JobException("Job argument: " + e.getMessage());
        }
        Optional<String> id = first(v, "job_id", "model_id", "test_id");
        return new JobFlags(id, get(v, "api_key"), get(v, "job_dir"), get(v, "info_file"), get(v, "host"),
                get(v, "data_bucket"), get(v, "cache_path"));
    }

    private static Optional<String> first(Map<String, String> v, String... names) {
        for (String name : names) {
            Optional<String> value = get(v, name);
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> get(Map<String, String> v, String name) {
        return Optional.ofNullable(v.get(name)).filter(s -> !s.isBlank() && !s.equals("unknown"));
    }

    @Override
    public String toString() {
        return "JobFlags[jobId=" + jobId.orElse("-") + ", apiKey=" + apiKey.map(k -> "****").orElse("-")
                + ", jobDir=" + jobDir.orElse("-") + ", infoFile=" + infoFile.orElse("-") + "]";
    }
}
