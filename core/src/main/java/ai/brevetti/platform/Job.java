package ai.brevetti.platform;

import ai.brevetti.data.samples.NamedValues;
import ai.brevetti.interfaces.charts.VegaLite;
import ai.brevetti.interfaces.charts.VegaLiteCheck;
import ai.brevetti.interfaces.monitor.RemoteMonitor;
import ai.brevetti.internal.Json;
import ai.brevetti.internal.Urls;
import ai.brevetti.io.IoTools;
import ai.brevetti.io.LocalStorage;
import ai.brevetti.settings.GenericSettings;
import ai.brevetti.settings.Schema;
import ai.brevetti.settings.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running job (a model training or a test report): its input configuration (info.json: settings,
 * datasets, platform endpoints), its storage (temporary files and persisted artifacts) and what it
 * reports to the platform (metrics, charts, completion).
 *
 * <pre>{@code
 * Job<MySettings> job = Job.init(MySettings.class);   // from --job_dir / --job_id --api_key or the environment
 * job.settings().epochs();                             // typed, command-line overrides applied
 * job.io().writeFile(job.artifactPath("notes.txt"), "Valuable information");
 * job.addOutputMetric("My custom metric", 277);
 * job.uploadJobOutput();
 * job.completeJob(archive);
 * }</pre>
 *
 * @param <S> the settings type the job binds
 */
public class Job<S extends Settings> implements AutoCloseable {
    static final Logger LOG = LoggerFactory.getLogger(Job.class);

    private final JobInfo info;
    private final String id;
    private final String name;
    private final String hostName;
    private final String jobDir;
    private final String runId;
    private final Optional<Secret> apiKey;
    private final S settings;
    private final Schema schema;
    private final IoTools io;
    private final PlatformClient platform;
    private final Datasets datasets;
    private final Path tempRoot;
    private final boolean ownsTemp;
    private final boolean ownsIo;
    private final Optional<ai.brevetti.internal.SageMakerContainer> container;
    private JobInstances instances;
    private final Map<String, Object> outputMetrics = Collections.synchronizedMap(new LinkedHashMap<>());
    private RemoteMonitor remoteMonitor;
    private volatile JobStatus status = JobStatus.RUNNING;
    /** Why the last completion or failure did not reach the platform; null when it did (or none was sent). */
    private volatile String undelivered;
    private volatile boolean closed;
    /** The failure was only "closed before it completed": a run that knows more may replace it. */
    private volatile boolean failedOnClose;

    Job(JobBuilder.Resolved<S> r) {
        this.info = r.info();
        this.id = r.id();
        this.name = r.info().name().orElse(r.id());
        this.hostName = r.hostName();
        this.jobDir = r.jobDir();
        this.runId = r.runId();
        this.apiKey = r.apiKey();
        this.settings = r.settings();
        this.schema = r.schema();
        this.io = r.io();
        this.platform = r.platform();
        // a job on a plain folder has no platform to link its datasets to
        boolean linked = r.platform().hasModelPage();
        this.datasets = new Datasets(r.info().datasets().stream().map(d -> Dataset.fromMap(d, r.dataBucket()))
                .map(d -> linked ? d.bind(r.io(), r.hostName()) : d.bindWithoutPlatform(r.io())).toList());
        this.tempRoot = r.tempRoot();
        this.ownsTemp = r.ownsTemp();
        this.ownsIo = r.ownsIo();
        this.container = r.container();
        JobTracker.created(this);
    }

    // ---- starting

    /** A job from the current {@link JobArgs} and the environment, with untyped settings. */
    public static Job<GenericSettings> init() {
        return builder().init();
    }

    /** A job from {@code args} ({@code --job_dir DIR}, {@code --job_id ID --api_key KEY}, settings flags…). */
    public static Job<GenericSettings> init(String... args) {
        return builder().args(args).init();
    }

    /** A job whose settings are of {@code settingsType}, from the current {@link JobArgs} and the environment. */
    public static <T extends Settings> Job<T> init(Class<T> settingsType) {
        return builder(settingsType).init();
    }

    /** A job whose settings are of {@code settingsType}, from {@code args}. */
    public static <T extends Settings> Job<T> init(Class<T> settingsType, String... args) {
        return builder(settingsType).args(args).init();
    }

    /** Configures a job with untyped settings. */
    public static JobBuilder<GenericSettings> builder() {
        return new JobBuilder<>(GenericSettings.class);
    }

    /** Configures a job whose settings are of {@code settingsType}. */
    public static <T extends Settings> JobBuilder<T> builder(Class<T> settingsType) {
        return new JobBuilder<>(settingsType);
    }

    // ---- identity and configuration

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** The platform's address, e.g. {@code https://platform.brevetti.ai}. */
    public String hostName() {
        return hostName;
    }

    /** The job folder: a local path or an {@code s3://} prefix. */
    public String jobDir() {
        return jobDir;
    }

    /** This run's id, {@code yyyy-MM-dd'T'HHmmss} unless info.json gives one. */
    public String runId() {
        return runId;
    }

    /** The job's API key (masked when printed). */
    public Optional<Secret> apiKey() {
        return apiKey;
    }

    /** The settings, with info.json's values and command-line overrides applied. */
    public S settings() {
        return settings;
    }

    /** The settings form this job's settings type generates. */
    public Schema schema() {
        return schema;
    }

    /** info.json as read. */
    public JobInfo info() {
        return info;
    }

    /** The platform endpoints ({@code charts}, {@code complete}, {@code remote}, {@code security_credentials}). */
    public ApiEndpoints apiEndpoints() {
        return info.endpoints();
    }

    /** The datasets the job may read. */
    public Datasets datasets() {
        return datasets;
    }

    /** The storage this job reads and writes through. */
    public IoTools io() {
        return io;
    }

    /** The platform this job reports to. */
    public PlatformClient platform() {
        return platform;
    }

    /**
     * The instances this job runs on: one, or the hosts of a multi-instance SageMaker training job
     * ({@code resourceconfig.json}), which hand their parts to the first ({@link JobInstances#gather}).
     *
     * @throws JobException when the container's resourceconfig.json is malformed
     */
    public synchronized JobInstances instances() {
        if (instances == null) {
            instances = JobInstances.of(container, io, jobDir);
        }
        return instances;
    }

    /** The model page: {@code {host}/models/{id}}. */
    public String modelPage() {
        return hostName + "/models/" + id;
    }

    /**
     * Where a person looks at the job's results: its {@link #modelPage()} when it runs on a platform, its
     * job folder when it runs on a plain folder (whose host name would point at a page that does not exist).
     */
    public String resultsLocation() {
        return platform.hasModelPage() ? modelPage() : jobDir;
    }

    /** A platform download link for a file of the job: {@code {host}/download?path=…}. */
    public String getUrl(String... path) {
        return Urls.downloadLink(hostName, IoTools.join(jobDir, path));
    }

    // ---- storage

    /** The local temporary folder of this run. */
    public Path tempRoot() {
        return tempRoot;
    }

    /** A path in the temporary folder; its parent folder is created. */
    public Path tempPath(String... parts) {
        Path path = tempRoot.resolve(relative("Temporary", parts));
        mkdirs(path.getParent());
        return path;
    }

    /** A path in the temporary folder, created as a folder when {@code dir} (Python's {@code dir=True}). */
    public Path tempPath(String part, boolean dir) {
        return dir ? tempDir(part) : tempPath(part);
    }

    /** A folder in the temporary folder, created. */
    public Path tempDir(String... parts) {
        Path path = tempRoot.resolve(relative("Temporary", parts));
        mkdirs(path);
        return path;
    }

    /** A path in the job's persisted artifacts ({@code <job_dir>/artifacts/…}); a local parent folder is created. */
    public String artifactPath(String... parts) {
        String path = IoTools.join(jobDir, "artifacts", relative("Artifact", parts));
        if (io.backend(path) instanceof LocalStorage) {
            mkdirs(LocalStorage.toPath(path).toAbsolutePath().getParent());
        }
        return path;
    }

    /** An artifact path, created as a folder when {@code dir} (Python's {@code dir=True}). */
    public String artifactPath(String part, boolean dir) {
        return dir ? artifactDir(part) : artifactPath(part);
    }

    /** A folder in the artifacts, created (nothing to create on object stores). */
    public String artifactDir(String... parts) {
        String path = IoTools.join(jobDir, "artifacts", relative("Artifact", parts));
        io.makeDirs(path);
        return path;
    }

    /** The parts joined as a relative path; refuses absolute parts and '..' that would leave the folder. */
    private static String relative(String what, String... parts) {
        List<String> segments = new ArrayList<>();
        for (String part : parts) {
            Objects.requireNonNull(part, "path part");
            if (part.startsWith("/") || part.startsWith("\\") || part.matches("^[A-Za-z]:.*") || part.contains("://")) {
                throw new IllegalArgumentException(what + " path '" + String.join("/", parts)
                        + "' must be relative to the job's " + what.toLowerCase() + " folder, e.g. 'models/model.tar.gz'");
            }
            for (String segment : part.split("[/\\\\]")) {
                if (segment.isEmpty() || segment.equals(".")) {
                    continue;
                }
                if (segment.equals("..")) {
                    if (segments.isEmpty()) {
                        throw new IllegalArgumentException(what + " path '" + String.join("/", parts)
                                + "' leaves the job's " + what.toLowerCase() + " folder; give a path inside it");
                    }
                    segments.remove(segments.size() - 1);
                } else {
                    segments.add(segment);
                }
            }
        }
        return String.join("/", segments);
    }

    private static void mkdirs(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create folder '" + folder + "': " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code content} to {@code artifacts/<name>} and returns its path relative to the job folder
     * ({@code artifacts/<name>}), logging {@code Uploading <name> to <path>}.
     */
    public String uploadArtifact(String name, byte[] content) {
        String path = artifactPath(name);
        LOG.info("Uploading {} to {}", name, path);
        io.writeFile(path, content);
        return "artifacts/" + relative("Artifact", name);
    }

    public String uploadArtifact(String name, String content) {
        return uploadArtifact(name, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    // ---- outputs

    /** Adds a metric to output.json (shown and comparable across models on the platform). */
    public Job<S> addOutputMetric(String key, Object value) {
        Objects.requireNonNull(key, "metric name");
        if (!Json.isJsonLike(value)) {
            throw new IllegalArgumentException("Output metric '" + key + "' cannot be written as JSON ("
                    + value.getClass().getName() + "); use numbers, text, booleans, lists, maps or records of them");
        }
        outputMetrics.put(key, value);
        return this;
    }

    public Job<S> addOutputMetrics(Map<String, ?> metrics) {
        metrics.forEach(this::addOutputMetric);
        return this;
    }

    /** The metrics added so far, in order: a read-only map that shows as a table ({@code metric}, {@code value}). */
    public NamedValues<Object> outputMetrics() {
        synchronized (outputMetrics) {
            return new NamedValues<>("Output metrics", "metric", "value", outputMetrics.entrySet().stream().filter(e -> e.getValue() != null)
                    .collect(LinkedHashMap::new, (m, e) -> m.put(e.getKey(), e.getValue()), Map::putAll));
        }
    }

    /**
     * Writes {@code artifacts/output.json} (metrics, environment, the job's configuration with the API key
     * masked) and returns {@code "artifacts/output.json"}.
     */
    public String uploadJobOutput() {
        String content;
        synchronized (outputMetrics) {
            content = JobOutput.render(this, new LinkedHashMap<>(outputMetrics));
        }
        String path = artifactPath("output.json");
        LOG.info("Uploading output.json to {}", path);
        io.writeFile(path, content);
        return "artifacts/output.json";
    }

    /**
     * Publishes a Vega-Lite chart (JSON text) on the model page. Refuses, before sending anything, a blank
     * name and a spec that is not a Vega-Lite chart ({@link VegaLiteCheck}).
     */
    public void uploadChart(String name, String vegaLiteJson) {
        VegaLiteCheck.nameProblem(name).ifPresent(why -> {
            throw new IllegalArgumentException("Chart not uploaded: " + why);
        });
        Map<String, Object> spec;
        try {
            spec = Json.parseObject(vegaLiteJson);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("Chart '" + name + "' is not a JSON object (" + Json.describe(e) + ")", e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Chart '" + name + "' is not a JSON object: " + e.getMessage(), e);
        }
        VegaLiteCheck.check(name, spec);
        platform.uploadChart(name, vegaLiteJson);
    }

    /** Publishes a Vega-Lite chart (e.g. one of {@code VegaLiteCharts}) on the model page. */
    public void uploadChart(String name, VegaLite chart) {
        Objects.requireNonNull(chart, "chart");
        uploadChart(name, chart.toJson());
    }

    /** Publishes a Vega-Lite chart given as a map or any JSON-writable object. */
    public void uploadChart(String name, Object vegaLiteSpec) {
        if (vegaLiteSpec instanceof String s) {
            uploadChart(name, s);
        } else if (vegaLiteSpec instanceof VegaLite chart) {
            uploadChart(name, chart);
        } else {
            uploadChart(name, Json.write(vegaLiteSpec));
        }
    }

    /**
     * The job's training-progress monitor (Python's {@code get_remote_monitor()}): posts to the platform's
     * remote-monitor endpoint, or, for a job folder without a platform, appends to
     * {@code artifacts/remotemonitor.jsonl}. One monitor per job (its buffer keeps the points in order); it
     * is flushed when the job completes and closed with the job.
     */
    public synchronized RemoteMonitor getRemoteMonitor() {
        if (remoteMonitor == null) {
            remoteMonitor = platform.remoteMonitor();
        }
        return remoteMonitor;
    }

    /** The tag trees of the job's organisation (empty when there are none). */
    public List<Tag> getRootTags() {
        return platform.getRootTags();
    }

    // ---- completion

    /** Signals that the job is done, without a model. */
    public void completeJob() {
        complete(Optional.empty(), "");
    }

    /**
     * Signals that the job is done with the model archive at {@code archive}: an artifact of this job,
     * or a local file that is first copied into the artifacts under its own name.
     */
    public void completeJob(String archive) {
        complete(Optional.of(archive), "");
    }

    public void completeJob(Path archive) {
        completeJob(archive.toString());
    }

    /** As {@link #completeJob(String)}, appending {@code outputArgs} (e.g. {@code &facetsFile=…}) to the call. */
    public void completeJob(String archive, String outputArgs) {
        complete(Optional.ofNullable(archive), outputArgs == null ? "" : outputArgs);
    }

    private void complete(Optional<String> archive, String outputArgs) {
        Optional<String> modelPath = archive.map(this::modelPathOf);
        flushMonitor();
        try {
            platform.complete(modelPath, outputArgs);
        } catch (RuntimeException e) {
            undelivered = "its completion did not reach " + platform.describe() + ": " + e.getMessage();
            throw e;
        }
        status = JobStatus.COMPLETED;
        undelivered = null;
        LOG.info("Job completed: {}", resultsLocation());
    }

    /** The progress points first (bounded wait), so the page has them all when the job's status changes. */
    private void flushMonitor() {
        RemoteMonitor monitor;
        synchronized (this) {
            monitor = remoteMonitor;
        }
        if (monitor != null) {
            monitor.flush(ai.brevetti.internal.RetryWindow.forJobs().window());
        }
    }

    // ---- failure

    /**
     * Reports that the job failed: it ends without completing, and the platform shows {@code failed} with
     * {@code message} (the API key and the job's S3 credentials masked, at most 8,000 characters); in a
     * SageMaker container the message also goes to {@code /opt/ml/output/failure}, which SageMaker shows. Waits
     * for the training progress first, as {@link #completeJob()} does. A completed job cannot fail (a
     * warning, nothing sent); failing again replaces the message. Never throws because of the platform:
     * the failure is the news (a warning says when it could not be delivered).
     */
    public void failJob(String message) {
        if (status == JobStatus.COMPLETED) {
            LOG.warn("Job {} completed already; its failure is not reported: {}", id, firstLine(mask(message)));
            return;
        }
        String masked = FailureMessage.of(message, secrets());
        status = JobStatus.FAILED;
        ContainerFailure.write(container, masked, true);
        flushMonitor();
        try {
            platform.fail(masked);
            undelivered = null;
            LOG.warn("Job failed: {} ({})", resultsLocation(), firstLine(masked));
        } catch (RuntimeException e) {
            undelivered = "its failure did not reach " + platform.describe() + ": " + mask(String.valueOf(e.getMessage()));
            LOG.warn("Job {} failed ({}), and {}", id, firstLine(masked), undelivered);
        }
    }

    /** {@link #failJob(String)} with the exception's class, message, causes and first stack frames. */
    public void failJob(Throwable cause) {
        failJob(describe(cause));
    }

    /** Where the job stands: running, completed or failed (as reported by this process). */
    public JobStatus status() {
        return status;
    }

    /** True when the job failed only by being closed before it completed. */
    boolean failedOnClose() {
        return failedOnClose;
    }

    /** Why the job's completion or failure did not reach the platform, if it did not. */
    Optional<String> undelivered() {
        return Optional.ofNullable(undelivered);
    }

    /** Training-progress points that were not delivered (still waiting, or dropped from a full buffer). */
    long undeliveredPoints() {
        RemoteMonitor monitor;
        synchronized (this) {
            monitor = remoteMonitor;
        }
        return monitor == null ? 0 : monitor.pending() + monitor.dropped();
    }

    private List<Secret> secrets() {
        List<Secret> all = new ArrayList<>(platform.secrets());
        apiKey.ifPresent(all::add);
        return all;
    }

    private String mask(String text) {
        return FailureMessage.mask(text == null ? "" : text, secrets());
    }

    private static String firstLine(String text) {
        String t = text == null ? "" : text.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }

    static String describe(Throwable cause) {
        StringBuilder out = new StringBuilder(cause.toString());
        StackTraceElement[] frames = cause.getStackTrace();
        for (int i = 0; i < Math.min(frames.length, 10); i++) {
            out.append("\n\tat ").append(frames[i]);
        }
        Throwable c = cause.getCause();
        for (int depth = 0; c != null && c != cause && depth < 5; depth++, c = c.getCause()) {
            out.append("\nCaused by: ").append(c);
        }
        return out.toString();
    }

    /** The archive's path relative to the job folder, copying it into the artifacts when it is elsewhere. */
    private String modelPathOf(String archive) {
        String prefix = jobDir.endsWith("/") ? jobDir : jobDir + "/";
        String normalized = archive;
        if (io.backend(archive) instanceof LocalStorage && io.backend(jobDir) instanceof LocalStorage) {
            Path a = LocalStorage.toPath(archive).toAbsolutePath().normalize();
            Path dir = LocalStorage.toPath(jobDir).toAbsolutePath().normalize();
            if (a.startsWith(dir)) {
                return dir.relativize(a).toString().replace('\\', '/');
            }
            normalized = a.toString();
        } else if (archive.startsWith(prefix)) {
            String rel = archive.substring(prefix.length());
            if (Stream.of(rel.split("/")).anyMatch(".."::equals)) {
                throw new IllegalArgumentException("Illegal package path '" + archive + "'. It should be an artifact of the model");
            }
            return rel;
        }
        if (!io.exists(normalized)) {
            throw new IllegalArgumentException("Model archive '" + archive + "' does not exist; give the path of the archive to complete the job with");
        }
        String fileName = normalized.substring(normalized.replace('\\', '/').lastIndexOf('/') + 1);
        String target = artifactPath(fileName);
        LOG.info("Uploading {} to {}", fileName, target);
        io.copy(normalized, target);
        return "artifacts/" + fileName;
    }

    /**
     * Ends the job here: a job that neither completed nor failed is reported failed ("closed before it
     * completed"), so {@code try (Job job = …) { …; job.completeJob(archive); }} leaves no job running when
     * an exception skips the completion. Then closes the remote monitor (waiting a bounded time for an
     * unreachable platform, see {@link RemoteMonitor#close()}), deletes the temporary folder (unless it was
     * given with {@code --cache_path}) and closes the job's storage clients.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (status == JobStatus.RUNNING) {
            failJob("The job was closed before it completed (completeJob was not called)");
            failedOnClose = status == JobStatus.FAILED;
        }
        release();
    }

    /** Closes the job's resources and leaves it running on the platform (a script's normal end, a notebook's kernel). */
    void release() {
        if (closed) {
            return;
        }
        closed = true;
        RemoteMonitor monitor;
        synchronized (this) {
            monitor = remoteMonitor;
        }
        if (monitor != null) {
            monitor.close();
        }
        if (ownsTemp) {
            JobBuilder.deleteQuietly(tempRoot);
        }
        if (ownsIo) {
            io.close();
        }
    }

    @Override
    public String toString() {
        return "Job[id=" + id + ", name=" + name + ", jobDir=" + jobDir + ", settings=" + settings.getClass().getSimpleName() + "]";
    }
}
