package ai.brevetti.localplatform;

import ai.brevetti.platform.PlatformApi;
import ai.brevetti.platform.PlatformTokens;
import ai.brevetti.platform.Secret;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default platform: a real HTTP server with the platform's endpoints (models, datasets,
 * job credentials, charts, training progress, completion, downloads) and an S3 server for the job and
 * dataset files, both on loopback, everything kept under one root folder:
 *
 * <pre>
 * root/platform/   the platform's records (models, datasets, tags, charts, progress); tmp/ and creating/
 *                  hold writes and model creations in progress, undone at start; run-index.bin the
 *                  runs index's summaries kept between starts
 * root/s3/&lt;bucket&gt;/  the data bucket: &lt;model id&gt;/info.json, &lt;model id&gt;/artifacts/…, &lt;dataset id&gt;/…
 * root/s3-writes/  the journal of bucket writes in progress, whose leftovers are removed at start
 * </pre>
 *
 * A job run against it takes the same path as on the real platform: it asks for temporary S3
 * credentials with its id and API key, and reads and writes its job folder over S3. The user's web API
 * and pages need the platform's access token ({@code root/access_token}, see {@link #accessToken()} and
 * {@link WebAccess}); the web API also takes a login session of its user, as the real platform's
 * ({@code POST /api/account/token}, once {@link LocalUser} is set; {@link AccountRoutes}).
 */
public final class LocalPlatform implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalPlatform.class);

    /** The data bucket's name: the real platform's, so the SDK's default job folder applies unchanged. */
    public static final String DEFAULT_BUCKET = "data.criterion.ai";
    public static final int DEFAULT_PORT = 8800;
    static final String REGION = "us-east-1";

    /**
     * @param root the folder that holds everything
     * @param host the address to listen on (loopback by default)
     * @param port the HTTP port (0: any free port)
     * @param s3Port the S3 port (0: any free port)
     * @param bucket the data bucket's name
     */
    public record Config(Path root, String host, int port, int s3Port, String bucket) {
        public Config {
            checkPort("the HTTP port (--port)", port);
            checkPort("the S3 port (--s3-port, default the HTTP port + 1)", s3Port);
        }

        private static void checkPort(String what, int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException(what + " is " + port + ", not a port: give one of 1–65535, or 0 for any free port");
            }
        }

        public static Config defaults(Path root) {
            return new Config(root, "127.0.0.1", DEFAULT_PORT, DEFAULT_PORT + 1, DEFAULT_BUCKET);
        }

        /** Any free ports: for tests and embedding. */
        public static Config ephemeral(Path root) {
            return new Config(root, "127.0.0.1", 0, 0, DEFAULT_BUCKET);
        }
    }

    private final Config config;
    private final S3Server s3;
    private final Javalin http;
    private final PlatformStore store;
    private final AccessToken token;
    private final ContainerCredentialRoutes containers;
    private final LoginSessions sessions;
    private final PlatformRoutes routes;

    private LocalPlatform(Config config, S3Server s3, Javalin http, PlatformStore store, AccessToken token,
                          ContainerCredentialRoutes containers, LoginSessions sessions, PlatformRoutes routes) {
        this.config = config;
        this.s3 = s3;
        this.http = http;
        this.store = store;
        this.token = token;
        this.containers = containers;
        this.sessions = sessions;
        this.routes = routes;
    }

    /** Starts both servers; stops what it started if one of them cannot start. */
    public static LocalPlatform start(Config config) throws IOException {
        Path root = writableRoot(config.root());
        try {
            java.net.InetAddress.getByName(config.host());
        } catch (java.net.UnknownHostException e) {
            throw new IOException("The address to listen on, '" + config.host() + "', is not one this machine knows"
                    + " (--bind: an address of this machine such as 127.0.0.1, or 0.0.0.0 for all)", e);
        }
        PlatformStore store = new PlatformStore(root);
        AccessToken token = AccessToken.loadOrCreate(root);
        S3Server s3;
        try {
            s3 = S3Server.start(root.resolve("s3"), config.bucket(), config.host(), config.s3Port());
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("The local S3 server")) {
                throw e;
            }
            throw new IOException("The local S3 server could not start on " + config.host() + ":" + config.s3Port() + ": "
                    + e.getMessage() + " (is the port in use? pick another with --s3-port)", e);
        } catch (Exception e) {
            throw new IOException("The local S3 server could not start on " + config.host() + ":" + config.s3Port() + ": "
                    + e.getMessage() + " (is the port in use? pick another with --s3-port)", e);
        }
        // a model whose creation a kill interrupted was never listed: its info.json (with its API key) goes
        store.recover(id -> s3.remove(id + "/info.json"));
        PlatformRoutes routes = new PlatformRoutes(store, s3);
        java.util.concurrent.atomic.AtomicReference<String> loopbackUrl = new java.util.concurrent.atomic.AtomicReference<>();
        ContainerCredentialRoutes containers = new ContainerCredentialRoutes(store, s3, new ContainerTokens(token.secret()), loopbackUrl::get);
        LoginSessions sessions = new LoginSessions(root);
        AccountRoutes account = new AccountRoutes(root, sessions);
        WebAccess access = new WebAccess(token, sessions, config.host());
        Javalin http;
        try {
            http = Javalin.create(cfg -> {
                cfg.startup.showJavalinBanner = false;
                cfg.startup.startupWatcherEnabled = false;
                cfg.jsonMapper(PlatformRoutes.jsonMapper());
                cfg.jetty.modifyServer(server -> server.setErrorHandler(new BareErrors()));
                access.register(cfg.routes);
                routes.register(cfg.routes);
                containers.register(cfg.routes);
                account.register(cfg.routes);
            });
            http.start(config.host(), config.port());
        } catch (RuntimeException e) {
            routes.close();
            try {
                s3.close();
            } catch (RuntimeException ignored) {
                // the start failure is the news
            }
            throw new IOException("The local platform could not listen on " + config.host() + ":" + config.port() + ": "
                    + e.getMessage() + " (is the port in use? pick another with --port)", e);
        }
        LocalPlatform platform = new LocalPlatform(config, s3, http, store, token, containers, sessions, routes);
        if (!LocalUser.isSet(root)) {
            LOG.info("No user is set up on the local platform at {}: logging in with a user name and password is off until one is "
                    + "(bin/brevettiai platform password); the access token works", root);
        }
        routes.hostName(platform.url());
        loopbackUrl.set(platform.loopbackUrl());
        LOG.info("Local platform at {} (S3 at {}, data in {})", platform.url(), s3.endpoint(), root);
        return platform;
    }

    /**
     * The root folder, made when missing and checked writable (a file is written and removed), so a bad
     * --root fails here, naming the folder, instead of at the first upload.
     */
    private static Path writableRoot(Path root) throws IOException {
        Path absolute = root.toAbsolutePath().normalize();
        String fix = " Choose another folder with --root DIR (or BREVETTIAI_PLATFORM_ROOT).";
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
            throw new IOException("The platform folder '" + absolute + "' is a file, not a folder." + fix);
        }
        try {
            // the root holds API keys (records, info.json): a new one is the user's only
            ai.brevetti.internal.UserDirs.createPrivate(absolute);
            Files.delete(Files.createTempFile(absolute, ".write-check-", ".tmp"));
        } catch (IOException | SecurityException e) {
            String why = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e instanceof java.nio.file.NoSuchFileException ? "a folder on its path cannot be made"
                    : e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                    : e.getClass().getSimpleName();
            throw new IOException("The platform folder '" + absolute + "' is not writable (" + why + ")." + fix, e);
        }
        return absolute;
    }

    /** The platform's address, e.g. {@code http://127.0.0.1:8800}. */
    public String url() {
        return "http://" + config.host() + ":" + http.port();
    }

    /**
     * The platform's address for a process on this machine: {@link #url()}, with {@code 127.0.0.1} for a
     * platform listening on every interface (the AWS SDKs take container credentials from loopback only).
     */
    String loopbackUrl() {
        String h = config.host().strip();
        boolean wildcard = h.equals("0.0.0.0") || h.equals("::") || h.equals("[::]") || h.equals("0:0:0:0:0:0:0:0");
        return wildcard ? "http://127.0.0.1:" + http.port() : url();
    }

    /**
     * The environment that gives a process in a container job {@code modelId}'s S3 credentials through the
     * AWS SDKs' container-credentials provider, for a day (docs/local-platform.md, "Container credentials").
     *
     * @throws IllegalArgumentException when there is no such model
     */
    public ContainerCredentials containerCredentials(String modelId) {
        return containers.issue(modelId, ContainerCredentialRoutes.DEFAULT_VALIDITY);
    }

    /** {@link #containerCredentials(String)} with a token valid for {@code validFor} (1 minute to 30 days). */
    public ContainerCredentials containerCredentials(String modelId, java.time.Duration validFor) {
        return containers.issue(modelId, validFor);
    }

    /**
     * Ends every S3 credential handed out for job {@code modelId} now, as if their 12 hours had passed: S3
     * answers their requests {@code 400 ExpiredToken}, as AWS does, until the job asks for new ones. For
     * drills and tests of a job's refresh.
     */
    public void expireCredentials(String modelId) {
        s3.expire(modelId);
    }

    /**
     * The access token of the user's web API calls ({@code Authorization: Bearer …}), the same for every
     * start on this root: save it for the CLI with {@link PlatformTokens#save}; never print it.
     */
    public Secret accessToken() {
        return token.secret();
    }

    /**
     * The link that logs a browser in to the pages ({@code <url>/?token=…}: sets the session cookie and
     * redirects to {@code /}). It holds the token: show it only to the user.
     */
    public Secret loginLink() {
        return Secret.of(url() + "/?" + WebAccess.LOGIN_PARAM + "=" + token.secret().reveal());
    }

    /** The web API of this platform as its user: {@link PlatformApi} with its access token. */
    public PlatformApi api() {
        return PlatformApi.connect(url(), token.secret());
    }

    /**
     * How long the login sessions made from now on last ({@code POST /api/account/token}; 60 minutes, the real
     * platform's, by default). For tests of what a client does when its session ends.
     */
    public LocalPlatform sessionLifetime(java.time.Duration lifetime) {
        if (lifetime.isNegative()) {
            throw new IllegalArgumentException("A session lifetime cannot be negative: " + lifetime);
        }
        sessions.lifetime(lifetime);
        return this;
    }

    /** The S3 server's address. */
    public URI s3Endpoint() {
        return s3.endpoint();
    }

    /** {@code s3://<bucket>}: where job folders and datasets live. */
    public String dataBucket() {
        return "s3://" + config.bucket();
    }

    public Path root() {
        return config.root().toAbsolutePath();
    }

    /** Requests the S3 server has answered. */
    public S3Stats s3Stats() {
        return s3.stats();
    }

    PlatformStore store() {
        return store;
    }

    /** The S3 server, for tests that write many objects in process. */
    S3Server s3() {
        return s3;
    }

    @Override
    public void close() {
        http.stop();
        routes.close(); // saves the runs index for the next start
        try {
            s3.close();
        } catch (RuntimeException e) {
            LOG.warn("Stopping the local S3 server: {}", e.toString());
        }
    }

    @Override
    public String toString() {
        return "LocalPlatform[" + url() + ", s3=" + s3.endpoint() + ", root=" + root() + "]";
    }
}
