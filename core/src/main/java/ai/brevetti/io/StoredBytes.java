package ai.brevetti.io;

import java.util.Optional;

/**
 * An object's content with its ETag as the storage reported it in the same response.
 *
 * @param content the bytes
 * @param etag the ETag (without quotes), when the storage has one
 */
public record StoredBytes(byte[] content, Optional<String> etag) {
}
