package ai.brevetti.io;

import java.io.IOException;
import java.io.UncheckedIOException;

/** A storage operation failed; the message names the path and, where possible, what to do. */
public class StorageException extends UncheckedIOException {
    private final String path;

    public StorageException(String path, String message, IOException cause) {
        super(message, cause == null ? new IOException(message) : cause);
        this.path = path;
    }

    public StorageException(String path, String message) {
        this(path, message, null);
    }

    /** The path the failed operation was about. */
    public String path() {
        return path;
    }
}
