package ai.brevetti.localplatform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every job's {@link RunSummary}, kept in memory and re-read only when its files changed: each call lists the
 * records folder and compares each record's and each output.json's stamp ({@link FileStamp}: time, size,
 * inode) with what was read (about two {@code stat} calls per job), so a page of a platform of thousands of
 * runs does not parse thousands of files per request, and a changed file is never served stale. Datasets
 * likewise.
 *
 * <p>The summaries outlive a restart: they are saved with their stamps ({@link RunIndexFile}) a few seconds
 * after a change and when the platform stops, and loaded at start by a background warm-up that then checks
 * every stamp and reads what changed while the platform was down; requests wait for the load only and check
 * the stamps themselves, as always, so the first one reads only the files that changed and still never shows
 * a stale summary.
 */
final class RunIndex implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunIndex.class);
    /** How long after a change the summaries are saved (changes in between are saved together). */
    static final Duration SAVE_DELAY = Duration.ofSeconds(5);
    /**
     * How long after the load the warm-up checks the stamps: a first request that soon checks them itself,
     * and the two would only compete for the cores.
     */
    static final Duration CHECK_DELAY = Duration.ofSeconds(1);
    /** Test seam: runs with every file the index reads (a job's record or output.json, a dataset's record). Does nothing otherwise. */
    static volatile Consumer<Path> onRead = file -> { };

    private final PlatformStore store;
    private final S3Server s3;
    private final RunIndexFile saved;
    private final Map<String, Stamped<RunSummary>> runs = new ConcurrentHashMap<>();
    private final Map<String, Stamped<DatasetRecord>> datasets = new ConcurrentHashMap<>();
    private final CountDownLatch loaded = new CountDownLatch(1);
    private final AtomicBoolean changed = new AtomicBoolean();
    private final AtomicBoolean saveScheduled = new AtomicBoolean();
    private final ScheduledThreadPoolExecutor worker;
    private volatile boolean closed;

    /** Starts the warm-up in the background: the saved summaries are loaded, then checked against the files. */
    RunIndex(PlatformStore store, S3Server s3) {
        this.store = store;
        this.s3 = s3;
        this.saved = new RunIndexFile(store);
        this.worker = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "run-index");
            t.setDaemon(true);
            return t;
        });
        worker.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        worker.execute(this::warmUp);
    }

    /**
     * Loads the saved summaries (requests wait for that, not more), then, {@link #CHECK_DELAY} later, checks
     * every job's stamps in the background and reads what changed while the platform was down, so a request
     * that comes later finds it read. A request meanwhile takes its own stamps: both may read a changed file, neither can keep a summary
     * older than its stamp (stamps are taken before reading).
     */
    private void warmUp() {
        try {
            saved.load().ifPresent(c -> {
                runs.putAll(c.runs());
                datasets.putAll(c.datasets());
            });
        } catch (RuntimeException e) {
            LOG.warn("The runs index could not load its saved summaries ({}): the runs' files are read again", e.toString());
        } finally {
            loaded.countDown();
        }
        try {
            worker.schedule(this::check, CHECK_DELAY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // closed meanwhile
        }
    }

    private void check() {
        try {
            allRuns(looks());
            allDatasets(true);
        } catch (RuntimeException e) {
            LOG.warn("The runs index could not be checked at start ({}): the next request reads what changed", e.toString());
        }
        scheduleSave();
    }

    /** Every job (models and test reports), in the order of their record files. */
    List<RunSummary> all() {
        awaitLoaded();
        List<RunSummary> out = allRuns(looks());
        scheduleSave();
        return out;
    }

    /** One job's summary, read again when its files changed; empty when there is no such job. */
    Optional<RunSummary> run(String id) {
        awaitLoaded();
        String safe = PlatformStore.safe(id);
        Optional<RunSummary> out = summary(look(safe, store.records("models").resolve(safe + ".json")));
        scheduleSave();
        return out;
    }

    /** Every dataset, by id. */
    Map<String, DatasetRecord> datasets() {
        awaitLoaded();
        Map<String, DatasetRecord> out = allDatasets(false);
        scheduleSave();
        return out;
    }

    /** Stops the warm-up and the delayed save, and saves what changed since the last save. */
    @Override
    public void close() {
        closed = true;
        worker.shutdown();
        try {
            if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("The runs index's warm-up did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        save();
    }

    /** The summaries of these jobs' files, read again where they changed; the jobs not among them are forgotten. */
    private List<RunSummary> allRuns(List<Look> looks) {
        List<RunSummary> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Look look : looks) {
            if (closed) {
                return out; // stopping: the rest is read at the next start
            }
            seen.add(look.id());
            summary(look).ifPresent(out::add);
        }
        if (runs.keySet().retainAll(seen)) {
            changed.set(true);
        }
        return out;
    }

    /** The stamps of every job's files, in the order of their record files. */
    private List<Look> looks() {
        List<Look> out = new ArrayList<>();
        for (Path file : records("models")) {
            out.add(look(idOf(file), file));
        }
        return out;
    }

    /** A job's files as one look found them: their stamps (null: no such file), taken at {@code taken}. */
    private record Look(String id, Path recordFile, Instant taken, FileStamp record, FileStamp output) {}

    private Look look(String id, Path recordFile) {
        Instant taken = Instant.now();
        FileStamp record = FileStamp.of(recordFile);
        return new Look(id, recordFile, taken, record, record == null ? null : FileStamp.of(s3.file(outputKey(id))));
    }

    private static String outputKey(String id) {
        return id + "/artifacts/output.json";
    }

    /** The summary of the files a look found: the one kept when their stamps are those it was made from, else read again. */
    private Optional<RunSummary> summary(Look look) {
        String id = look.id();
        FileStamp record = look.record();
        if (record == null) {
            forget(runs, id);
            return Optional.empty();
        }
        FileStamp output = look.output();
        Stamped<RunSummary> cached = runs.get(id);
        if (cached != null && cached.current(record, output)) {
            return Optional.of(cached.value());
        }
        // the stamps were taken before reading: a change while reading is seen by the next look
        Path recordFile = look.recordFile();
        onRead.accept(recordFile);
        Optional<ModelRecord> model = PlatformStore.read(recordFile, ModelRecord.class);
        if (model.isEmpty()) {
            forget(runs, id);
            return Optional.empty();
        }
        Map<String, Object> metrics = Map.of();
        String problem = null;
        if (output != null) {
            onRead.accept(s3.file(outputKey(id)));
            try {
                metrics = s3.get(outputKey(id)).map(b -> OutputMetrics.parse(new String(b, StandardCharsets.UTF_8))).orElse(Map.of());
            } catch (IllegalArgumentException e) {
                problem = e.getMessage();
            }
        }
        RunSummary summary = new RunSummary(model.get(), metrics, problem);
        runs.put(id, new Stamped<>(record, output, look.taken(), summary));
        changed.set(true);
        return Optional.of(summary);
    }

    private Map<String, DatasetRecord> allDatasets(boolean warmUp) {
        Map<String, DatasetRecord> out = new LinkedHashMap<>();
        for (Path file : records("datasets")) {
            if (warmUp && closed) {
                return out;
            }
            String id = idOf(file);
            Instant taken = Instant.now();
            FileStamp stamp = FileStamp.of(file);
            if (stamp == null) {
                continue;
            }
            Stamped<DatasetRecord> cached = datasets.get(id);
            if (cached == null || !cached.current(stamp, null)) {
                onRead.accept(file);
                Optional<DatasetRecord> read = PlatformStore.read(file, DatasetRecord.class);
                if (read.isEmpty()) {
                    continue;
                }
                cached = new Stamped<>(stamp, null, taken, read.get());
                datasets.put(id, cached);
                changed.set(true);
            }
            out.put(id, cached.value());
        }
        if (datasets.keySet().retainAll(out.keySet())) {
            changed.set(true);
        }
        return out;
    }

    private <T> void forget(Map<String, Stamped<T>> map, String id) {
        if (map.remove(id) != null) {
            changed.set(true);
        }
    }

    private void awaitLoaded() {
        try {
            loaded.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the runs index was loaded", e);
        }
    }

    /** Saves the summaries {@link #SAVE_DELAY} after a change (once for all changes in between). */
    private void scheduleSave() {
        if (changed.get() && !closed && saveScheduled.compareAndSet(false, true)) {
            try {
                worker.schedule(() -> {
                    saveScheduled.set(false);
                    save();
                }, SAVE_DELAY.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                saveScheduled.set(false); // close() saves
            }
        }
    }

    private synchronized void save() {
        if (!changed.getAndSet(false)) {
            return;
        }
        try {
            saved.save(new RunIndexFile.Contents(Map.copyOf(runs), Map.copyOf(datasets)));
        } catch (RuntimeException e) {
            LOG.warn("The runs index could not be saved to {} ({}): the next start reads every run's files", saved.file(), e.getMessage());
        }
    }

    private List<Path> records(String kind) {
        Path folder = store.records(kind);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    private static String idOf(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".json".length());
    }
}
