package ai.brevetti.testing;

import ai.brevetti.io.S3Access;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * A real S3-compatible server (S3Proxy, filesystem store) on loopback with one bucket and static keys,
 * for tests of the S3 client. Uploads can be slowed down so a test can stop the server in the middle.
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

    private S3TestServer(Path dir, int port) throws Exception {
        this.dir = dir;
        BlobStore base = new FilesystemNio2BlobStore(dir.toString());
        this.store = new ForwardingBlobStore(base) {
            @Override
            public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
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

    /** From now on uploads read slowly and {@link #awaitUpload()} returns once one has begun. */
    public void slowUploads() {
        uploadStarted = new CountDownLatch(1);
        slowUploads = true;
    }

    public void awaitUpload() throws InterruptedException {
        uploadStarted.await();
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
