package ai.brevetti.io;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * One entry point for files wherever they are: local paths and {@code file:} URIs, and every other
 * storage registered as a {@link StorageBackend} (S3 is added by the platform layer). Access rights
 * are per instance: two {@code IoTools} need not reach the same files.
 *
 * <p>Reads from remote backends are cached under {@link #setCacheRoot the cache root} when one is set:
 * {@code s3://bucket/a/b.bmp} is kept at {@code <cacheRoot>/s3/bucket/a/b.bmp}. Stored objects are
 * assumed immutable, as on the platform.
 */
public final class IoTools implements AutoCloseable {
    private final List<StorageBackend> backends = new CopyOnWriteArrayList<>();
    private final LocalStorage local = new LocalStorage();
    /** The cache stops growing when the disk is fuller than this (as the Python SDK's). */
    static final double MAX_CACHE_USAGE = 0.8;

    private volatile Path cacheRoot;
    private final List<String> revalidated = new CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<Path, CompletableFuture<byte[]>> inFlight = new ConcurrentHashMap<>();

    /** Local files only; register further backends with {@link #register}. */
    public IoTools() {
        backends.add(local);
    }

    /** Adds a backend; it is asked before the ones registered earlier. */
    public IoTools register(StorageBackend backend) {
        backends.add(0, Objects.requireNonNull(backend, "backend"));
        return this;
    }

    /** The backend that serves {@code path}; a malformed {@code s3://} URL is refused with why ({@link S3Url}). */
    public StorageBackend backend(String path) {
        if (S3Url.looksLikeS3(path)) {
            S3Url.check(path);
        }
        for (StorageBackend backend : backends) {
            if (backend.handles(path)) {
                return backend;
            }
        }
        if (!S3Url.looksLikeS3(path) && path.contains("://")) {
            throw new StorageException(path, "No storage is configured for '" + path + "': " + scheme(path)
                    + " paths are not supported (local paths, file: URIs and s3:// are), unless a backend for them is registered with IoTools.register.");
        }
        throw new StorageException(path, "No storage is configured for '" + path + "'. "
                + scheme(path) + " paths need credentials: open them through a job (Job.init) or register a backend with IoTools.register.");
    }

    private static String scheme(String path) {
        int colon = path.indexOf("://");
        return colon < 0 ? "These" : path.substring(0, colon + 3) + "…";
    }

    // ---- cache

    /** Caches remote reads under {@code root}, which must be an existing folder. */
    public IoTools setCacheRoot(Path root) {
        if (root != null && !Files.isDirectory(root)) {
            throw new StorageException(root.toString(), "Cache root '" + root + "' is not an existing folder; create it first (job.tempDir(\"cache\") does).");
        }
        this.cacheRoot = root == null ? null : root.toAbsolutePath().normalize();
        return this;
    }

    public Optional<Path> cacheRoot() {
        return Optional.ofNullable(cacheRoot);
    }

    /** Where a remote path is cached: the path with ':' removed and the query dropped, under the cache root. */
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

    /**
     * Re-checks cached copies under {@code prefix} against the storage's ETag (one HEAD per read) instead of
     * trusting them forever; for prefixes whose objects change in place.
     */
    public IoTools revalidateCache(String prefix) {
        revalidated.add(prefix);
        return this;
    }

    private boolean isRevalidated(String path) {
        return revalidated.stream().anyMatch(path::startsWith);
    }

    /**
     * The whole content of {@code path}. A remote file is served from the cache when it holds a copy (no
     * request at all, unless its prefix is {@link #revalidateCache revalidated}); otherwise it is fetched
     * once, however many threads ask for it at the same time, and kept when the disk is less than 80 % full.
     */
    public byte[] readFile(String path) {
        StorageBackend backend = backend(path);
        Path root = cacheRoot;
        if (root == null || !backend.isRemote()) {
            return backend.read(path);
        }
        Path cached = cachePath(root, path);
        boolean revalidate = isRevalidated(path);
        if (!revalidate) {
            byte[] hit = readCached(cached);
            if (hit != null) {
                return hit;
            }
        } else if (Files.isRegularFile(cached) && backend.etag(path).equals(storedEtag(root, path))) {
            return local.read(cached.toString());
        }
        CompletableFuture<byte[]> mine = new CompletableFuture<>();
        CompletableFuture<byte[]> running = inFlight.putIfAbsent(cached, mine);
        if (running != null) {
            try {
                return running.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        try {
            StoredBytes object = backend.readObject(path);
            if (hasCacheRoom(root)) {
                local.write(cached.toString(), object.content());
                if (revalidate && object.etag().isPresent()) {
                    local.write(etagPath(root, path).toString(), object.etag().get().getBytes(StandardCharsets.UTF_8));
                }
            }
            mine.complete(object.content());
            return object.content();
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(cached, mine);
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
            // not a file (e.g. a folder of cached keys below it): a miss, as before; a file we cannot read: an error
            if (Files.isRegularFile(cached)) {
                throw LocalStorage.failure("read", cached.toString(), e);
            }
            return null;
        }
    }

    private static Path etagPath(Path root, String path) {
        return cachePath(root.resolve(".etags"), path);
    }

    private Optional<String> storedEtag(Path root, String path) {
        Path file = etagPath(root, path);
        return Files.isRegularFile(file) ? Optional.of(new String(local.read(file.toString()), StandardCharsets.UTF_8))
                : Optional.empty();
    }

    private static boolean hasCacheRoom(Path root) {
        try {
            var store = Files.getFileStore(root);
            return store.getTotalSpace() == 0 || 1.0 - (double) store.getUsableSpace() / store.getTotalSpace() < MAX_CACHE_USAGE;
        } catch (IOException e) {
            return false;
        }
    }

    public byte[] readFile(Path path) {
        return readFile(path.toString());
    }

    /** The content of {@code path} decoded as UTF-8. */
    public String readText(String path) {
        return new String(readFile(path), StandardCharsets.UTF_8);
    }

    public String readText(Path path) {
        return readText(path.toString());
    }

    /** A stream over {@code path}; the caller closes it. Not cached. */
    public InputStream open(String path) {
        return backend(path).open(path);
    }

    // ---- writing

    /** Writes bytes; the previous content stays intact until the new one is complete. */
    public String writeFile(String path, byte[] content) {
        backend(path).write(path, content);
        return path;
    }

    /** Writes everything {@code content} yields (not closed here); if reading it fails, the previous file stays intact. */
    public String writeFile(String path, InputStream content) {
        backend(path).write(path, content);
        return path;
    }

    /** Writes text as UTF-8. */
    public String writeFile(String path, String text) {
        return writeFile(path, text.getBytes(StandardCharsets.UTF_8));
    }

    public Path writeFile(Path path, byte[] content) {
        writeFile(path.toString(), content);
        return path;
    }

    public Path writeFile(Path path, String text) {
        writeFile(path.toString(), text);
        return path;
    }

    // ---- the rest

    public boolean exists(String path) {
        return backend(path).exists(path);
    }

    public boolean exists(Path path) {
        return exists(path.toString());
    }

    public boolean isFile(String path) {
        return backend(path).isFile(path);
    }

    /** Copies within a backend natively, across backends by reading and writing. */
    public void copy(String source, String destination) {
        StorageBackend from = backend(source);
        StorageBackend to = backend(destination);
        if (from == to) {
            from.copy(source, destination);
        } else {
            to.write(destination, from.read(source));
        }
    }

    /** Moves within one backend; across backends copy then remove. */
    public void move(String source, String destination) {
        copy(source, destination);
        remove(source);
    }

    /** Removes a file, or a folder with everything in it. */
    public void remove(String path) {
        backend(path).remove(path);
    }

    public void remove(Path path) {
        remove(path.toString());
    }

    /** Creates a folder and its parents (nothing to do on object stores). */
    public void makeDirs(String path) {
        backend(path).makeDirs(path);
    }

    /** Hex MD5 of a file's content. */
    public String md5(String path) {
        return backend(path).md5(path);
    }

    public String md5(Path path) {
        return md5(path.toString());
    }

    /** Every file under {@code prefix}, recursively, in path order. */
    public Stream<StorageObject> list(String prefix, boolean excludeHidden) {
        return backend(prefix).list(prefix, excludeHidden);
    }

    /**
     * Folder by folder, like Python's {@code os.walk}: each entry is a folder with its sub-folder names and
     * file names, the root first. Hidden files and folders (name starting with '.') are skipped when asked.
     */
    public List<WalkEntry> walk(String path, boolean excludeHidden) {
        String root = stripTrailingSeparator(path);
        Map<String, TreeSet<String>> dirs = new LinkedHashMap<>();
        Map<String, List<String>> files = new LinkedHashMap<>();
        dirs.put(root, new TreeSet<>());
        files.put(root, new ArrayList<>());
        try (Stream<StorageObject> objects = list(path, excludeHidden)) {
            for (Iterator<StorageObject> it = objects.iterator(); it.hasNext(); ) {
                StorageObject object = it.next();
                String folder = object.folder();
                files.computeIfAbsent(folder, f -> new ArrayList<>()).add(object.name());
                dirs.computeIfAbsent(folder, f -> new TreeSet<>());
                for (String child = folder; child.length() > root.length(); ) {
                    String parent = child.substring(0, child.lastIndexOf('/'));
                    dirs.computeIfAbsent(parent, f -> new TreeSet<>()).add(child.substring(parent.length() + 1));
                    files.computeIfAbsent(parent, f -> new ArrayList<>());
                    child = parent;
                }
            }
        }
        List<WalkEntry> entries = new ArrayList<>();
        new TreeSet<>(dirs.keySet()).forEach(folder -> entries.add(new WalkEntry(folder, List.copyOf(dirs.get(folder)), files.get(folder))));
        return entries;
    }

    public List<WalkEntry> walk(String path) {
        return walk(path, false);
    }

    public List<WalkEntry> walk(Path path) {
        return walk(path.toString(), false);
    }

    private static String stripTrailingSeparator(String path) {
        String p = path;
        while (p.length() > 1 && p.endsWith("/") && !p.endsWith("://")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    // ---- path helpers

    /**
     * Joins path parts with '/' (inner trailing separators removed). Works for local paths and URLs alike,
     * as Python's {@code brevettiai.io.path.join} does for URLs.
     */
    public static String join(String first, String... more) {
        StringBuilder joined = new StringBuilder(first);
        for (String part : more) {
            if (part == null || part.isEmpty()) {
                continue;
            }
            while (joined.length() > 0 && joined.charAt(joined.length() - 1) == '/' && !joined.toString().endsWith("://")) {
                joined.setLength(joined.length() - 1);
            }
            String p = part;
            while (p.startsWith("/")) {
                p = p.substring(1);
            }
            if (joined.length() > 0 && !joined.toString().endsWith("/")) {
                joined.append('/');
            }
            joined.append(p);
        }
        return joined.toString();
    }

    /**
     * The {@code path=} value of a platform download link: the key within the bucket (scheme and bucket
     * removed), URL-encoded with nothing kept safe.
     */
    public static String getUri(String path) {
        String key = path;
        int scheme = key.indexOf("://");
        if (scheme >= 0) {
            String rest = key.substring(scheme + 3);
            int slash = rest.indexOf('/');
            key = slash < 0 ? "" : rest.substring(slash + 1);
        }
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Closes the backends that hold clients (S3 connections). */
    @Override
    public void close() {
        for (StorageBackend backend : backends) {
            if (backend instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    // closing connections: nothing to report
                }
            }
        }
    }

    @Override
    public String toString() {
        return "IoTools[backends=" + backends.stream().map(b -> b.getClass().getSimpleName()).toList()
                + (cacheRoot == null ? "" : ", cache=" + cacheRoot) + "]";
    }
}
