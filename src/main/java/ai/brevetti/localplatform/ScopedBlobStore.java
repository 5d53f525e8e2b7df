package ai.brevetti.localplatform;

import java.io.InputStream;
import java.util.List;
import org.gaul.s3proxy.S3ErrorCode;
import org.gaul.s3proxy.S3ProxyException;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.CreateBucketResponse;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * The data bucket as one {@link S3Grant} may see it: reads and listings inside its readable prefixes,
 * writes inside its writable ones, nothing else (403 AccessDenied), like the platform's STS policies.
 */
final class ScopedBlobStore extends ForwardingBlobStore {
    private final String bucket;
    private final S3Grant grant;

    ScopedBlobStore(BlobStore store, String bucket, S3Grant grant) {
        super(store);
        this.bucket = bucket;
        this.grant = grant;
    }

    private void read(String container, String key) {
        if (!bucket.equals(container) || !grant.canRead(key)) {
            throw new S3ProxyException(S3ErrorCode.ACCESS_DENIED, "These credentials may not read " + container + "/" + key);
        }
    }

    private void write(String container, String key) {
        if (!bucket.equals(container) || !grant.canWrite(key)) {
            throw new S3ProxyException(S3ErrorCode.ACCESS_DENIED, "These credentials may not write " + container + "/" + key);
        }
    }

    private static S3ProxyException denied(String what) {
        return new S3ProxyException(S3ErrorCode.ACCESS_DENIED, "These credentials may not " + what);
    }

    @Override
    public ListObjectsV2Response list(ListObjectsV2Request request) {
        if (!bucket.equals(request.bucket()) || !grant.canList(request.prefix())) {
            throw denied("list " + request.bucket() + "/" + (request.prefix() == null ? "" : request.prefix()));
        }
        return super.list(request);
    }

    @Override
    public CreateBucketResponse createContainer(CreateBucketRequest request) {
        throw denied("create buckets");
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
        return super.removeBlob(request);
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

    @Override
    public MultipartUpload initiateMultipartUpload(CreateMultipartUploadRequest request) {
        write(request.bucket(), request.key());
        return super.initiateMultipartUpload(request);
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

    @Override
    public List<Part> listMultipartUpload(MultipartUpload upload) {
        write(upload.containerName(), upload.blobName());
        return super.listMultipartUpload(upload);
    }

    @Override
    public List<software.amazon.awssdk.services.s3.model.MultipartUpload> listMultipartUploads(String container) {
        throw denied("list the multipart uploads of " + container);
    }
}
