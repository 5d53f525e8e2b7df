package ai.brevetti.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cached copies of remote objects under one cache root, shared by every {@link IoTools} of the process
 * that uses that root. {@code s3://bucket/a/b.bmp} is kept at {@code <root>/s3/bucket/a/b.bmp} and its ETag
 * at {@code <root>/.etags/s3/bucket/a/b.bmp}.
 *
 * <p>The rules (docs/cache.md):
 * <ul>
 *   <li>an <b>immutable</b> path (declared by the caller: a job's datasets) is served from its copy with no
 *       request at all; concurrent misses of one key share one download;</li>
 *   <li>any other path is <b>revalidated</b> on every read: one conditional GET with the copy's ETag
 *       ({@code If-None-Match}); "not modified" serves the copy, anything else replaces it. Without an ETag
 *       nothing is kept;</li>
 *   <li>a write, copy, move or remove through any {@code IoTools} of the process {@link #invalidate
 *       invalidates} the key (or folder) in every cache root the process has used, after the storage has
 *       answered and before the call returns.</li>
 * </ul>
 * A download that began before an invalidation never stores its (possibly older) bytes: each key's stripe
 * has a generation, bumped by invalidations; a copy is kept only when the generation seen before the
 * request is still current, checked and written under the stripe's lock.
 */
final class RemoteCache {
    /** Every cache root used in this process; kept for the life of the process so none misses a write. */
    private static final ConcurrentHashMap<Path, RemoteCache> ROOTS = new ConcurrentHashMap<>();
    private static final int STRIPES = 64;
    /** The cache stops growing when the disk is fuller than this (as the Python SDK's). */
    static final double MAX_CACHE_USAGE = 0.8;

    private final Path root;
    private final Path etagRoot;
    private final LocalStorage local = new LocalStorage();
    private final Object[] locks = new Object[STRIPES];
    /** Per stripe, guarded by its lock. */
    private final long[] generations = new long[STRIPES];
    private final ConcurrentHashMap<Path, CompletableFuture<byte[]>> inFlight = new ConcurrentHashMap<>();

    private RemoteCache(Path root) {
        this.root = root;
        this.etagRoot = root.resolve(".etags");
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    /** The process's cache at {@code root} (absolute and normalized). */
    static RemoteCache at(Path root) {
        return ROOTS.computeIfAbsent(root, RemoteCache::new);
    }

    Path root() {
        return root;
    }

    /** Where a remote path is cached: the path with ':' removed and the query dropped, under {@code root}. */
    static Path cachePath(Path root, String path) {
        String key = path.replace(":", "");
        int query = key.indexOf('?');
        if (query >= 0) {
            key = key.substring(0, query);
        }
        Path cached = root;
        for (String part : key.split("/")) {
            if (!part.isEmpty() && !part.equals(".") && !part.equals("..")) {
                cached = cached.resolve(part);
            }
        }
        return cached;
    }

    // ---- reading

    /** The content of {@code path} from {@code backend}, through this cache by the rule for the path. */
    byte[] read(String path, StorageBackend backend, boolean immutable) {
        Path file = cachePath(root, path);
        return immutable ? readImmutable(path, backend, file) : readRevalidated(path, backend, file);
    }

    private byte[] readImmutable(String path, StorageBackend backend, Path file) {
        byte[] hit = readCached(file);
        if (hit != null) {
            return hit;
        }
        CompletableFuture<byte[]> mine = new CompletableFuture<>();
        CompletableFuture<byte[]> running = inFlight.putIfAbsent(file, mine);
        if (running != null) {
            try {
                return running.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        try {
            long generation = generation(file);
            StoredBytes object = backend.readObject(path);
            store(path, file, object, generation);
            mine.complete(object.content());
            return object.content();
        } catch (RuntimeException | Error e) {
            // every failure ends the shared download: a reader joining it must never wait for ever
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(file, mine);
        }
    }

    /**
     * One conditional GET when there is a copy with an ETag, a plain GET otherwise. Never joins another
     * reader's download: one that began before this read may predate a change made by another process.
     */
    private byte[] readRevalidated(String path, StorageBackend backend, Path file) {
        long generation = generation(file);
        Optional<Copy> copy = copy(path, file);
        if (copy.isPresent()) {
            Optional<StoredBytes> changed = backend.readIfNoneMatch(path, copy.get().etag());
            if (changed.isEmpty()) {
                return copy.get().content();
            }
            store(path, file, changed.get(), generation);
            return changed.get().content();
        }
        StoredBytes object = backend.readObject(path);
        store(path, file, object, generation);
        return object.content();
    }

    /** A cached copy with the ETag it was fetched with. */
    private record Copy(byte[] content, String etag) {
    }

    /** The copy and its ETag, read together under the key's lock (a store or invalidation cannot split them). */
    private Optional<Copy> copy(String path, Path file) {
        Path etagFile = cachePath(etagRoot, path);
        synchronized (lock(file)) {
            byte[] etag = readCached(etagFile);
            if (etag == null) {
                return Optional.empty();
            }
            byte[] content = readCached(file);
            return content == null ? Optional.empty() : Optional.of(new Copy(content, new String(etag, StandardCharsets.UTF_8)));
        }
    }

    /**
     * The cached copy's content, or null when there is none. One open and no separate existence check: a
     * cache hit then costs what a plain local read does (the extra stat made hits of 100 KB files ~10 % slower).
     */
    private static byte[] readCached(Path cached) {
        try {
            return Files.readAllBytes(cached);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            // not a file (e.g. a folder of cached keys below it): a miss; a file we cannot read: an error
            if (Files.isRegularFile(cached)) {
                throw LocalStorage.failure("read", cached.toString(), e);
            }
            return null;
        }
    }

    /**
     * Keeps {@code object} unless an invalidation came after {@code generation} was read, or the disk is too
     * full. The ETag side-file goes first and comes back last, so a copy is never paired with another
     * version's ETag. Without an ETag only immutable reads can use the copy; revalidated ones fetch again.
     * The cache is an optimisation: a copy that cannot be written leaves no copy (the read still succeeds).
     */
    private void store(String path, Path file, StoredBytes object, long generation) {
        if (!hasCacheRoom()) {
            return;
        }
        Path etagFile = cachePath(etagRoot, path);
        synchronized (lock(file)) {
            if (generations[stripe(file)] != generation) {
                return;
            }
            try {
                Files.deleteIfExists(etagFile);
                local.write(file.toString(), object.content());
                object.etag().ifPresent(etag -> local.write(etagFile.toString(), etag.getBytes(StandardCharsets.UTF_8)));
            } catch (IOException | StorageException e) {
                // e.g. a key "a" when keys below "a/" are cached (a folder there), or the folder went away
                try {
                    Files.deleteIfExists(etagFile);
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // nothing was kept, or what is there is not a copy (a folder)
                }
            }
        }
    }

    private boolean hasCacheRoom() {
        try {
            var store = Files.getFileStore(root);
            return store.getTotalSpace() == 0 || 1.0 - (double) store.getUsableSpace() / store.getTotalSpace() < MAX_CACHE_USAGE;
        } catch (IOException e) {
            return false;
        }
    }

    // ---- invalidation

    /**
     * Forgets the object {@code path} in every cache root of the process: a download of it in flight is no
     * longer shared or stored, and its copy and ETag are deleted.
     *
     * @throws StorageException when a cached copy cannot be deleted (it would be served again)
     */
    static void invalidate(String path) {
        for (RemoteCache cache : ROOTS.values()) {
            cache.forget(path, false);
        }
    }

    /** {@link #invalidate} for {@code path} and everything below it (a removed folder). */
    static void invalidateTree(String path) {
        for (RemoteCache cache : ROOTS.values()) {
            cache.forget(path, true);
        }
    }

    private void forget(String path, boolean tree) {
        Path file = cachePath(root, path);
        Path etagFile = cachePath(etagRoot, path);
        if (tree) {
            for (int i = 0; i < STRIPES; i++) {
                synchronized (locks[i]) {
                    generations[i]++;
                }
            }
            inFlight.keySet().removeIf(key -> key.startsWith(file));
            // the ETags first: a copy without its ETag is never revalidated against the wrong version
            deleteTree(path, etagFile);
            deleteTree(path, file);
            return;
        }
        synchronized (lock(file)) {
            generations[stripe(file)]++;
            inFlight.remove(file);
            deleteFile(path, etagFile);
            deleteFile(path, file);
        }
    }

    private static void deleteFile(String path, Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (DirectoryNotEmptyException folder) {
            // the copies of keys below this one ("a/b" next to "a"): not this object's copy
        } catch (IOException e) {
            throw cannotDelete(path, file, e);
        }
    }

    private static StorageException cannotDelete(String path, Path file, IOException e) {
        return new StorageException(path, "'" + path + "' was changed, but its cached copy at '" + file
                + "' cannot be deleted (" + e.getMessage() + "); delete it by hand, or it may be served again", e);
    }

    private static void deleteTree(String path, Path start) {
        if (!Files.exists(start, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(f);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    try {
                        Files.deleteIfExists(dir);
                    } catch (DirectoryNotEmptyException raced) {
                        // another process cached a file below meanwhile: its own entry, not this one's
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw cannotDelete(path, start, e);
        }
    }

    // ---- locking

    private static int stripe(Path file) {
        return Math.floorMod(file.hashCode(), STRIPES);
    }

    private Object lock(Path file) {
        return locks[stripe(file)];
    }

    private long generation(Path file) {
        synchronized (lock(file)) {
            return generations[stripe(file)];
        }
    }

    @Override
    public String toString() {
        return "RemoteCache[" + root + "]";
    }
}
