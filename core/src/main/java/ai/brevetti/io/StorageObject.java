package ai.brevetti.io;

import java.time.Instant;
import java.util.Optional;

/**
 * One listed object.
 *
 * @param path full path or URL of the object ({@code s3://bucket/key} or a local path)
 * @param size size in bytes
 * @param etag the storage's ETag when it has one (S3), without quotes
 * @param lastModified modification time
 */
public record StorageObject(String path, long size, Optional<String> etag, Instant lastModified) {

    /** The object's name: the last path segment. */
    public String name() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    /** The path of the folder holding the object, without a trailing separator. */
    public String folder() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }
}
