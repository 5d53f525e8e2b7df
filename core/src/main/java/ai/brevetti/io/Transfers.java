package ai.brevetti.io;

import ai.brevetti.internal.Progress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** The transfers of many files an {@link IoTools} does in one call, several at a time, with their progress. */
final class Transfers {
    /** Files transferred at once. */
    static final int THREADS = 8;

    private Transfers() {}

    /** {@link IoTools#copyFolder}. */
    static int copyFolder(IoTools io, String source, String destination) {
        String root = trimmed(source);
        String target = trimmed(destination);
        List<String> files;
        try (Stream<StorageObject> listed = io.list(root, false)) {
            files = listed.map(StorageObject::path).filter(p -> p.startsWith(root + "/")).toList();
        }
        if (files.isEmpty()) {
            throw new StorageException(source, "Nothing to copy: '" + source + "' holds no files (check the path)");
        }
        run("Copying " + root + " (files)", files, path -> io.copy(path, IoTools.join(target, path.substring(root.length() + 1))));
        return files.size();
    }

    /** {@link IoTools#prefetch}. */
    static int prefetch(IoTools io, Collection<String> paths) {
        if (io.cacheRoot().isEmpty()) {
            throw new IllegalStateException("prefetch fills the cache, and this IoTools has none: set one with io.setCacheRoot(dir)"
                    + " (a job has one unless started with cacheRemoteFiles(false))");
        }
        List<String> remote = new LinkedHashSet<>(paths).stream().filter(p -> io.backend(p).isRemote()).toList();
        run("Caching (files)", remote, io::readFile);
        return remote.size();
    }

    /** Runs {@code action} on every path, {@value #THREADS} at a time; the first failure is thrown, the rest is not started. */
    private static void run(String task, List<String> paths, Consumer<String> action) {
        if (paths.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(THREADS, paths.size()), r -> {
            Thread t = new Thread(r, "transfer");
            t.setDaemon(true);
            return t;
        });
        try (Progress progress = Progress.start(task, paths.size())) {
            List<Future<?>> work = new ArrayList<>();
            for (String path : paths) {
                work.add(pool.submit(() -> {
                    action.accept(path);
                    progress.step();
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(task + " failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(task + " was interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static String trimmed(String path) {
        String p = path;
        while (p.length() > 1 && p.endsWith("/") && !p.endsWith("://")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
