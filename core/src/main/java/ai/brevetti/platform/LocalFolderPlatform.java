package ai.brevetti.platform;

import ai.brevetti.interfaces.monitor.RemoteMonitor;
import ai.brevetti.internal.Json;
import ai.brevetti.io.IoTools;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * No platform: what the platform would receive is written into the job folder instead, so a job run on
 * a plain folder leaves a complete record. Charts go to {@code artifacts/charts/<name>.json}, the
 * completion to {@code artifacts/completion.json}, a failure to {@code artifacts/failure.json}; root tags
 * come from info.json's {@code tags}.
 */
public final class LocalFolderPlatform implements PlatformClient {
    private static final Logger LOG = LoggerFactory.getLogger(LocalFolderPlatform.class);

    private final String jobDir;
    private final IoTools io;
    private final JobInfo info;

    public LocalFolderPlatform(String jobDir, IoTools io, JobInfo info) {
        this.jobDir = jobDir;
        this.io = io;
        this.info = info;
    }

    @Override
    public boolean hasModelPage() {
        return false;
    }

    @Override
    public String describe() {
        return "the job folder " + jobDir + " (no platform)";
    }

    @Override
    public void uploadChart(String name, String vegaLiteJson) {
        String path = IoTools.join(jobDir, "artifacts", "charts", fileName(name) + ".json");
        io.writeFile(path, vegaLiteJson);
        LOG.info("No platform: chart '{}' written to {}", name, path);
    }

    /** A file name for a chart name: letters, digits, '-', '_' and '.' kept, the rest replaced by '_'. */
    static String fileName(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() || safe.startsWith(".") ? "_" + safe : safe;
    }

    /** Training progress appended to {@code artifacts/remotemonitor.jsonl}, one point a line. */
    @Override
    public RemoteMonitor remoteMonitor() {
        String path = IoTools.join(jobDir, "artifacts", "remotemonitor.jsonl");
        LOG.info("No platform: training progress goes to {}", path);
        return RemoteMonitor.toJsonLines(io, path);
    }

    @Override
    public List<Tag> getRootTags() {
        return info.tags();
    }

    @Override
    public void complete(Optional<String> modelPath, String outputArgs) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("completed", Instant.now().toString());
        record.put("model_path", modelPath.orElse(null));
        String url = info.endpoints().complete().orElse("/api/models/" + info.id().orElse("") + "/complete?modelPath=")
                + modelPath.map(p -> URLEncoder.encode(p, StandardCharsets.UTF_8)).orElse("") + outputArgs;
        record.put("complete_url", info.apiKey().map(k -> k.mask(url)).orElse(url));
        String path = IoTools.join(jobDir, "artifacts", "completion.json");
        io.writeFile(path, Json.writePretty(record));
        LOG.info("No platform: completion recorded in {}", path);
        String failure = failurePath();
        if (io.exists(failure)) {
            // an earlier run of this folder failed; this one completed it
            io.remove(failure);
        }
    }

    /** Records the failure in {@code artifacts/failure.json}: {@code {"failed": time, "message": …}}. */
    @Override
    public void fail(String message) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("failed", Instant.now().toString());
        record.put("message", FailureMessage.of(message, secrets()));
        String path = failurePath();
        io.writeFile(path, Json.writePretty(record));
        LOG.info("No platform: failure recorded in {}", path);
    }

    private String failurePath() {
        return IoTools.join(jobDir, "artifacts", "failure.json");
    }

    @Override
    public Collection<Secret> secrets() {
        return info.apiKey().map(List::of).orElse(List.of());
    }
}
