package ai.brevetti.localplatform;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import org.gaul.s3proxy.S3ErrorCode;
import org.gaul.s3proxy.S3ProxyException;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.CreateBucketResponse;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.DeleteBucketEncryptionRequest;
import software.amazon.awssdk.services.s3.model.DeleteBucketEncryptionResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.GetBucketAclRequest;
import software.amazon.awssdk.services.s3.model.GetBucketAclResponse;
import software.amazon.awssdk.services.s3.model.GetBucketEncryptionRequest;
import software.amazon.awssdk.services.s3.model.GetBucketEncryptionResponse;
import software.amazon.awssdk.services.s3.model.GetBucketVersioningRequest;
import software.amazon.awssdk.services.s3.model.GetBucketVersioningResponse;
import software.amazon.awssdk.services.s3.model.GetObjectAclRequest;
import software.amazon.awssdk.services.s3.model.GetObjectAclResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListBucketsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.PutBucketEncryptionRequest;
import software.amazon.awssdk.services.s3.model.PutBucketEncryptionResponse;
import software.amazon.awssdk.services.s3.model.PutBucketVersioningRequest;
import software.amazon.awssdk.services.s3.model.PutBucketVersioningResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartCopyRequest;
import software.amazon.awssdk.services.s3.model.UploadPartCopyResponse;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * The data bucket as one {@link S3Grant} may see it: reads and listings inside its readable prefixes,
 * writes inside its writable ones, nothing else (403 AccessDenied), like the platform's STS policies.
 * Every key is first held to {@link ObjectKey}'s rule, so the key a grant checks is the file the store
 * touches. Every method of S3Proxy's {@link BlobStore} is decided here (S3IsolationTest checks that none
 * passes through unseen): object calls are checked by key, bucket-level changes are refused, and S3Proxy's
 * own multipart stubs are allowed to whoever may write the upload's key ({@link PendingUploads}).
 */
final class ScopedBlobStore extends ForwardingBlobStore {
    private final String bucket;
    private final S3Grant grant;
    private final PendingUploads uploads;

    ScopedBlobStore(BlobStore store, String bucket, S3Grant grant, PendingUploads uploads) {
        super(store);
        this.bucket = bucket;
        this.grant = grant;
        this.uploads = uploads;
    }

    // ---- the checks

    /**
     * A grant past its expiry gets AWS's answer to expired temporary credentials, {@code 400 ExpiredToken},
     * for every request (S3Proxy has checked the signature first): the client knows to fetch new ones.
     */
    private void live() {
        if (grant.expired(Instant.now())) {
            throw expiredToken();
        }
    }

    static S3Exception expiredToken() {
        String message = "The provided token has expired.";
        return (S3Exception) S3Exception.builder().statusCode(400).message(message)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ExpiredToken").errorMessage(message).serviceName("S3").build())
                .build();
    }

    private void read(String container, String key) {
        checkKey(container, key, "read");
        if (!grant.canRead(key) && !stubOfOwnUpload(key)) {
            throw denied("read " + container + "/" + ObjectKey.printable(key));
        }
    }

    private void write(String container, String key) {
        checkKey(container, key, "write");
        if (!grant.canWrite(key) && !stubOfOwnUpload(key)) {
            throw denied("write " + container + "/" + ObjectKey.printable(key));
        }
    }

    private void checkKey(String container, String key, String what) {
        live();
        if (!bucket.equals(container)) {
            throw denied(what + " in bucket " + container);
        }
        ObjectKey.problem(key).ifPresent(p -> {
            throw denied(what + " it: " + p);
        });
    }

    /** S3Proxy's stub of an upload started through a grant that may write the upload's key. */
    private boolean stubOfOwnUpload(String key) {
        return uploads.keyOfStub(key).filter(grant::canWrite).isPresent();
    }

    /** AccessDenied, or ExpiredToken when the grant has expired (as AWS checks the token before the policy). */
    private S3Exception denied(String what) {
        live();
        return new S3ProxyException(S3ErrorCode.ACCESS_DENIED, "These credentials may not " + what);
    }

    // ---- listings

    @Override
    public ListObjectsV2Response list(ListObjectsV2Request request) {
        live();
        String prefix = request.prefix() == null ? "" : request.prefix();
        if (!bucket.equals(request.bucket())) {
            throw denied("list bucket " + request.bucket());
        }
        ObjectKey.prefixProblem(prefix).ifPresent(p -> {
            throw denied("list " + p);
        });
        if (!grant.canList(prefix)) {
            throw denied("list " + request.bucket() + "/" + ObjectKey.printable(prefix));
        }
        // a prefix without its '/' also matches longer names: answer only what the grant may read
        ListObjectsV2Response page = super.list(request);
        return page.toBuilder()
                .contents(page.contents().stream().filter(o -> grant.canRead(o.key())).toList())
                .commonPrefixes(page.commonPrefixes().stream().filter(p -> grant.canRead(p.prefix())).toList())
                .build();
    }

    @Override
    public ListBucketsResponse list() {
        throw denied("list buckets");
    }

    @Override
    public ListObjectVersionsResponse listVersions(ListObjectVersionsRequest request) {
        throw denied("list object versions");
    }

    @Override
    public List<software.amazon.awssdk.services.s3.model.MultipartUpload> listMultipartUploads(String container) {
        throw denied("list the multipart uploads of " + container);
    }

    // ---- the bucket

    @Override
    public HeadBucketResponse headBucket(HeadBucketRequest request) {
        live();
        if (!bucket.equals(request.bucket())) {
            throw denied("see bucket " + request.bucket());
        }
        return super.headBucket(request);
    }

    @Override
    public CreateBucketResponse createContainer(CreateBucketRequest request) {
        throw denied("create buckets");
    }

    @Override
    public BucketCannedACL getContainerAccess(String container) {
        throw denied("read bucket access");
    }

    @Override
    public GetBucketAclResponse getContainerAcl(GetBucketAclRequest request) {
        throw denied("read bucket access");
    }

    @Override
    public void setContainerAccess(String container, BucketCannedACL access) {
        throw denied("change bucket access");
    }

    @Override
    public void clearContainer(ListObjectsV2Request request) {
        throw denied("clear buckets");
    }

    @Override
    public void deleteContainer(String container) {
        throw denied("delete buckets");
    }

    @Override
    public void deleteBucket(String container) {
        throw denied("delete buckets");
    }

    @Override
    public GetBucketVersioningResponse getBucketVersioning(GetBucketVersioningRequest request) {
        throw denied("read bucket versioning");
    }

    @Override
    public PutBucketVersioningResponse putBucketVersioning(PutBucketVersioningRequest request) {
        throw denied("change bucket versioning");
    }

    @Override
    public GetBucketEncryptionResponse getBucketEncryption(GetBucketEncryptionRequest request) {
        throw denied("read bucket encryption");
    }

    @Override
    public PutBucketEncryptionResponse putBucketEncryption(PutBucketEncryptionRequest request) {
        throw denied("change bucket encryption");
    }

    @Override
    public DeleteBucketEncryptionResponse deleteBucketEncryption(DeleteBucketEncryptionRequest request) {
        throw denied("change bucket encryption");
    }

    /** The grant's view does not own the store: the server closes it. */
    @Override
    public void close() {
    }

    // ---- objects

    @Override
    public boolean blobExists(String container, String key) {
        read(container, key);
        return super.blobExists(container, key);
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
        write(request.bucket(), request.key());
        return super.putBlob(request, content);
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        read(request.sourceBucket(), request.sourceKey());
        write(request.destinationBucket(), request.destinationKey());
        return super.copyBlob(request);
    }

    @Override
    public HeadObjectResponse blobMetadata(HeadObjectRequest request) {
        read(request.bucket(), request.key());
        return super.blobMetadata(request);
    }

    @Override
    public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest request) {
        read(request.bucket(), request.key());
        return super.getBlob(request);
    }

    @Override
    public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
        write(request.bucket(), request.key());
        DeleteObjectResponse response = super.removeBlob(request);
        uploads.ended(request.key());
        return response;
    }

    @Override
    public ObjectCannedACL getBlobAccess(String container, String key) {
        read(container, key);
        return super.getBlobAccess(container, key);
    }

    @Override
    public ObjectCannedACL getBlobAccess(String container, String key, String versionId) {
        read(container, key);
        return super.getBlobAccess(container, key, versionId);
    }

    @Override
    public GetObjectAclResponse getBlobAcl(GetObjectAclRequest request) {
        read(request.bucket(), request.key());
        return super.getBlobAcl(request);
    }

    @Override
    public void setBlobAccess(String container, String key, ObjectCannedACL access) {
        write(container, key);
        super.setBlobAccess(container, key, access);
    }

    @Override
    public void setBlobAccess(String container, String key, ObjectCannedACL access, String versionId) {
        write(container, key);
        super.setBlobAccess(container, key, access, versionId);
    }

    // ---- multipart uploads

    @Override
    public MultipartUpload initiateMultipartUpload(CreateMultipartUploadRequest request) {
        write(request.bucket(), request.key());
        MultipartUpload upload = super.initiateMultipartUpload(request);
        uploads.started(upload.id(), request.key());
        return upload;
    }

    @Override
    public void abortMultipartUpload(MultipartUpload upload) {
        write(upload.containerName(), upload.blobName());
        super.abortMultipartUpload(upload);
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload,
                                                                   CompleteMultipartUploadRequest request) {
        write(upload.containerName(), upload.blobName());
        return super.completeMultipartUpload(upload, request);
    }

    @Override
    public UploadPartResponse uploadMultipartPart(MultipartUpload upload, UploadPartRequest request, InputStream content) {
        write(upload.containerName(), upload.blobName());
        return super.uploadMultipartPart(upload, request, content);
    }

    /** Part copies go through {@link #getBlob} and {@link #uploadMultipartPart}, each checked. */
    @Override
    public boolean supportsCopyMultipartPart() {
        return false;
    }

    @Override
    public UploadPartCopyResponse copyMultipartPart(MultipartUpload upload, UploadPartCopyRequest request) {
        throw denied("copy parts on the server");
    }

    @Override
    public List<Part> listMultipartUpload(MultipartUpload upload) {
        write(upload.containerName(), upload.blobName());
        return super.listMultipartUpload(upload);
    }
}
