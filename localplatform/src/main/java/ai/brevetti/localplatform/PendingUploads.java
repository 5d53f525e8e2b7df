package ai.brevetti.localplatform;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The multipart uploads started through grants, by upload id. S3Proxy keeps a stub object
 * {@code .s3proxy-mpu-stub-<upload id>} at the top of the bucket for each upload on a filesystem store and
 * reads, writes and removes it through the grant's store: the stub of an upload is allowed to whoever may
 * write the upload's key, and to no one else.
 */
final class PendingUploads {
    static final String STUB_PREFIX = ".s3proxy-mpu-stub-";

    private final Map<String, String> keys = new ConcurrentHashMap<>();

    void started(String uploadId, String key) {
        keys.put(uploadId, key);
    }

    /** The key the upload of stub {@code stubKey} writes, when it is the stub of an upload started here. */
    Optional<String> keyOfStub(String stubKey) {
        if (stubKey == null || !stubKey.startsWith(STUB_PREFIX)) {
            return Optional.empty();
        }
        return Optional.ofNullable(keys.get(stubKey.substring(STUB_PREFIX.length())));
    }

    /** The stub is gone: the upload was completed or aborted. */
    void ended(String stubKey) {
        if (stubKey != null && stubKey.startsWith(STUB_PREFIX)) {
            keys.remove(stubKey.substring(STUB_PREFIX.length()));
        }
    }
}
