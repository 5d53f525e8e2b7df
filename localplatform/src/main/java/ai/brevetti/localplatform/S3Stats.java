package ai.brevetti.localplatform;

import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/** What the local S3 server was asked: GET, HEAD, PUT and LIST requests, GETs also per key. */
public final class S3Stats {
    private final LongAdder gets = new LongAdder();
    private final LongAdder heads = new LongAdder();
    private final LongAdder puts = new LongAdder();
    private final LongAdder lists = new LongAdder();
    private final Map<String, LongAdder> getsByKey = new ConcurrentHashMap<>();

    public long gets() {
        return gets.sum();
    }

    /** GET requests for {@code bucket/key}. */
    public long gets(String bucket, String key) {
        LongAdder n = getsByKey.get(bucket + "/" + key);
        return n == null ? 0 : n.sum();
    }

    public long heads() {
        return heads.sum();
    }

    public long puts() {
        return puts.sum();
    }

    public long lists() {
        return lists.sum();
    }

    @Override
    public String toString() {
        return "S3Stats[gets=" + gets() + ", heads=" + heads() + ", puts=" + puts() + ", lists=" + lists() + "]";
    }

    /** The store with every request counted. */
    BlobStore counting(BlobStore store) {
        return new ForwardingBlobStore(store) {
            @Override
            public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest request) {
                gets.increment();
                getsByKey.computeIfAbsent(request.bucket() + "/" + request.key(), k -> new LongAdder()).increment();
                return super.getBlob(request);
            }

            @Override
            public HeadObjectResponse blobMetadata(HeadObjectRequest request) {
                heads.increment();
                return super.blobMetadata(request);
            }

            @Override
            public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
                puts.increment();
                return super.putBlob(request, content);
            }

            @Override
            public ListObjectsV2Response list(ListObjectsV2Request request) {
                lists.increment();
                return super.list(request);
            }
        };
    }
}
