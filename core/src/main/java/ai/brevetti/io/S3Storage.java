package ai.brevetti.io;

import ai.brevetti.internal.RetryWindow;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLConnection;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * {@code s3://bucket/key} through the AWS SDK for Java v2. Paths are served through routes: a prefix and
 * where its {@link S3Access} comes from (a job's or dataset's temporary credentials from the platform,
 * static keys, a provider of the user's, the AWS default chain); the longest matching prefix wins, and
 * {@value #ANY} serves every S3 path no longer route does (every {@link IoTools} has that route, with
 * {@link S3Access#defaultChain()}). When S3 answers that the credentials expired ({@code ExpiredToken} and
 * its kin), the route's credentials are fetched again once and the call is tried once more; temporary ones
 * are renewed a minute before they expire. Every call is retried by the SDK on connection failures, 5xx
 * and throttling ({@link #retryStrategy()}); idempotent writes also through an outage of up to 30 s. Uploads
 * carry the {@code md5} metadata of their content.
 */
public final class S3Storage implements StorageBackend, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(S3Storage.class);
    private static final Pattern PLAIN_MD5 = Pattern.compile("[0-9a-f]{32}");
    private static final int DELETE_BATCH = 1000;
    /** The system property with the most attempts of one S3 call. */
    public static final String ATTEMPTS_PROPERTY = "brevettiai.s3.maxAttempts";
    static final int DEFAULT_ATTEMPTS = 5;
    /** Temporary credentials are renewed this long before they expire. */
    static final Duration REFRESH_AHEAD = Duration.ofMinutes(1);
    /** The catch-all route's prefix: every S3 path no longer route serves. */
    public static final String ANY = "s3://";

    /** One prefix and its client, made lazily and remade when credentials expire. */
    private static final class Route {
        final String prefix;
        final Supplier<S3Access> access;
        volatile S3Client client;
        volatile S3Access current;

        Route(String prefix, Supplier<S3Access> access) {
            this.prefix = prefix;
            this.access = access;
        }

        /**
         * The client; made with new credentials first when the current ones expire within a minute (when
         * asking fails while they still hold, the current client goes on).
         */
        synchronized S3Client client() {
            if (client != null && expiresWithin(REFRESH_AHEAD)) {
                try {
                    S3Access fresh = access.get();
                    S3Client stale = client;
                    current = fresh;
                    client = build(fresh);
                    stale.close();
                } catch (RuntimeException e) {
                    if (expiresWithin(Duration.ZERO)) {
                        throw e;
                    }
                    LOG.warn("Renewing the S3 credentials for {} before they expire failed ({}); using them until then", prefix, e.getMessage());
                }
            }
            if (client == null) {
                current = access.get();
                client = build(current);
            }
            return client;
        }

        boolean expiresWithin(Duration ahead) {
            S3Access a = current;
            return a != null && a.expiration().map(e -> !Instant.now().plus(ahead).isBefore(e)).orElse(false);
        }

        synchronized void refresh(S3Client stale) {
            if (client == stale) {
                client = null;
                stale.close();
            }
        }

        String endpoint() {
            S3Access a = current;
            return a == null ? "S3" : a.endpoint().map(Object::toString).orElse("AWS S3 (" + a.region() + ")");
        }
    }

    private final List<Route> routes = new CopyOnWriteArrayList<>();

    /** Serves paths starting with {@code prefix} (e.g. {@code s3://bucket/job-id}) with {@code access}. */
    public S3Storage route(String prefix, Supplier<S3Access> access) {
        routes.removeIf(r -> r.prefix.equals(prefix));
        routes.add(new Route(prefix, access));
        return this;
    }

    public S3Storage route(String prefix, S3Access access) {
        return route(prefix, () -> access);
    }

    /** True when some route serves {@code prefix}. */
    public boolean hasRoute(String prefix) {
        return routes.stream().anyMatch(r -> r.prefix.equals(prefix));
    }

    /** Adds the route only when none serves exactly {@code prefix} yet. */
    public S3Storage routeIfAbsent(String prefix, Supplier<S3Access> access) {
        if (!hasRoute(prefix)) {
            route(prefix, access);
        }
        return this;
    }

    /** True when a route for a bucket or folder (not the catch-all {@value #ANY}) serves {@code path}. */
    public boolean hasRouteFor(String path) {
        return routeFor(path).filter(r -> !r.prefix.equals(ANY)).isPresent();
    }

    private static S3Client build(S3Access access) {
        return clientBuilder(access).build();
    }

    /**
     * The client for {@code access}: its credentials, region and addressing; AWS's own endpoints with
     * cross-region access (a bucket in another region is found through S3's redirect); the retries of
     * {@link #retryStrategy()}; 5 s to connect, 60 s between bytes. {@code interceptors} see every request
     * (tests capture the URL).
     */
    static S3ClientBuilder clientBuilder(S3Access access, ExecutionInterceptor... interceptors) {
        boolean aws = access.endpoint().map(S3Access::isAws).orElse(true);
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(access.region()))
                .credentialsProvider(access.credentials())
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(access.pathStyle()).build())
                .crossRegionAccessEnabled(aws)
                .overrideConfiguration(o -> {
                    o.retryStrategy(retryStrategy());
                    for (ExecutionInterceptor interceptor : interceptors) {
                        o.addExecutionInterceptor(interceptor);
                    }
                })
                .httpClientBuilder(Apache5HttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(60)));
        access.endpoint().ifPresent(builder::endpointOverride);
        return builder;
    }

    /**
     * How every S3 call is retried, reads included: the SDK's standard strategy (connection failures and
     * resets, 5xx, 408, 429, throttling such as {@code SlowDown}, clock skew), at most {@value #ATTEMPTS_PROPERTY}
     * attempts (default {@value #DEFAULT_ATTEMPTS}, as the Python SDK's five tries), pauses of full jitter
     * doubling from 100 ms up to 2 s (throttling: from 500 ms up to 5 s), no circuit breaker (each call's
     * retries are bounded; a job reading many files in parallel should not fail at once because others were
     * throttled). A dead endpoint fails within about 2 s.
     */
    static RetryStrategy retryStrategy() {
        int attempts = Math.max(1, Integer.getInteger(ATTEMPTS_PROPERTY, DEFAULT_ATTEMPTS));
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(attempts)
                .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(100), Duration.ofSeconds(2)))
                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(500), Duration.ofSeconds(5)))
                .circuitBreakerEnabled(false)
                .build();
    }

    private Optional<Route> routeFor(String path) {
        Route best = null;
        for (Route r : routes) {
            if (matches(path, r.prefix) && (best == null || r.prefix.length() > best.prefix.length())) {
                best = r;
            }
        }
        return Optional.ofNullable(best);
    }

    private static boolean matches(String path, String prefix) {
        if (!path.startsWith(prefix)) {
            return false;
        }
        return path.length() == prefix.length() || prefix.endsWith("/") || path.charAt(prefix.length()) == '/'
                || prefix.equals("s3://");
    }

    @Override
    public boolean handles(String path) {
        return path.startsWith("s3://") && routeFor(path).isPresent();
    }

    @Override
    public boolean isRemote() {
        return true;
    }

    /** Bucket and key of an {@code s3://} path. */
    record Location(String bucket, String key) {
        static Location of(String path) {
            if (!path.startsWith("s3://")) {
                throw new IllegalArgumentException("Not an S3 path: '" + path + "'");
            }
            String rest = path.substring(5);
            int slash = rest.indexOf('/');
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            String key = slash < 0 ? "" : rest.substring(slash + 1);
            if (bucket.isEmpty()) {
                throw new IllegalArgumentException("S3 path '" + path + "' names no bucket");
            }
            return new Location(bucket, key);
        }

        String path() {
            return "s3://" + bucket + "/" + key;
        }
    }

    /**
     * {@link #call} for an idempotent write (a PUT of the same bytes, a copy): a connection failure or a
     * 5xx/408/429 answer is tried again with backoff within the job retry window ({@link RetryWindow#forJobs()},
     * 30 s), so a platform restart of a few seconds does not fail the job. Other answers are final.
     */
    private <T> T callIdempotent(String path, String action, Function<S3Client, T> call) {
        RetryWindow.Attempts attempts = null;
        while (true) {
            try {
                return call(path, action, call);
            } catch (StorageException e) {
                if (!isTransient(e)) {
                    throw e;
                }
                if (attempts == null) {
                    RetryWindow window = RetryWindow.forJobs();
                    attempts = window.start();
                    if (!window.window().isZero()) {
                        LOG.warn("{}; retrying for up to {} s", e.getMessage(), window.window().toSeconds());
                    }
                }
                try {
                    if (!attempts.pauseBeforeNext()) {
                        throw e;
                    }
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** A failure that may pass: S3 could not be reached, or answered 5xx, 408 or 429 (never a path without credentials). */
    private static boolean isTransient(StorageException e) {
        if (noCredentials(e).isPresent()) {
            return false; // no credentials for the path is final: waiting does not bring any
        }
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof S3Exception s) {
                int code = s.statusCode();
                return code >= 500 || code == 408 || code == 429;
            }
            if (c instanceof SdkClientException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs {@code call} with the route's client. When S3 says the credentials expired or are not (any more)
     * valid, the route's credentials are fetched again once and the call is tried once more.
     */
    private <T> T call(String path, String action, Function<S3Client, T> call) {
        Route route = routeFor(path).orElseThrow(() -> new StorageException(path,
                "No S3 access is configured for '" + path + "'; open it through a job or add a route with S3Storage.route"));
        S3Client client;
        try {
            client = route.client();
        } catch (RuntimeException e) {
            throw new StorageException(path, "Cannot " + action + " '" + path + "': getting S3 credentials failed: " + e.getMessage(),
                    new IOException(e));
        }
        try {
            return call.apply(client);
        } catch (S3Exception e) {
            if (!credentialsExpired(e, route)) {
                throw failure(action, path, route, e);
            }
            LOG.info("S3 refused the credentials for {} ({}); fetching new ones", route.prefix, errorCode(e));
            route.refresh(client);
            try {
                return call.apply(route.client());
            } catch (SdkException retry) {
                retry.addSuppressed(e);
                throw failure(action, path, route, retry);
            } catch (RuntimeException fetch) {
                throw new StorageException(path, "Cannot " + action + " '" + path + "': S3 answered " + e.statusCode() + " " + errorCode(e)
                        + " and getting new S3 credentials failed: " + fetch.getMessage(), new IOException(fetch));
            }
        } catch (SdkException e) {
            throw failure(action, path, route, e);
        }
    }

    /**
     * S3's answers to credentials that expired or that it does not know (any more): {@code ExpiredToken},
     * {@code InvalidToken}, {@code TokenRefreshRequired}, {@code InvalidAccessKeyId} (a restarted local
     * platform forgot its grants), or a 403 when the route's temporary credentials are past their expiry.
     */
    private static boolean credentialsExpired(S3Exception e, Route route) {
        return switch (errorCode(e)) {
            case "ExpiredToken", "InvalidToken", "TokenRefreshRequired", "InvalidAccessKeyId" -> true;
            default -> e.statusCode() == 403 && route.expiresWithin(Duration.ZERO);
        };
    }

    private static String errorCode(S3Exception e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? "" : e.awsErrorDetails().errorCode();
    }

    private static StorageException failure(String action, String path, Route route, SdkException e) {
        String what = "Cannot " + action + " '" + path + "': ";
        if (e instanceof NoSuchKeyException || e instanceof S3Exception s && s.statusCode() == 404) {
            String code = e instanceof S3Exception s3 ? errorCode(s3) : "";
            return new StorageException(path, what + ("NoSuchBucket".equals(code) ? "the bucket does not exist" : "it does not exist"),
                    new IOException(e));
        }
        if (e instanceof S3Exception s && s.statusCode() == 403) {
            String code = errorCode(s).isEmpty() ? "AccessDenied" : errorCode(s);
            return new StorageException(path, what + "access denied (403 " + code + "); the credentials for this path do not allow it",
                    new IOException(e));
        }
        if (e instanceof S3Exception s) {
            String code = errorCode(s).isEmpty() ? "" : " " + errorCode(s);
            return new StorageException(path, what + "S3 answered " + s.statusCode() + code + attempts(e), new IOException(e));
        }
        Optional<String> none = noCredentials(e);
        if (none.isPresent()) {
            return new StorageException(path, what + "no AWS credentials for it (" + none.get() + "). Open it through a job with"
                    + " its API key, or give it credentials: io.routeS3(prefix, credentialsProvider, region)", new IOException(e));
        }
        if (e instanceof SdkClientException) {
            return new StorageException(path, what + "cannot reach " + route.endpoint() + " (" + firstLine(e.getMessage()) + ")"
                    + attempts(e), new IOException(e));
        }
        return new StorageException(path, what + firstLine(e.getMessage()), new IOException(e));
    }

    /** What the default chain tried, when {@code e} is its "no credentials" failure. */
    private static Optional<String> noCredentials(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            String m = c.getMessage();
            int at = m == null ? -1 : m.indexOf(AwsDefaultChain.NONE);
            if (at >= 0) {
                return Optional.of(m.substring(at + AwsDefaultChain.NONE.length()).replaceFirst("^; ", ""));
            }
            if (m != null && m.startsWith("Unable to load credentials")) {
                return Optional.of(firstLine(m));
            }
        }
        return Optional.empty();
    }

    /** ", after N attempts" when the SDK tried more than once. */
    private static String attempts(SdkException e) {
        int n = e.numAttempts() == null ? 1 : e.numAttempts();
        return n > 1 ? " after " + n + " attempts" : "";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    @Override
    public byte[] read(String path) {
        return readObject(path).content();
    }

    @Override
    public StoredBytes readObject(String path) {
        Location l = Location.of(path);
        return stored(call(path, "read", c -> c.getObjectAsBytes(b -> b.bucket(l.bucket()).key(l.key()))));
    }

    private static StoredBytes stored(ResponseBytes<GetObjectResponse> bytes) {
        return new StoredBytes(bytes.asByteArray(), Optional.ofNullable(bytes.response().eTag()).map(S3Storage::unquote));
    }

    @Override
    public InputStream open(String path) {
        Location l = Location.of(path);
        return call(path, "open", c -> c.getObject(b -> b.bucket(l.bucket()).key(l.key())));
    }

    /** One GET with {@code If-None-Match: "<etag>"}; S3's 304 Not Modified becomes empty. */
    @Override
    public Optional<StoredBytes> readIfNoneMatch(String path, String etag) {
        Location l = Location.of(path);
        String quoted = "\"" + unquote(etag) + "\"";
        return call(path, "read", c -> {
            try {
                return Optional.of(stored(c.getObjectAsBytes(b -> b.bucket(l.bucket()).key(l.key()).ifNoneMatch(quoted))));
            } catch (S3Exception e) {
                if (e.statusCode() == 304) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    @Override
    public void write(String path, byte[] content) {
        put(path, RequestBody.fromBytes(content), digest(content));
    }

    /** One PUT with the content's MD5 as Content-MD5 (checked by the server) and as {@code md5} metadata. */
    private void put(String path, RequestBody body, byte[] md5) {
        Location l = Location.of(path);
        if (l.key().isEmpty() || l.key().endsWith("/")) {
            throw new StorageException(path, "Cannot write '" + path + "': an S3 object needs a key that is not a folder");
        }
        String contentType = Optional.ofNullable(URLConnection.guessContentTypeFromName(l.key())).orElse("application/octet-stream");
        callIdempotent(path, "write", c -> c.putObject(b -> b.bucket(l.bucket()).key(l.key()).contentType(contentType)
                        .contentMD5(Base64.getEncoder().encodeToString(md5))
                        .metadata(Map.of("md5", HexFormat.of().formatHex(md5))),
                body));
    }

    /**
     * Streams {@code content} to a temporary file (computing its MD5 on the way), then uploads the file: memory
     * stays bounded, and S3 only ever shows the whole object.
     */
    @Override
    public void write(String path, InputStream content) {
        java.nio.file.Path spool = null;
        try {
            spool = java.nio.file.Files.createTempFile("brevettiai-upload-", ".part");
            MessageDigest digest = MessageDigest.getInstance("MD5");
            try (var out = java.nio.file.Files.newOutputStream(spool); var in = new DigestInputStream(content, digest)) {
                in.transferTo(out);
            }
            put(path, RequestBody.fromFile(spool), digest.digest());
        } catch (IOException e) {
            throw new StorageException(path, "Cannot write '" + path + "': reading the content failed: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            if (spool != null) {
                try {
                    java.nio.file.Files.deleteIfExists(spool);
                } catch (IOException ignored) {
                    // a temporary file left behind
                }
            }
        }
    }

    @Override
    public boolean exists(String path) {
        return isFile(path) || !list(path, false).findAny().isEmpty();
    }

    @Override
    public boolean isFile(String path) {
        Location l = Location.of(path);
        if (l.key().isEmpty()) {
            return false;
        }
        try {
            call(path, "look up", c -> c.headObject(b -> b.bucket(l.bucket()).key(l.key())));
            return true;
        } catch (StorageException e) {
            if (e.getMessage().endsWith("it does not exist") || e.getMessage().endsWith("the bucket does not exist")) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Stream<StorageObject> list(String prefix, boolean excludeHidden) {
        Location l = Location.of(prefix);
        String keyPrefix = l.key().isEmpty() || l.key().endsWith("/") ? l.key() : l.key() + "/";
        return pages(prefix, ListObjectsV2Request.builder().bucket(l.bucket()).prefix(keyPrefix).build())
                .flatMap(page -> page.contents().stream())
                .filter(o -> !excludeHidden || !hidden(o.key().substring(keyPrefix.length())))
                .map(o -> new StorageObject("s3://" + l.bucket() + "/" + o.key(), o.size(),
                        Optional.ofNullable(o.eTag()).map(S3Storage::unquote), o.lastModified()));
    }

    /**
     * The listing's pages, each asked for when the stream reaches it, each through {@link #call} (retries,
     * new credentials, errors naming the path); the first one at once, so a refused listing fails here.
     */
    private Stream<ListObjectsV2Response> pages(String prefix, ListObjectsV2Request first) {
        ListObjectsV2Response firstPage = call(prefix, "list", c -> c.listObjectsV2(first));
        return Stream.iterate(firstPage, Objects::nonNull, page -> Boolean.TRUE.equals(page.isTruncated())
                ? call(prefix, "list", c -> c.listObjectsV2(first.toBuilder().continuationToken(page.nextContinuationToken()).build()))
                : null);
    }

    private static boolean hidden(String relative) {
        for (String part : relative.split("/")) {
            if (part.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void copy(String source, String destination) {
        Location from = Location.of(source);
        Location to = Location.of(destination);
        if (routeFor(source).equals(routeFor(destination))) {
            callIdempotent(destination, "copy to", c -> c.copyObject(CopyObjectRequest.builder()
                    .sourceBucket(from.bucket()).sourceKey(from.key())
                    .destinationBucket(to.bucket()).destinationKey(to.key()).build()));
        } else {
            write(destination, read(source));
        }
    }

    @Override
    public void remove(String path) {
        Location l = Location.of(path);
        if (!l.key().isEmpty() && isFile(path)) {
            call(path, "remove", c -> c.deleteObject(b -> b.bucket(l.bucket()).key(l.key())));
            return;
        }
        List<ObjectIdentifier> batch = new ArrayList<>();
        try (Stream<StorageObject> objects = list(path, false)) {
            for (var it = objects.iterator(); it.hasNext(); ) {
                batch.add(ObjectIdentifier.builder().key(Location.of(it.next().path()).key()).build());
                if (batch.size() == DELETE_BATCH) {
                    deleteBatch(path, l.bucket(), batch);
                    batch.clear();
                }
            }
        }
        if (!batch.isEmpty()) {
            deleteBatch(path, l.bucket(), batch);
        }
    }

    private void deleteBatch(String path, String bucket, List<ObjectIdentifier> keys) {
        List<ObjectIdentifier> copy = List.copyOf(keys);
        call(path, "remove", c -> c.deleteObjects(b -> b.bucket(bucket).delete(Delete.builder().objects(copy).quiet(true).build())));
    }

    @Override
    public void makeDirs(String path) {
        // object stores have no folders
    }

    /**
     * The content's MD5: the {@code md5} metadata when present, else a plain-MD5 ETag, else computed from
     * the content (and written back as metadata when the credentials allow it).
     */
    @Override
    public String md5(String path) {
        Location l = Location.of(path);
        HeadObjectResponse head = call(path, "look up", c -> c.headObject(b -> b.bucket(l.bucket()).key(l.key())));
        String meta = head.metadata().get("md5");
        if (meta != null && PLAIN_MD5.matcher(meta).matches()) {
            return meta;
        }
        String etag = head.eTag() == null ? "" : unquote(head.eTag());
        if (PLAIN_MD5.matcher(etag).matches()) {
            return etag;
        }
        String md5;
        try (InputStream in = new DigestInputStream(open(path), MessageDigest.getInstance("MD5"))) {
            in.transferTo(OutputStreamSink.INSTANCE);
            md5 = HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new StorageException(path, "Cannot compute the MD5 of '" + path + "': " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try {
            Map<String, String> metadata = new java.util.HashMap<>(head.metadata());
            metadata.put("md5", md5);
            call(path, "update the metadata of", c -> c.copyObject(CopyObjectRequest.builder()
                    .sourceBucket(l.bucket()).sourceKey(l.key()).destinationBucket(l.bucket()).destinationKey(l.key())
                    .metadataDirective(MetadataDirective.REPLACE).contentType(head.contentType()).metadata(metadata).build()));
        } catch (StorageException e) {
            // read-only credentials: the MD5 is still right, only not remembered
        }
        return md5;
    }

    private static byte[] digest(byte[] content) {
        try {
            return MessageDigest.getInstance("MD5").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String unquote(String etag) {
        return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"") ? etag.substring(1, etag.length() - 1) : etag;
    }

    /** Closes every client. */
    @Override
    public void close() {
        for (Route r : routes) {
            S3Client c = r.client;
            if (c != null) {
                c.close();
            }
        }
    }

    @Override
    public String toString() {
        return "S3Storage" + routes.stream().map(r -> r.prefix).toList();
    }

    /** Discards bytes (for digesting a stream). */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
