package ai.brevetti.platform;

import ai.brevetti.internal.RetryWindow;
import ai.brevetti.internal.SageMakerContainer;
import ai.brevetti.io.IoTools;
import ai.brevetti.io.S3Storage;
import ai.brevetti.io.S3Url;
import ai.brevetti.io.StorageException;
import ai.brevetti.settings.Schema;
import ai.brevetti.settings.Settings;
import ai.brevetti.settings.SettingsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Configures and starts a {@link Job}. Explicit values win over command-line flags, which win over the
 * environment ({@code job_id}, {@code api_key}, {@code BREVETTIAI_HOST_NAME}, {@code BREVETTIAI_DATA_BUCKET}).
 *
 * <pre>{@code
 * Job<MySettings> job = Job.builder(MySettings.class).jobDir("jobs/demo").args("--epochs", "3").init();
 * }</pre>
 *
 * @param <S> the settings type
 */
public final class JobBuilder<S extends Settings> {
    /** The real platform, used when nothing else names a host. */
    public static final String DEFAULT_HOST = "https://platform.brevetti.ai";
    public static final String DEFAULT_DATA_BUCKET = "s3://data.criterion.ai";
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmmss");

    private final Class<S> settingsType;
    private List<String> args;
    private String jobId;
    private Secret apiKey;
    private String jobDir;
    private String infoFile;
    private String host;
    private String dataBucket;
    private Path cachePath;
    private Schema schema;
    private Map<String, ?> settingsOverload = Map.of();
    private IoTools io;
    private boolean cacheRemoteFiles = true;
    private boolean uploadOutput = true;
    private Map<String, String> environment = System.getenv();

    JobBuilder(Class<S> settingsType) {
        this.settingsType = settingsType;
    }

    /** The arguments to read flags and settings overrides from (default: {@link JobArgs#get()}). */
    public JobBuilder<S> args(String... args) {
        this.args = List.of(args);
        return this;
    }

    public JobBuilder<S> args(List<String> args) {
        this.args = List.copyOf(args);
        return this;
    }

    public JobBuilder<S> jobId(String jobId) {
        this.jobId = jobId;
        return this;
    }

    public JobBuilder<S> apiKey(String apiKey) {
        this.apiKey = apiKey == null ? null : Secret.of(apiKey);
        return this;
    }

    /** The job folder: a local folder holding info.json (and artifacts/), or an {@code s3://} prefix. */
    public JobBuilder<S> jobDir(String jobDir) {
        this.jobDir = jobDir;
        return this;
    }

    public JobBuilder<S> jobDir(Path jobDir) {
        return jobDir(jobDir.toString());
    }

    /** info.json somewhere else than in the job folder. */
    public JobBuilder<S> infoFile(String infoFile) {
        this.infoFile = infoFile;
        return this;
    }

    /** The platform host, e.g. {@code http://127.0.0.1:8800}. */
    public JobBuilder<S> host(String host) {
        this.host = host;
        return this;
    }

    public JobBuilder<S> dataBucket(String dataBucket) {
        this.dataBucket = dataBucket;
        return this;
    }

    /** A folder to use for temporary files and the cache instead of a fresh temporary folder (kept after the job). */
    public JobBuilder<S> cachePath(Path cachePath) {
        this.cachePath = cachePath;
        return this;
    }

    /** A settings schema to use instead of the one generated from the settings type. */
    public JobBuilder<S> schema(Schema schema) {
        this.schema = schema;
        return this;
    }

    /** Settings merged over info.json's (command-line overrides still win). */
    public JobBuilder<S> settingsOverload(Map<String, ?> settings) {
        this.settingsOverload = Map.copyOf(settings);
        return this;
    }

    /** The storage to use (default: a new {@link IoTools}). */
    public JobBuilder<S> io(IoTools io) {
        this.io = io;
        return this;
    }

    /** Whether remote reads are cached in the temporary folder (default true). */
    public JobBuilder<S> cacheRemoteFiles(boolean cache) {
        this.cacheRemoteFiles = cache;
        return this;
    }

    /** Whether output.json is written when the job starts (default true, as the Python SDK does). */
    public JobBuilder<S> uploadOutputOnInit(boolean upload) {
        this.uploadOutput = upload;
        return this;
    }

    /** The environment variables to read (default: the process environment); for tests and embedding. */
    public JobBuilder<S> environment(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        return this;
    }

    /** The values the job is built from, resolved. */
    record Resolved<S extends Settings>(JobInfo info, String id, String hostName, String jobDir, String dataBucket,
                                        String runId, Optional<Secret> apiKey, S settings, Schema schema, IoTools io,
                                        PlatformClient platform, Path tempRoot, boolean ownsTemp, boolean ownsIo,
                                        Optional<SageMakerContainer> container) {
    }

    /**
     * Reads info.json, applies the settings (info.json, then overloads, then command-line flags), makes the
     * temporary folder and writes {@code artifacts/output.json}. In a SageMaker container, the
     * hyperparameters are arguments too ({@link #withHyperparameters}).
     *
     * @throws JobException when no job is given, or info.json is missing or malformed
     * @throws SettingsException when a setting or a settings flag is malformed
     */
    public Job<S> init() {
        Optional<SageMakerContainer> container = SageMakerContainer.detect(environment);
        List<String> argv = withHyperparameters(args != null ? args : JobArgs.get(), container);
        JobFlags flags = JobFlags.parse(argv);
        Identity identity = resolveIdentity(flags);
        String bucket = first(Optional.ofNullable(dataBucket), flags.dataBucket(), env("BREVETTIAI_DATA_BUCKET"))
                .orElse(DEFAULT_DATA_BUCKET);
        Location location = resolveLocation(flags, identity, bucket);
        IoTools storage = io != null ? io : new IoTools();
        Optional<String> givenHost = first(Optional.ofNullable(host), flags.host());
        Optional<HttpPlatformClient> client = platformClient(identity, location, givenHost);
        try {
            Optional<S3Storage> s3 = routeJobFolder(storage, location, identity, client);
            JobInfo jobInfo = readInfo(storage, location, identity, s3);
            s3.ifPresent(routes -> {
                routeDatasets(routes, jobInfo, bucket, client);
                routeParentModel(routes, jobInfo, client, identity.id());
            });
            Schema settingsSchema = schema != null ? schema : Settings.getSchema(settingsType);
            S settings = bindSettings(jobInfo, settingsSchema, argv);

            String jobIdValue = jobInfo.id().or(identity::id).orElseGet(() -> lastSegment(location.folder()));
            String hostName = first(givenHost, jobInfo.hostName(), env("BREVETTIAI_HOST_NAME")).orElse(DEFAULT_HOST);
            String runId = jobInfo.runId().orElseGet(() -> LocalDateTime.now().format(RUN_ID));
            Path cache = cachePath != null ? cachePath : flags.cachePath().map(Path::of).orElse(null);
            Path temp = makeTempRoot(cache, jobIdValue);
            if (cacheRemoteFiles) {
                setUpCache(storage, temp, jobInfo, bucket, location.folder());
            }
            Resolved<S> resolved = new Resolved<>(jobInfo, jobIdValue, stripSlash(hostName), location.folder(), bucket, runId,
                    identity.key().or(jobInfo::apiKey), settings, settingsSchema, storage,
                    platformFor(client, jobInfo, location.folder(), storage), temp, cache == null, io == null, container);
            return start(resolved);
        } catch (RuntimeException e) {
            container.ifPresent(c -> client.ifPresent(platform -> reportInitFailure(c, platform, identity, e)));
            throw e;
        }
    }

    /**
     * In a SageMaker container: the arguments with every hyperparameter appended as {@code --<name> <value>},
     * as the Python SDK appends them to {@code sys.argv} (so, the last occurrence winning, a hyperparameter
     * overrides the same argument given on the command line). Logs {@code Loaded hyper parameters {…}} (the
     * API key and other secrets masked), or {@code No hyper parameters found!} without the file.
     */
    private static List<String> withHyperparameters(List<String> argv, Optional<SageMakerContainer> container) {
        if (container.isEmpty()) {
            return argv;
        }
        Optional<Map<String, String>> hyperparameters;
        try {
            hyperparameters = container.get().hyperparameters();
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new JobException(e.getMessage(), e);
        }
        if (hyperparameters.isEmpty()) {
            Job.LOG.info("No hyper parameters found!");
            return argv;
        }
        Map<String, String> values = hyperparameters.get();
        Map<String, String> shown = new java.util.LinkedHashMap<>();
        values.forEach((k, v) -> shown.put(k, FailureMessage.isSecretName(k) ? "*".repeat(v.length()) : v));
        Job.LOG.info("Loaded hyper parameters {}", FailureMessage.mask(ai.brevetti.internal.Json.writePython(shown),
                values.entrySet().stream().filter(e -> FailureMessage.isSecretName(e.getKey())).map(e -> Secret.of(e.getValue())).toList()));
        List<String> all = new ArrayList<>(argv);
        values.forEach((k, v) -> {
            all.add("--" + k);
            all.add(v);
        });
        Job.LOG.info("Added hyper parameters to the job arguments");
        return List.copyOf(all);
    }

    /**
     * A job that cannot start in a SageMaker container (malformed settings in its hyperparameters, no info.json…)
     * is failed on the platform and in the failure file, as a failing script's job is: nothing else would tell
     * the platform, which started it. Best effort, in a command's short retry window.
     */
    private static void reportInitFailure(SageMakerContainer container, HttpPlatformClient platform, Identity identity,
                                          RuntimeException failure) {
        List<Secret> secrets = new ArrayList<>(platform.secrets());
        identity.key().ifPresent(secrets::add);
        String message = FailureMessage.of("The job could not start: " + Job.describe(failure), secrets);
        ContainerFailure.write(Optional.of(container), message, true);
        try {
            platform.withRetry(RetryWindow::forCommands).fail(message);
            Job.LOG.warn("Job failed: {} could not start ({})", identity.id().orElse("the job"), firstLine(message));
        } catch (RuntimeException e) {
            Job.LOG.warn("The job could not start, and its failure did not reach {}: {}", platform.describe(),
                    FailureMessage.mask(String.valueOf(e.getMessage()), secrets));
        }
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    /** The job id and API key given (explicitly, as flags, in the environment), or the key saved for that id. */
    private record Identity(Optional<String> id, Optional<Secret> key) {
    }

    /** Where the job's folder and its info.json are. */
    private record Location(String folder, String infoPath) {
    }

    /** The job id and API key: explicit values, then flags, then the environment, then a key saved for the id. */
    private Identity resolveIdentity(JobFlags flags) {
        Optional<String> id = first(Optional.ofNullable(jobId), flags.jobId(), env("job_id"));
        Optional<Secret> key = first(Optional.ofNullable(apiKey), flags.apiKey().map(Secret::of), env("api_key").map(Secret::of));
        if (key.isEmpty() && id.isPresent()) {
            ApiKeyStore saved = ApiKeyStore.forUser(environment);
            key = saved.find(id.get());
            key.ifPresent(k -> Job.LOG.info("Using the API key saved for job {} in {}", id.get(), saved.file()));
        }
        return new Identity(id, key);
    }

    /**
     * The job folder: given, else the info file's folder, else {@code <data bucket>/<job id>}; and info.json:
     * given, else in the job folder. Both checked when they are S3 URLs.
     *
     * @throws NoJobException when nothing names a job
     */
    private Location resolveLocation(JobFlags flags, Identity identity, String bucket) {
        Optional<String> info = first(Optional.ofNullable(infoFile), flags.infoFile());
        Optional<String> dir = first(Optional.ofNullable(jobDir), flags.jobDir());
        if (dir.isEmpty() && info.isPresent()) {
            String f = info.get();
            int slash = f.replace('\\', '/').lastIndexOf('/');
            dir = Optional.of(slash < 0 ? "." : f.substring(0, slash));
        }
        if (dir.isEmpty() && identity.id().isPresent()) {
            dir = Optional.of(IoTools.join(bucket, identity.id().get()));
        }
        if (dir.isEmpty()) {
            throw new NoJobException("No job given. Pass --job_dir DIR (a job folder holding info.json), --info_file FILE, "
                    + "or --job_id ID with --api_key KEY (or set the job_id and api_key environment variables).");
        }
        String folder = dir.get();
        checkS3Url("job folder", folder);
        info.ifPresent(f -> checkS3Url("info file", f));
        return new Location(folder, info.orElse(IoTools.join(folder, "info.json")));
    }

    /** A client of the platform when the job has an id and a key and is on S3 or given a host. */
    private Optional<HttpPlatformClient> platformClient(Identity identity, Location location, Optional<String> givenHost) {
        if (identity.id().isEmpty() || identity.key().isEmpty() || !(location.folder().startsWith("s3://") || givenHost.isPresent())) {
            return Optional.empty();
        }
        String platformHost = givenHost.or(() -> env("BREVETTIAI_HOST_NAME")).orElse(DEFAULT_HOST);
        return Optional.of(HttpPlatformClient.forJob(platformHost, identity.id().get(), identity.key().get()));
    }

    /**
     * For a job folder on S3: the S3 storage of {@code storage}, with a route that reaches the folder with
     * the job's credentials from the platform (asked now, so an unknown job, a wrong key or a stopped
     * platform fails here at once, in a command's short retry window; later refreshes retry through the job
     * window). Without a platform the folder is read through the AWS default chain, as every S3 path no
     * route serves.
     */
    private static Optional<S3Storage> routeJobFolder(IoTools storage, Location location, Identity identity,
                                                      Optional<HttpPlatformClient> client) {
        String folder = location.folder();
        if (!folder.startsWith("s3://")) {
            return Optional.empty();
        }
        S3Storage s3 = storage.s3();
        if (client.isPresent()) {
            HttpPlatformClient c = client.get();
            String id = identity.id().get();
            StsCredentials first = c.withRetry(RetryWindow::forCommands).securityCredentials("job", id);
            s3.route(folder, new RefreshingAccess(first, () -> c.securityCredentials("job", id)));
        }
        return Optional.of(s3);
    }

    /** info.json; on S3 without a key, the error says where a key comes from. */
    private JobInfo readInfo(IoTools storage, Location location, Identity identity, Optional<S3Storage> s3) {
        JobInfo jobInfo;
        try {
            jobInfo = readInfo(storage, location.infoPath(), location.folder());
        } catch (JobException e) {
            if (identity.id().isPresent() && identity.key().isEmpty() && s3.isPresent()) {
                throw noApiKey(identity.id().get(), e);
            }
            throw e;
        }
        Job.LOG.info("Config args found at: '{}'", location.infoPath());
        return jobInfo;
    }

    /** The settings: info.json's, then the overloads, then the command-line flags; unknown flags warned about. */
    private S bindSettings(JobInfo jobInfo, Schema settingsSchema, List<String> argv) {
        Map<String, Object> given = Schema.merge(jobInfo.settings(), settingsOverload);
        Map<String, Object> merged = Schema.merge(given, settingsSchema.parseArgs(argv));
        S settings = Settings.fromConfig(settingsType, settingsSchema.applyTo(merged));
        warnUnknownArgs(argv, settingsSchema);
        return settings;
    }

    /** Remote reads cached in {@code temp/cache}; the job's datasets cached as immutable. */
    private static void setUpCache(IoTools storage, Path temp, JobInfo jobInfo, String bucket, String folder) {
        try {
            storage.setCacheRoot(Files.createDirectories(temp.resolve("cache")));
        } catch (IOException e) {
            throw new JobException("Cannot create the cache folder in '" + temp + "': " + e.getMessage(), e);
        }
        declareDatasetsImmutable(storage, jobInfo, bucket, folder);
    }

    /** The job: its temporary folder removed at exit when it made one, {@code output.json} written when asked. */
    private Job<S> start(Resolved<S> resolved) {
        Job<S> job = new Job<>(resolved);
        if (resolved.ownsTemp()) {
            Path temp = resolved.tempRoot();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(temp), "brevettiai-temp-cleanup"));
        }
        if (uploadOutput) {
            job.uploadJobOutput();
        }
        return job;
    }

    private static PlatformClient platformFor(Optional<HttpPlatformClient> client, JobInfo info, String folder, IoTools io) {
        return client.<PlatformClient>map(c -> c.withEndpoints(info.endpoints()))
                .orElseGet(() -> new LocalFolderPlatform(folder, io, info));
    }

    /** The platform's credentials for every dataset on S3 that the job folder's route does not already cover. */
    private static void routeDatasets(S3Storage s3, JobInfo info, String dataBucket, Optional<HttpPlatformClient> client) {
        for (Map<String, Object> d : info.datasets()) {
            Dataset dataset = Dataset.fromMap(d, dataBucket);
            if (!dataset.bucket().startsWith("s3://") || s3.hasRoute(dataset.bucket())) {
                continue;
            }
            if (client.isPresent()) {
                HttpPlatformClient c = client.get();
                s3.route(dataset.bucket(), new RefreshingAccess(null, () -> c.securityCredentials("dataset", dataset.id())));
            }
            // without a platform, the AWS default chain of every other S3 path
        }
    }

    /**
     * The job's remote datasets are read-only to it (the platform grants a job read access to them and write
     * access to its own folder only), so their cached copies are served with no request (docs/cache.md). A
     * dataset folder that contains the job folder, or lies inside it, stays revalidated: the job writes there.
     */
    private static void declareDatasetsImmutable(IoTools io, JobInfo info, String dataBucket, String jobFolder) {
        for (Map<String, Object> d : info.datasets()) {
            String prefix = Dataset.fromMap(d, dataBucket).bucket();
            if (prefix.contains("://") && !within(jobFolder, prefix) && !within(prefix, jobFolder)) {
                io.declareImmutable(prefix);
            }
        }
    }

    /** True when {@code path} is {@code folder} or below it. */
    private static boolean within(String path, String folder) {
        String f = stripSlash(folder);
        String p = stripSlash(path);
        return p.equals(f) || p.startsWith(f + "/");
    }

    /** A test report reads its model's archive with its own credentials (the platform grants that folder). */
    private static void routeParentModel(S3Storage s3, JobInfo info, Optional<HttpPlatformClient> client, Optional<String> id) {
        Optional<String> path = info.parentModelPath().filter(p -> p.startsWith("s3://"));
        if (path.isEmpty() || s3.hasRouteFor(path.get()) || client.isEmpty() || id.isEmpty()) {
            return;
        }
        String folder = path.get().substring(0, path.get().lastIndexOf('/'));
        HttpPlatformClient c = client.get();
        String jobId = id.get();
        s3.route(folder, new RefreshingAccess(null, () -> c.securityCredentials("job", jobId)));
    }

    /**
     * Warns, naming it, about each {@code --name} argument that is neither a job option nor a setting: it
     * changes nothing (a typo such as {@code --epohcs} would otherwise pass silently).
     */
    private void warnUnknownArgs(List<String> argv, Schema settingsSchema) {
        java.util.Set<String> known = new java.util.TreeSet<>(JobFlags.NAMES);
        settingsSchema.valueFields().forEach(f -> f.model().ifPresent(known::add));
        for (String arg : argv) {
            if (!arg.startsWith("--") || arg.length() == 2) {
                continue;
            }
            String name = arg.substring(2).split("=", 2)[0];
            if (!known.contains(name)) {
                Optional<String> near = known.stream().filter(k -> distance(k, name) <= 2).findFirst();
                Job.LOG.warn("Unknown argument --{}: not a job option nor a setting of {}, so it changes nothing{}", name,
                        settingsType.getSimpleName(), near.map(k -> " (did you mean --" + k + "?)").orElse(""));
            }
        }
    }

    /** Levenshtein distance, for suggesting the setting a misspelt argument meant. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] current = new int[b.length() + 1];
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            previous = current;
        }
        return previous[b.length()];
    }

    private static void checkS3Url(String what, String path) {
        if (S3Url.looksLikeS3(path)) {
            try {
                S3Url.check(path);
            } catch (StorageException e) {
                throw new JobException("The " + what + " '" + path + "' is not usable: " + e.getMessage(), e);
            }
        }
    }

    /** A job id without a key: say so, with where a key comes from, rather than S3's answer to keyless access. */
    private JobException noApiKey(String id, JobException failure) {
        Path store = ApiKeyStore.forUser(environment).file();
        return new JobException("No API key for job " + id + ": pass --api_key KEY (or set the api_key environment variable),"
                + " or create the model with `bin/brevettiai model create`, which saves its key in " + store
                + (failure.getMessage().contains("no AWS credentials for it")
                ? " (without a key, the AWS default chain was tried and found no credentials)"
                : " (without a key, AWS's own credentials were tried: " + failure.getMessage() + ")"), failure);
    }

    private static JobInfo readInfo(IoTools io, String infoPath, String folder) {
        byte[] content;
        try {
            if (!io.isFile(infoPath)) {
                if (!infoPath.contains("://") && Files.isDirectory(Path.of(infoPath))) {
                    throw new JobException("The info file '" + infoPath + "' is a folder; --info_file names the info.json file itself"
                            + " (or pass the folder holding it as --job_dir)");
                }
                if (!folder.contains("://") && Files.isRegularFile(Path.of(folder))) {
                    throw new JobException("The job folder '" + folder + "' is a file; --job_dir names the folder holding info.json"
                            + " (pass an info.json file itself as --info_file)");
                }
                throw new JobException("No info.json at '" + infoPath + "'. A job folder holds the job's info.json "
                        + "(settings, datasets, platform URLs); check --job_dir '" + folder + "' or pass --info_file.");
            }
            content = io.readFile(infoPath);
        } catch (StorageException e) {
            throw new JobException("Cannot read info.json at '" + infoPath + "': " + e.getMessage(), e);
        }
        return JobInfo.parse(content, infoPath);
    }

    private static Path makeTempRoot(Path cache, String id) {
        try {
            if (cache != null) {
                return Files.createDirectories(cache);
            }
            return Files.createTempDirectory("config-id-" + id.replaceAll("[^A-Za-z0-9._-]", "_") + "-");
        } catch (IOException e) {
            throw new JobException("Cannot create the job's temporary folder"
                    + (cache == null ? "" : " '" + cache + "'") + ": " + e.getMessage(), e);
        }
    }

    static void deleteQuietly(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | RuntimeException e) {
            // best effort: a temporary folder left behind is harmless
        }
    }

    private Optional<String> env(String name) {
        return Optional.ofNullable(environment.get(name)).filter(s -> !s.isBlank());
    }

    @SafeVarargs
    private static <T> Optional<T> first(Optional<T>... candidates) {
        for (Optional<T> c : candidates) {
            if (c.isPresent()) {
                return c;
            }
        }
        return Optional.empty();
    }

    private static String lastSegment(String folder) {
        String f = stripSlash(folder.replace('\\', '/'));
        String last = f.substring(f.lastIndexOf('/') + 1);
        if (last.isEmpty() || last.equals(".")) {
            last = Path.of(folder).toAbsolutePath().normalize().getFileName().toString();
        }
        return last;
    }

    private static String stripSlash(String s) {
        String out = s;
        while (out.endsWith("/") && !out.endsWith("://") && out.length() > 1) {
            out = out.substring(0, out.length() - 1);
        }
        return out;
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        parts.add("settings=" + settingsType.getSimpleName());
        if (jobDir != null) {
            parts.add("jobDir=" + jobDir);
        }
        if (jobId != null) {
            parts.add("jobId=" + jobId);
        }
        return "JobBuilder" + parts;
    }
}
