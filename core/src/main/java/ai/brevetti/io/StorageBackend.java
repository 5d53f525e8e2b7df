package ai.brevetti.io;

import java.io.InputStream;
import java.util.stream.Stream;

/**
 * One kind of storage (local files, S3, …) behind {@link IoTools}. Paths are the user's strings
 * ({@code /data/x.bmp}, {@code s3://bucket/key}); a backend says which ones it serves.
 * Failures are {@link StorageException}s naming the path.
 */
public interface StorageBackend {

    /** True when this backend serves {@code path}. */
    boolean handles(String path);

    /** True when reads from this backend are worth caching locally (remote storage). */
    default boolean isRemote() {
        return false;
    }

    byte[] read(String path);

    /** The content with the ETag of the same version, when the storage has ETags. */
    default StoredBytes readObject(String path) {
        return new StoredBytes(read(path), java.util.Optional.empty());
    }

    /**
     * The object as {@link #readObject}, unless its current ETag is still {@code etag}: then empty, and no
     * content is transferred (S3: one GET with {@code If-None-Match}, answered 304 Not Modified). Storage
     * without ETags always returns the content.
     */
    default java.util.Optional<StoredBytes> readIfNoneMatch(String path, String etag) {
        return java.util.Optional.of(readObject(path));
    }

    /** Opens a stream; the caller closes it. */
    InputStream open(String path);

    /** Writes all of {@code content}; a reader sees the old object or the new one, never a partial one. */
    void write(String path, byte[] content);

    /**
     * Writes everything {@code content} yields. If reading it fails part way, the previous object stays
     * as it was.
     */
    default void write(String path, InputStream content) {
        try {
            write(path, content.readAllBytes());
        } catch (java.io.IOException e) {
            throw new StorageException(path, "Cannot write '" + path + "': reading the content failed: " + e.getMessage(), e);
        }
    }

    boolean exists(String path);

    boolean isFile(String path);

    /** Every object under {@code prefix}, recursively, in key order. */
    Stream<StorageObject> list(String prefix, boolean excludeHidden);

    void copy(String source, String destination);

    void remove(String path);

    void makeDirs(String path);

    /** Hex MD5 of the object's content. */
    String md5(String path);
}
