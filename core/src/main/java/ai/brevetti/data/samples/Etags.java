package ai.brevetti.data.samples;

import ai.brevetti.internal.Progress;
import ai.brevetti.io.IoTools;
import ai.brevetti.io.StorageException;
import ai.brevetti.io.StorageObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The etag of listed files (Python's {@code sample_walk}): the storage's ETag when it is a plain MD5, else
 * the MD5 of the content (computed in parallel, streamed), or the SHA-1 of the path when MD5s are not to
 * be computed. A file that cannot be read is reported and gets no etag.
 */
final class Etags {
    private static final Logger LOG = LoggerFactory.getLogger("ai.brevetti.platform.Dataset");
    private static final Pattern PLAIN_MD5 = Pattern.compile("[0-9a-f]{32}");
    private static final int MAX_WARNINGS = 10;

    private Etags() {}

    /**
     * The etags of {@code objects}, in their order; null for a file that could not be read ({@code what}
     * names such files in the warning: "sample", "annotation").
     */
    static String[] of(IoTools io, List<StorageObject> objects, boolean calculateMd5, String what) {
        String[] etags = new String[objects.size()];
        List<Integer> toHash = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            Optional<String> etag = objects.get(i).etag().filter(e -> PLAIN_MD5.matcher(e).matches());
            if (etag.isPresent()) {
                etags[i] = etag.get();
            } else if (calculateMd5) {
                toHash.add(i);
            } else {
                etags[i] = sha1(objects.get(i).path());
            }
        }
        if (toHash.isEmpty()) {
            return etags;
        }
        boolean remote = io.backend(objects.get(0).path()).isRemote();
        int threads = remote ? 16 : Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "md5");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger failures = new AtomicInteger();
        try (Progress progress = Progress.start("MD5", toHash.size())) {
            List<Future<?>> work = new ArrayList<>();
            for (int i : toHash) {
                work.add(pool.submit(() -> {
                    String path = objects.get(i).path();
                    try {
                        etags[i] = io.md5(path);
                    } catch (StorageException e) {
                        if (failures.incrementAndGet() <= MAX_WARNINGS) {
                            LOG.warn("Skipping a{} {} that cannot be read: {}", what.matches("[aeiou].*") ? "n" : "", what, e.getMessage());
                        }
                    }
                    progress.step();
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SampleException("Interrupted while computing MD5s");
        } catch (ExecutionException e) {
            throw new SampleException("Computing MD5s failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        if (failures.get() > MAX_WARNINGS) {
            LOG.warn("{} {}s in all could not be read and were skipped", failures.get(), what);
        }
        return etags;
    }

    static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
