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
 * every stamp and reads what changed while the platform was down; requests wait for the warm-up, so the first
 * one reads only the files that changed and still never shows a stale summary.
 */
final class RunIndex implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunIndex.class);
    /** How long after a change the summaries are saved (changes in between are saved together). */
    static final Duration SAVE_DELAY = Duration.ofSeconds(5);
    /** Test seam: runs with every file the index reads (a job's record or output.json, a dataset's record). Does nothing otherwise. */
    static volatile Consumer<Path> onRead = file -> { };

    private final PlatformStore store;
    private final S3Server s3;
    private final RunIndexFile saved;
    private final Map<String, Stamped<RunSummary>> runs = new ConcurrentHashMap<>();
    private final Map<String, Stamped<DatasetRecord>> datasets = new ConcurrentHashMap<>();
    private final CountDownLatch warm = new CountDownLatch(1);
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

    private void warmUp() {
        try {
            saved.load().ifPresent(c -> {
                runs.putAll(c.runs());
                datasets.putAll(c.datasets());
            });
            allRuns(true);
            allDatasets(true);
        } catch (RuntimeException e) {
            LOG.warn("The runs index could not be checked at start ({}): the first request reads the runs' files", e.toString());
        } finally {
            warm.countDown();
        }
        scheduleSave();
    }

    /** Every job (models and test reports), in the order of their record files. */
    List<RunSummary> all() {
        awaitWarm();
        List<RunSummary> out = allRuns(false);
        scheduleSave();
        return out;
    }

    /** One job's summary, read again when its files changed; empty when there is no such job. */
    Optional<RunSummary> run(String id) {
        awaitWarm();
        Optional<RunSummary> out = run(PlatformStore.safe(id), store.records("models").resolve(id + ".json"));
        scheduleSave();
        return out;
    }

    /** Every dataset, by id. */
    Map<String, DatasetRecord> datasets() {
        awaitWarm();
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
            if (!worker.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("The runs index's warm-up did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        save();
    }

    private List<RunSummary> allRuns(boolean warmUp) {
        List<RunSummary> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Path file : records("models")) {
            if (warmUp && closed) {
                return out;
            }
            String id = idOf(file);
            seen.add(id);
            run(id, file).ifPresent(out::add);
        }
        if (runs.keySet().retainAll(seen)) {
            changed.set(true);
        }
        return out;
    }

    private Optional<RunSummary> run(String id, Path recordFile) {
        Instant taken = Instant.now();
        FileStamp record = FileStamp.of(recordFile);
        if (record == null) {
            forget(runs, id);
            return Optional.empty();
        }
        String outputKey = id + "/artifacts/output.json";
        Path outputFile = s3.file(outputKey);
        FileStamp output = FileStamp.of(outputFile);
        Stamped<RunSummary> cached = runs.get(id);
        if (cached != null && cached.current(record, output)) {
            return Optional.of(cached.value());
        }
        // the stamps are taken before reading: a change while reading is seen by the next call
        onRead.accept(recordFile);
        Optional<ModelRecord> model = PlatformStore.read(recordFile, ModelRecord.class);
        if (model.isEmpty()) {
            forget(runs, id);
            return Optional.empty();
        }
        Map<String, Object> metrics = Map.of();
        String problem = null;
        if (output != null) {
            onRead.accept(outputFile);
            try {
                metrics = s3.get(outputKey).map(b -> OutputMetrics.parse(new String(b, StandardCharsets.UTF_8))).orElse(Map.of());
            } catch (IllegalArgumentException e) {
                problem = e.getMessage();
            }
        }
        RunSummary summary = new RunSummary(model.get(), metrics, problem);
        runs.put(id, new Stamped<>(record, output, taken, summary));
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

    private void awaitWarm() {
        try {
            warm.await();
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
