package ai.brevetti.platform;

import ai.brevetti.internal.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The content of {@code artifacts/output.json}: {@code {"output": metrics, "environment": {"BUILD_ID": …},
 * "config": the job}}, indented by 2, with every occurrence of the API key replaced by {@code *}.
 */
final class JobOutput {
    private JobOutput() {}

    static String render(Job<?> job, Map<String, Object> metrics) {
        Map<String, Object> config = new LinkedHashMap<>(job.info().raw());
        config.put("id", job.id());
        config.put("name", job.name());
        config.put("host_name", job.hostName());
        config.put("job_dir", job.jobDir());
        config.put("run_id", job.runId());
        config.put("settings", job.settings().getConfig());
        Map<String, Object> environment = new LinkedHashMap<>();
        environment.put("BUILD_ID", System.getenv("BUILD_ID"));
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("output", metrics);
        document.put("environment", environment);
        document.put("config", config);
        String json = Json.writePretty(document);
        return job.apiKey().map(key -> key.mask(json)).orElse(json);
    }
}
