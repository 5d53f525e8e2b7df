package ai.brevetti.localplatform;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.gaul.s3proxy.AccessGrant;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The local platform's S3 API: S3Proxy's filesystem store over {@code <root>/s3} on loopback, one data
 * bucket, and temporary credentials ({@link S3Grant}) that each reach only what their job or dataset may.
 */
final class S3Server implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration GRANT_LIFETIME = Duration.ofHours(12);

    private final String bucket;
    private final BlobStore store;
    private final S3Proxy proxy;
    private final S3Stats stats;
    private final Map<String, S3Grant> grants = new ConcurrentHashMap<>();
    private final PendingUploads uploads;
    private volatile URI endpoint;
    private Path bucketDir;

    private S3Server(String bucket, BlobStore store, S3Proxy proxy, S3Stats stats, PendingUploads uploads) {
        this.bucket = bucket;
        this.store = store;
        this.proxy = proxy;
        this.stats = stats;
        this.uploads = uploads;
    }

    /** Starts the server on {@code host:port} (0: any free port) over {@code dataDir}. */
    static S3Server start(Path dataDir, String bucket, String host, int port) throws Exception {
        Files.createDirectories(dataDir);
        // writes are journaled next to the data folder; what a killed platform left is removed first
        Path journal = dataDir.resolveSibling(dataDir.getFileName() + "-writes");
        JournaledBlobStore.recover(dataDir.resolve(bucket), journal);
        S3Stats stats = new S3Stats();
        BlobStore base = stats.counting(new JournaledBlobStore(new FilesystemNio2BlobStore(dataDir.toString()), bucket, journal));
        // The master identity is never handed out: every request must come with a grant's keys. A request
        // without any (S3Proxy's anonymous path) sees the store through a grant of nothing.
        String masterId = "LOCALMASTER" + token(8);
        PendingUploads uploads = new PendingUploads();
        S3Grant nothing = new S3Grant("", "", "", "anonymous", List.of(), List.of(), Instant.MAX);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new ScopedBlobStore(base, bucket, nothing, uploads))
                .endpoint(URI.create("http://" + host + ":" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, masterId, token(32))
                .ignoreUnknownHeaders(true)
                .stopTimeout(0)
                .build();
        S3Server server = new S3Server(bucket, base, proxy, stats, uploads);
        server.bucketDir = dataDir.resolve(bucket);
        proxy.setBlobStoreLocator((identity, container, blob) -> server.locate(identity));
        proxy.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!"STARTED".equals(proxy.getState())) {
            if ("FAILED".equals(proxy.getState()) || System.nanoTime() > deadline) {
                proxy.stop();
                throw new IOException("The local S3 server did not start on " + host + ":" + port
                        + " (state " + proxy.getState() + "); is the port in use? Pick another with --s3-port.");
            }
            Thread.sleep(10);
        }
        server.endpoint = URI.create("http://" + host + ":" + proxy.getPort());
        server.createBucket();
        return server;
    }

    private void createBucket() {
        try {
            store.headBucket(HeadBucketRequest.builder().bucket(bucket).build());
        } catch (RuntimeException missing) {
            store.createContainer(CreateBucketRequest.builder().bucket(bucket).build());
        }
    }

    private AccessGrant locate(String identity) {
        S3Grant grant = identity == null ? null : grants.get(identity);
        if (grant == null) {
            return null;
        }
        // an expired grant is still located: its view answers every request ExpiredToken (after the signature check)
        return new AccessGrant(grant.secret(), new ScopedBlobStore(store, bucket, grant, uploads));
    }

    URI endpoint() {
        return endpoint;
    }

    String bucket() {
        return bucket;
    }

    S3Stats stats() {
        return stats;
    }

    /** New temporary credentials reading {@code read} and writing {@code write} prefixes. */
    S3Grant grant(String owner, List<String> read, List<String> write) {
        S3Grant grant = new S3Grant("ASIA" + token(8).toUpperCase(), token(20), token(32), owner, read, write,
                Instant.now().plus(GRANT_LIFETIME));
        grants.put(grant.accessKeyId(), grant);
        return grant;
    }

    /** Ends every grant of {@code owner} now (as if its lifetime had passed). */
    void expire(String owner) {
        Instant now = Instant.now().minusMillis(1);
        grants.replaceAll((id, g) -> g.owner().equals(owner) ? g.expiringAt(now) : g);
    }

    /** Takes write access (and dataset access) from every grant of {@code owner}: a completed job. */
    void revokeWrites(String owner) {
        grants.replaceAll((id, g) -> g.owner().equals(owner) ? g.readOnly() : g);
    }

    // ---- the platform's own access, in process: keys are held to ObjectKey's rule like a grant's

    /** Writes {@code key}; an {@link IllegalArgumentException} when it is not a valid key ({@link ObjectKey}). */
    void put(String key, byte[] content, String contentType) {
        store.putBlob(PutObjectRequest.builder().bucket(bucket).key(ObjectKey.require(key)).contentLength((long) content.length)
                .contentType(contentType).metadata(Map.of("md5", md5(content))).build(), new ByteArrayInputStream(content));
    }

    /** Deletes {@code key} (nothing when there is no such object). */
    void remove(String key) {
        store.removeBlob(software.amazon.awssdk.services.s3.model.DeleteObjectRequest.builder().bucket(bucket)
                .key(ObjectKey.require(key)).build());
    }

    Optional<byte[]> get(String key) {
        try (InputStream in = open(key).orElse(null)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Reads {@code key}, empty when there is no such object; an {@link IllegalArgumentException} when it is not a valid key. */
    Optional<ResponseInputStream<GetObjectResponse>> open(String key) {
        ObjectKey.require(key);
        try {
            return Optional.of(store.getBlob(software.amazon.awssdk.services.s3.model.GetObjectRequest.builder()
                    .bucket(bucket).key(key).build()));
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * The file that holds {@code key} in the filesystem store (it may not exist): for a cheap check whether an
     * object changed (its time, size and inode) without reading it. Read its content with {@link #get}.
     */
    Path file(String key) {
        return bucketDir.resolve(ObjectKey.require(key));
    }

    /** Every object under {@code prefix}, in key order; an {@link IllegalArgumentException} when it is not a valid prefix. */
    List<S3Object> list(String prefix) {
        ObjectKey.requirePrefix(prefix);
        List<S3Object> all = new java.util.ArrayList<>();
        String token = null;
        do {
            ListObjectsV2Response page = store.list(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix)
                    .continuationToken(token).build());
            all.addAll(page.contents());
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        return all;
    }

    static String md5(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String token(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Stopping the local S3 server failed: " + e.getMessage(), e);
        } finally {
            store.close();
        }
    }
}
