package ai.brevetti.localplatform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * The data bucket with its writes journaled, so that what a killed platform leaves behind is found and
 * removed. S3Proxy's filesystem store writes an object {@code k} to a temporary file {@code k-<uuid>} next to
 * it and moves it into place: during the write that file sits in the folder the artifacts list shows, and
 * a kill leaves it there for good. Each write (put, copy, multipart completion) is recorded in a journal
 * folder outside the bucket before it starts and forgotten when it ends; listings leave out the temporary
 * files of writes in progress; {@link #recover} deletes, at start, the temporary files of the writes a
 * crash interrupted, and the multipart bookkeeping of uploads, which do not outlive the process.
 */
final class JournaledBlobStore extends ForwardingBlobStore {
    private static final Logger LOG = LoggerFactory.getLogger(LocalPlatform.class);
    private static final String UUID_PATTERN = "-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private final String bucket;
    private final Path journal;
    private final Map<String, Integer> writing = new ConcurrentHashMap<>();

    JournaledBlobStore(BlobStore store, String bucket, Path journal) throws IOException {
        super(store);
        this.bucket = bucket;
        this.journal = Files.createDirectories(journal);
    }

    /**
     * Deletes what interrupted writes left in {@code bucketDir}: the temporary file of every write still in
     * the journal, S3Proxy's multipart parts and stubs, the journal entries themselves.
     */
    static void recover(Path bucketDir, Path journal) throws IOException {
        if (Files.isDirectory(journal)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(journal)) {
                for (Path entry : entries) {
                    String key = Files.readString(entry, StandardCharsets.UTF_8);
                    if (ObjectKey.problem(key).isEmpty()) {
                        deleteTemporaries(bucketDir.resolve(key));
                    }
                    Files.deleteIfExists(entry);
                }
            }
        }
        if (Files.isDirectory(bucketDir)) {
            try (DirectoryStream<Path> top = Files.newDirectoryStream(bucketDir,
                    p -> p.getFileName().toString().startsWith(".mpus-")
                            || p.getFileName().toString().startsWith(PendingUploads.STUB_PREFIX))) {
                for (Path p : top) {
                    deleteTree(p);
                }
            }
        }
    }

    private static void deleteTemporaries(Path object) throws IOException {
        Path folder = object.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            return;
        }
        Pattern temporary = Pattern.compile(Pattern.quote(object.getFileName().toString()) + UUID_PATTERN);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, p -> temporary.matcher(p.getFileName().toString()).matches())) {
            for (Path f : files) {
                LOG.info("Removing {}, left by a write the platform did not finish", f);
                Files.deleteIfExists(f);
            }
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (Files.isDirectory(p)) {
            try (Stream<Path> all = Files.walk(p)) {
                for (Path f : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        } else {
            Files.deleteIfExists(p);
        }
    }

    /** Runs the write of {@code key} with an entry for it in the journal. */
    private <T> T journaled(String container, String key, Supplier<T> write) {
        if (!bucket.equals(container) || key == null) {
            return write.get();
        }
        Path entry = journal.resolve(UUID.randomUUID() + ".key");
        try {
            Files.writeString(entry, key, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot journal the write of " + ObjectKey.printable(key) + ": " + e.getMessage(), e);
        }
        writing.merge(key, 1, Integer::sum);
        try {
            return write.get();
        } finally {
            writing.computeIfPresent(key, (k, n) -> n == 1 ? null : n - 1);
            try {
                Files.deleteIfExists(entry);
            } catch (IOException e) {
                LOG.warn("Cannot remove the journal entry {}: {}", entry, e.toString());
            }
        }
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
        return journaled(request.bucket(), request.key(), () -> super.putBlob(request, content));
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        return journaled(request.destinationBucket(), request.destinationKey(), () -> super.copyBlob(request));
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload, CompleteMultipartUploadRequest request) {
        return journaled(upload.containerName(), upload.blobName(), () -> super.completeMultipartUpload(upload, request));
    }

    /** The listing without the temporary files of writes in progress. */
    @Override
    public ListObjectsV2Response list(ListObjectsV2Request request) {
        ListObjectsV2Response page = super.list(request);
        if (writing.isEmpty()) {
            return page;
        }
        return page.toBuilder().contents(page.contents().stream().filter(o -> !temporary(o.key())).toList()).build();
    }

    private boolean temporary(String key) {
        int cut = key.length() - 37;
        return cut > 0 && key.substring(cut).matches(UUID_PATTERN) && writing.containsKey(key.substring(0, cut));
    }
}
