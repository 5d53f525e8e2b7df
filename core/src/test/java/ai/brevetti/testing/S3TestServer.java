package ai.brevetti.testing;

import ai.brevetti.io.S3Access;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A real S3-compatible server (S3Proxy, filesystem store) on loopback with one bucket and static keys,
 * for tests of the S3 client. Uploads can be slowed down so a test can stop the server in the middle; a
 * download can be held so a test can act while it is in flight; GET and HEAD requests are counted; the next
 * requests can be answered with an S3 error ({@link #failNext}).
 */
public final class S3TestServer implements AutoCloseable {
    public static final String ACCESS_KEY = "test-access-key";
    public static final String SECRET_KEY = "test-secret-key-0123456789";
    public static final String BUCKET = "bkt";

    private final Path dir;
    private final S3Proxy proxy;
    private final int port;
    private final BlobStore store;
    private volatile CountDownLatch uploadStarted = new CountDownLatch(1);
    private volatile boolean slowUploads;
    private final AtomicLong gets = new AtomicLong();
    private final AtomicLong heads = new AtomicLong();
    private final AtomicReference<HeldDownload> held = new AtomicReference<>();
    private final AtomicReference<Failures> failures = new AtomicReference<>();

    private S3TestServer(Path dir, int port) throws Exception {
        this.dir = dir;
        BlobStore base = new FilesystemNio2BlobStore(dir.toString());
        this.store = new ForwardingBlobStore(base) {
            @Override
            public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
                failIfAsked();
                if (!slowUploads) {
                    return super.putBlob(request, content);
                }
                uploadStarted.countDown();
                return super.putBlob(request, new FilterInputStream(content) {
                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        try {
                            Thread.sleep(5);
                        } catch (InterruptedException e) {
                            throw new IOException(e);
                        }
                        return super.read(b, off, Math.min(len, 16 * 1024));
                    }
                });
            }

            @Override
            public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest request) {
                gets.incrementAndGet();
                failIfAsked();
                ResponseInputStream<GetObjectResponse> blob = super.getBlob(request);
                HeldDownload hold = held.getAndSet(null);
                return hold == null ? blob : new ResponseInputStream<>(blob.response(), hold.wrap(blob));
            }

            @Override
            public ListObjectsV2Response list(ListObjectsV2Request request) {
                failIfAsked();
                return super.list(request);
            }

            @Override
            public HeadObjectResponse blobMetadata(HeadObjectRequest request) {
                heads.incrementAndGet();
                failIfAsked();
                return super.blobMetadata(request);
            }
        };
        this.proxy = S3Proxy.builder().blobStore(store).endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .ignoreUnknownHeaders(true).stopTimeout(0).build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(5);
        }
        this.port = proxy.getPort();
        try {
            store.createContainer(CreateBucketRequest.builder().bucket(BUCKET).build());
        } catch (RuntimeException exists) {
            // restarted on the same folder
        }
    }

    public static S3TestServer start(Path dir) throws Exception {
        return new S3TestServer(dir, 0);
    }

    /** A new server on the same folder and port (after {@link #close}). */
    public S3TestServer restart() throws Exception {
        return new S3TestServer(dir, port);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public S3Access access() {
        return S3Access.of(endpoint(), ACCESS_KEY, SECRET_KEY);
    }

    public S3Access access(String accessKey, String secret) {
        return S3Access.of(endpoint(), accessKey, secret);
    }

    /** Answers still to fail: how many, with which status and S3 error code. */
    private record Failures(AtomicInteger left, int status, String code) {
    }

    /**
     * The next {@code count} object requests (GET, HEAD, PUT, LIST) are answered {@code status} with the S3 error
     * {@code code} (e.g. 503 {@code SlowDown}, 400 {@code ExpiredToken}), as S3 answers them; later ones normally.
     */
    public void failNext(int count, int status, String code) {
        failures.set(new Failures(new AtomicInteger(count), status, code));
    }

    private void failIfAsked() {
        Failures f = failures.get();
        if (f != null && f.left().getAndDecrement() > 0) {
            throw (S3Exception) S3Exception.builder().statusCode(f.status()).message(f.code())
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode(f.code()).errorMessage(f.code() + " (injected by the test)").build())
                    .build();
        }
    }

    /** From now on uploads read slowly and {@link #awaitUpload()} returns once one has begun. */
    public void slowUploads() {
        uploadStarted = new CountDownLatch(1);
        slowUploads = true;
    }

    public void awaitUpload() throws InterruptedException {
        uploadStarted.await();
    }

    /** GET requests answered with an object so far (a conditional GET answered 304 may or may not count: see the tests). */
    public long gets() {
        return gets.get();
    }

    public long heads() {
        return heads.get();
    }

    /**
     * The next download sends its response headers, then waits before its content until {@link HeldDownload#release}:
     * a test can act while it is in flight. The content is the object as it was when the download began.
     */
    public HeldDownload holdNextDownload() {
        HeldDownload hold = new HeldDownload();
        held.set(hold);
        return hold;
    }

    /** A download that waits for {@link #release}. */
    public static final class HeldDownload {
        private final CountDownLatch started = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        InputStream wrap(InputStream content) {
            started.countDown();
            return new FilterInputStream(content) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    try {
                        if (!released.await(30, TimeUnit.SECONDS)) {
                            throw new IOException("held download never released");
                        }
                    } catch (InterruptedException e) {
                        throw new IOException(e);
                    }
                    return super.read(b, off, len);
                }
            };
        }

        /** Waits until the held download has begun (its object opened on the server). */
        public void awaitStart() throws InterruptedException {
            if (!started.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no download began within 30 s");
            }
        }

        public void release() {
            released.countDown();
        }
    }

    @Override
    public void close() throws java.io.IOException {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new java.io.IOException("Stopping the test S3 server failed", e);
        }
    }
}
