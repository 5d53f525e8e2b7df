package ai.brevetti.localplatform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

/**
 * A file's identity and version, from one {@code stat}: a rewrite by an atomic move changes its inode
 * ({@code key}, the file system's file key as text, so it can be kept in a file), an append or an in-place
 * write its size and modification time.
 *
 * @param modified last modification time
 * @param size size in bytes
 * @param key the file key ({@code (dev=…,ino=…)} on Unix), or null where the file system has none
 */
record FileStamp(FileTime modified, long size, String key) {
    /**
     * How long after its last modification a file's stamp is trusted. A file written again within the same
     * tick of the file system's clock, at the same size and in place, keeps its stamp; a stamp taken that soon
     * after the modification may therefore hide a later write, so the file is read again until its stamp was
     * taken this long after the modification (the coarsest common clocks tick in 1 s or 2 s).
     */
    static final Duration SETTLE = Duration.ofSeconds(2);

    /** The stamp of {@code file}, or null when there is no such file. */
    static FileStamp of(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new FileStamp(a.lastModifiedTime(), a.size(), a.fileKey() == null ? null : a.fileKey().toString());
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the attributes of " + file + ": " + e.getMessage(), e);
        }
    }

    /** True when a stamp taken at {@code taken} (before the {@code stat}) cannot hide a later write: see {@link #SETTLE}. */
    boolean settledAt(Instant taken) {
        return modified.toInstant().plus(SETTLE).isBefore(taken);
    }
}
