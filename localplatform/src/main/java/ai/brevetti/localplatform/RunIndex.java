package ai.brevetti.localplatform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Every job's {@link RunSummary}, kept in memory and re-read only when its files changed: each call lists the
 * records folder and compares each record's and each output.json's time, size and inode with what was read
 * (about two {@code stat} calls per job), so a page of a platform of thousands of runs does not parse
 * thousands of files per request, and a changed file is never served stale. Datasets likewise.
 */
final class RunIndex {
    /** A file's identity and version: a rewrite (atomic move) changes its inode, an append its size and time. */
    record Stamp(FileTime modified, long size, Object key) {
        static Stamp of(Path file) {
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                return new Stamp(a.lastModifiedTime(), a.size(), a.fileKey());
            } catch (NoSuchFileException e) {
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the attributes of " + file + ": " + e.getMessage(), e);
            }
        }
    }

    private record Cached<T>(Stamp record, Stamp output, T value) {}

    private final PlatformStore store;
    private final S3Server s3;
    private final Map<String, Cached<RunSummary>> runs = new ConcurrentHashMap<>();
    private final Map<String, Cached<DatasetRecord>> datasets = new ConcurrentHashMap<>();

    RunIndex(PlatformStore store, S3Server s3) {
        this.store = store;
        this.s3 = s3;
    }

    /** Every job (models and test reports), in the order of their record files. */
    List<RunSummary> all() {
        List<RunSummary> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Path file : records("models")) {
            String id = idOf(file);
            seen.add(id);
            run(id, file).ifPresent(out::add);
        }
        runs.keySet().retainAll(seen);
        return out;
    }

    /** One job's summary, read again when its files changed; empty when there is no such job. */
    Optional<RunSummary> run(String id) {
        return run(PlatformStore.safe(id), store.records("models").resolve(id + ".json"));
    }

    private Optional<RunSummary> run(String id, Path recordFile) {
        Stamp record = Stamp.of(recordFile);
        if (record == null) {
            runs.remove(id);
            return Optional.empty();
        }
        String outputKey = id + "/artifacts/output.json";
        Stamp output = Stamp.of(s3.file(outputKey));
        Cached<RunSummary> cached = runs.get(id);
        if (cached != null && record.equals(cached.record()) && java.util.Objects.equals(output, cached.output())) {
            return Optional.of(cached.value());
        }
        // the stamps are taken before reading: a change while reading is seen by the next call
        Optional<ModelRecord> model = PlatformStore.read(recordFile, ModelRecord.class);
        if (model.isEmpty()) {
            runs.remove(id);
            return Optional.empty();
        }
        Map<String, Object> metrics = Map.of();
        String problem = null;
        if (output != null) {
            try {
                metrics = s3.get(outputKey).map(b -> OutputMetrics.parse(new String(b, StandardCharsets.UTF_8))).orElse(Map.of());
            } catch (IllegalArgumentException e) {
                problem = e.getMessage();
            }
        }
        RunSummary summary = new RunSummary(model.get(), metrics, problem);
        runs.put(id, new Cached<>(record, output, summary));
        return Optional.of(summary);
    }

    /** Every dataset, by id. */
    Map<String, DatasetRecord> datasets() {
        Map<String, DatasetRecord> out = new java.util.LinkedHashMap<>();
        for (Path file : records("datasets")) {
            String id = idOf(file);
            Stamp stamp = Stamp.of(file);
            Cached<DatasetRecord> cached = datasets.get(id);
            if (stamp == null) {
                continue;
            }
            if (cached == null || !stamp.equals(cached.record())) {
                Optional<DatasetRecord> read = PlatformStore.read(file, DatasetRecord.class);
                if (read.isEmpty()) {
                    continue;
                }
                cached = new Cached<>(stamp, null, read.get());
                datasets.put(id, cached);
            }
            out.put(id, cached.value());
        }
        datasets.keySet().retainAll(out.keySet());
        return out;
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
