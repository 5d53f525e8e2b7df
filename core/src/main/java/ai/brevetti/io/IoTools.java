package ai.brevetti.io;

import ai.brevetti.internal.Urls;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * One entry point for files wherever they are: local paths and {@code file:} URIs, {@code s3://} (AWS's
 * default credentials chain, other credentials per prefix with {@link #routeS3}; a job routes its folder
 * and datasets with the platform's credentials), and every other storage registered as a
 * {@link StorageBackend}. Access rights are per instance: two {@code IoTools} need not reach the same files.
 *
 * <p>Reads from remote backends are cached under {@link #setCacheRoot the cache root} when one is set:
 * {@code s3://bucket/a/b.bmp} is kept at {@code <cacheRoot>/s3/bucket/a/b.bmp}. Copies of paths
 * {@link #declareImmutable declared immutable} are served without a request; all others are revalidated
 * with a conditional GET; writes through any {@code IoTools} of the process invalidate them (docs/cache.md).
 */
public final class IoTools implements AutoCloseable {
    private final List<StorageBackend> backends = new CopyOnWriteArrayList<>();
    private final LocalStorage local = new LocalStorage();
    private final S3Storage s3 = new S3Storage().route(S3Storage.ANY, S3Access::defaultChain);
    private volatile RemoteCache cache;
    private final CopyOnWriteArrayList<String> immutable = new CopyOnWriteArrayList<>();

    /**
     * Local files, and {@code s3://} with the AWS default credentials chain ({@link S3Access#defaultChain()});
     * give S3 prefixes other credentials with {@link #routeS3}, register further backends with {@link #register}.
     */
    public IoTools() {
        backends.add(s3);
        backends.add(local);
    }

    /**
     * The S3 backend of this {@code IoTools}: every {@code s3://} path no registered backend serves goes
     * here, by the longest route prefix; {@value S3Storage#ANY} with the AWS default chain unless routed.
     * A job adds its folder's and its datasets' routes here.
     */
    public S3Storage s3() {
        return s3;
    }

    /**
     * Serves S3 paths under {@code prefix} ({@code s3://bucket} or {@code s3://bucket/folder}) with
     * {@code access} (the longest matching prefix wins).
     */
    public IoTools routeS3(String prefix, S3Access access) {
        s3.route(checkedPrefix(prefix), access);
        return this;
    }

    /**
     * Serves S3 paths under {@code prefix} with {@code credentials} (any AWS SDK provider, e.g.
     * {@code ProfileCredentialsProvider.create("other")}) on AWS S3 in {@code region}.
     */
    public IoTools routeS3(String prefix, AwsCredentialsProvider credentials, String region) {
        return routeS3(prefix, S3Access.aws(credentials, region));
    }

    /**
     * Serves S3 paths under {@code prefix} with {@code credentials} at {@code endpoint} (an S3-compatible
     * server: path-style addressing; an {@code *.amazonaws.com} endpoint: virtual-host style) in {@code region}.
     */
    public IoTools routeS3(String prefix, AwsCredentialsProvider credentials, String region, URI endpoint) {
        return routeS3(prefix, S3Access.of(endpoint, credentials, region));
    }

    private static String checkedPrefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (!prefix.equals(S3Storage.ANY)) {
            S3Url.check(prefix);
        }
        return prefix;
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

    /**
     * Caches remote reads under {@code root}, which must be an existing folder. Every {@code IoTools} of the
     * process that uses the same root shares its copies (see {@link #readFile}).
     */
    public IoTools setCacheRoot(Path root) {
        if (root != null && !Files.isDirectory(root)) {
            throw new StorageException(root.toString(), "Cache root '" + root + "' is not an existing folder; create it first (job.tempDir(\"cache\") does).");
        }
        this.cache = root == null ? null : RemoteCache.at(root.toAbsolutePath().normalize());
        return this;
    }

    public Optional<Path> cacheRoot() {
        return Optional.ofNullable(cache).map(RemoteCache::root);
    }

    /** Where a remote path is cached: the path with ':' removed and the query dropped, under the cache root. */
    static Path cachePath(Path root, String path) {
        return RemoteCache.cachePath(root, path);
    }

    /**
     * Declares that nobody changes the objects under {@code prefix} (a folder such as {@code s3://bucket/dataset-id},
     * or a whole bucket): their cached copies are then served with no request at all. A job declares its
     * datasets, which it can only read. Every other remote path is revalidated on each read (see {@link #readFile}).
     * Writes through any {@code IoTools} of the process still reach cached copies of immutable paths.
     */
    public IoTools declareImmutable(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (!prefix.contains("://") || prefix.endsWith("://")) {
            throw new IllegalArgumentException("declareImmutable needs a remote folder such as s3://bucket/dataset-id, not '"
                    + prefix + "'");
        }
        immutable.addIfAbsent(prefix);
        return this;
    }

    /** True when {@code path} lies under a prefix {@link #declareImmutable declared immutable} (folder boundaries respected). */
    public boolean isImmutable(String path) {
        for (String prefix : immutable) {
            if (path.startsWith(prefix) && (path.length() == prefix.length() || prefix.endsWith("/")
                    || path.charAt(prefix.length()) == '/')) {
                return true;
            }
        }
        return false;
    }

    // ---- reading

    /**
     * The whole content of {@code path}. With a cache root, a remote file is read through the cache
     * (docs/cache.md): under a prefix {@link #declareImmutable declared immutable} its copy is served with
     * no request at all, and concurrent first reads share one download; anywhere else each read is one
     * conditional GET ({@code If-None-Match} with the copy's ETag) that only transfers the content when it
     * changed. Copies are kept while the disk is less than 80 % full. A write, copy, move or remove through
     * any {@code IoTools} of the process invalidates the copies of that path in every cache root of the process.
     */
    public byte[] readFile(String path) {
        StorageBackend backend = backend(path);
        RemoteCache c = cache;
        if (c == null || !backend.isRemote()) {
            return backend.read(path);
        }
        return c.read(path, backend, isImmutable(path));
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
        StorageBackend backend = backend(path);
        changing(backend, path, false, () -> backend.write(path, content));
        return path;
    }

    /** Writes everything {@code content} yields (not closed here); if reading it fails, the previous file stays intact. */
    public String writeFile(String path, InputStream content) {
        StorageBackend backend = backend(path);
        changing(backend, path, false, () -> backend.write(path, content));
        return path;
    }

    /**
     * Runs {@code change} on a remote object (or folder, {@code tree}), then makes sure no cache of the process
     * serves its old copy: also when the call failed, as a failed request may still have reached the storage.
     */
    private static void changing(StorageBackend backend, String path, boolean tree, Runnable change) {
        if (!backend.isRemote()) {
            change.run();
            return;
        }
        try {
            change.run();
        } catch (RuntimeException e) {
            try {
                invalidate(path, tree);
            } catch (RuntimeException also) {
                e.addSuppressed(also);
            }
            throw e;
        }
        invalidate(path, tree);
    }

    private static void invalidate(String path, boolean tree) {
        if (tree) {
            RemoteCache.invalidateTree(path);
        } else {
            RemoteCache.invalidate(path);
        }
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
        changing(to, destination, false, () -> {
            if (from == to) {
                from.copy(source, destination);
            } else {
                to.write(destination, from.read(source));
            }
        });
    }

    /**
     * Copies every file under the folder {@code source} (hidden ones too) to the same relative path under
     * {@code destination}, several at a time: an upload (a local folder to {@code s3://…}), a download
     * ({@code s3://…} to a local folder) or a copy within a storage. Its progress shows in a notebook cell or
     * on a terminal (README "Progress"). Returns how many files were copied; the first failure is thrown.
     *
     * @throws StorageException when {@code source} holds no files
     */
    public int copyFolder(String source, String destination) {
        return Transfers.copyFolder(this, source, destination);
    }

    /**
     * Reads the remote files among {@code paths} into the cache, several at a time, so that later reads (a
     * training's first epoch) find them there; local paths are skipped. Its progress shows in a notebook cell
     * or on a terminal. Returns how many remote files were read.
     *
     * @throws IllegalStateException when this {@code IoTools} has no {@link #setCacheRoot cache root}
     */
    public int prefetch(java.util.Collection<String> paths) {
        return Transfers.prefetch(this, paths);
    }

    /** Moves within one backend; across backends copy then remove. */
    public void move(String source, String destination) {
        copy(source, destination);
        remove(source);
    }

    /** Removes a file, or a folder with everything in it. */
    public void remove(String path) {
        StorageBackend backend = backend(path);
        changing(backend, path, true, () -> backend.remove(path));
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
     * The {@code path=} value of a platform download link, as Python's {@code IoTools.get_uri}: the key within
     * the bucket (scheme and bucket removed), quoted as {@code urllib.parse.quote(key, safe="")}. Every download
     * link of the project is made by {@link Urls#downloadLink}, which uses this.
     */
    public static String getUri(String path) {
        return Urls.downloadPath(path);
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
                + (cache == null ? "" : ", cache=" + cache.root()) + "]";
    }
}
