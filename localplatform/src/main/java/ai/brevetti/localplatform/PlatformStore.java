package ai.brevetti.localplatform;

import ai.brevetti.internal.Json;
import ai.brevetti.internal.UserDirs;
import ai.brevetti.io.LocalStorage;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The local platform's own records, as JSON files under {@code <root>/platform/}: models, datasets, tags,
 * the charts and training progress jobs report. Writes are atomic: a record is written to
 * {@code platform/tmp/} (0600 from creation, outside every listed folder) and moved into place, and
 * {@code platform/tmp/} is emptied at start, so a killed platform leaves no half record and no stray copy
 * of an API key. A job is listed only once complete: its files first, its record last
 * ({@link #createJob}); a job whose creation was interrupted is undone at start ({@link #recover}).
 */
final class PlatformStore {
    /**
     * Test seam: runs with a job's id after its files are written and before its record is (a test stops
     * the platform there). Does nothing otherwise.
     */
    static volatile Consumer<String> beforeRecord = id -> { };

    private final Path dir;
    private final Path tmp;
    private final Path creating;
    private final LocalStorage files = new LocalStorage();

    PlatformStore(Path root) throws IOException {
        this.dir = Files.createDirectories(root.resolve("platform"));
        Files.createDirectories(dir.resolve("models"));
        Files.createDirectories(dir.resolve("datasets"));
        this.creating = Files.createDirectories(dir.resolve("creating"));
        this.tmp = Files.createDirectories(dir.resolve("tmp"));
        removeTemporaries();
    }

    /** What a killed platform left: everything in tmp/, and the ".name….part" files of earlier versions' writes. */
    private void removeTemporaries() throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                String name = p.getFileName().toString();
                if (p.getParent().equals(tmp) || name.startsWith(".") && name.endsWith(".part")) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /**
     * Undoes the creation of every job a killed platform did not finish: {@code undo} gets its id (to remove
     * the files written for it), then the job is forgotten. It was never listed: its record was not written.
     */
    void recover(Consumer<String> undo) throws IOException {
        try (Stream<Path> list = Files.list(creating)) {
            for (Path marker : list.toList()) {
                String id = marker.getFileName().toString();
                if (!Files.exists(dir.resolve("models").resolve(id + ".json"))) {
                    undo.accept(id);
                }
                Files.deleteIfExists(marker);
            }
        }
    }

    static String now() {
        return Instant.now().toString();
    }

    // ---- models

    ModelRecord createModel(String name, List<String> datasetIds, String settingsJson, List<String> tagIds,
                            String modelTypeId, Consumer<ModelRecord> files) {
        return createJob(name, datasetIds, settingsJson, tagIds, modelTypeId, null, null, files);
    }

    /** A model of the application {@code applicationId} (none when null). */
    ModelRecord createModel(String name, List<String> datasetIds, String settingsJson, List<String> tagIds,
                            String modelTypeId, String applicationId, Consumer<ModelRecord> files) {
        return createJob(name, datasetIds, settingsJson, tagIds, modelTypeId, null, applicationId, files);
    }

    ModelRecord createJob(String name, List<String> datasetIds, String settingsJson, List<String> tagIds,
                          String modelTypeId, String parentId, Consumer<ModelRecord> files) {
        return createJob(name, datasetIds, settingsJson, tagIds, modelTypeId, parentId, null, files);
    }

    /**
     * A job: a model, or a test report of model {@code parentId}. {@code files} writes what the job needs
     * (its info.json) before the record is written: the job is listed only once complete. A marker in
     * {@code creating/} meanwhile lets {@link #recover} undo a creation a kill interrupted.
     */
    ModelRecord createJob(String name, List<String> datasetIds, String settingsJson, List<String> tagIds,
                          String modelTypeId, String parentId, String applicationId, Consumer<ModelRecord> files) {
        ModelRecord model = new ModelRecord(UUID.randomUUID().toString(), name, now(), null, null, S3Server.token(16),
                settingsJson == null || settingsJson.isBlank() ? "{}" : settingsJson, datasetIds, tagIds,
                modelTypeId == null ? ModelRecord.CUSTOM_JOB : modelTypeId, null, parentId, null, null, applicationId);
        Path marker = creating.resolve(model.id());
        try {
            Files.createFile(marker);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create model " + model.id() + ": " + e.getMessage(), e);
        }
        files.accept(model);
        beforeRecord.accept(model.id());
        save(model);
        try {
            Files.deleteIfExists(marker);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot finish creating model " + model.id() + ": " + e.getMessage(), e);
        }
        return model;
    }

    synchronized void save(ModelRecord model) {
        write(dir.resolve("models").resolve(model.id() + ".json"), Json.writePretty(model));
    }

    Optional<ModelRecord> model(String id) {
        return read(dir.resolve("models").resolve(safe(id) + ".json"), ModelRecord.class);
    }

    List<ModelRecord> models() {
        return all(dir.resolve("models"), ModelRecord.class);
    }

    synchronized boolean deleteModel(String id) {
        Path file = dir.resolve("models").resolve(safe(id) + ".json");
        files.remove(dir.resolve("models").resolve(safe(id)).toString());
        boolean existed = Files.exists(file);
        files.remove(file.toString());
        return existed;
    }

    // ---- datasets

    synchronized DatasetRecord createDataset(String name, String reference, String notes, List<String> tagIds) {
        String id = UUID.randomUUID().toString();
        DatasetRecord dataset = new DatasetRecord(id, name, now(), id, reference, notes, tagIds, false);
        write(dir.resolve("datasets").resolve(id + ".json"), Json.writePretty(dataset));
        return dataset;
    }

    /** Replaces a dataset's record (same id). */
    synchronized void save(DatasetRecord dataset) {
        write(dir.resolve("datasets").resolve(safe(dataset.id()) + ".json"), Json.writePretty(dataset));
    }

    Optional<DatasetRecord> dataset(String id) {
        return read(dir.resolve("datasets").resolve(safe(id) + ".json"), DatasetRecord.class);
    }

    List<DatasetRecord> datasets() {
        return all(dir.resolve("datasets"), DatasetRecord.class);
    }

    // ---- tags

    List<Map<String, Object>> tags() {
        Path file = dir.resolve("tags.json");
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return Json.mapper().readValue(Files.readString(file), new TypeReference<List<Map<String, Object>>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Adds a tag under {@code parentId} (or as a new root) and returns it. */
    @SuppressWarnings("unchecked")
    synchronized Map<String, Object> createTag(String name, String parentId) {
        List<Map<String, Object>> roots = new ArrayList<>(tags());
        Map<String, Object> tag = new LinkedHashMap<>();
        tag.put("id", UUID.randomUUID().toString());
        tag.put("name", name);
        tag.put("parentId", parentId);
        tag.put("created", now());
        tag.put("children", new ArrayList<>());
        if (parentId == null) {
            roots.add(tag);
        } else if (!addChild(roots, parentId, tag)) {
            throw new IllegalArgumentException("No tag with id " + parentId);
        }
        write(dir.resolve("tags.json"), Json.writePretty(roots));
        return tag;
    }

    /** The tag {@code id} with its sub-tags, wherever it is in the trees. */
    Optional<Map<String, Object>> tag(String id) {
        return findTag(tags(), id);
    }

    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Object>> findTag(List<Map<String, Object>> tags, String id) {
        for (Map<String, Object> t : tags) {
            if (id.equals(t.get("id"))) {
                return Optional.of(t);
            }
            Optional<Map<String, Object>> below = findTag((List<Map<String, Object>>) t.getOrDefault("children", List.of()), id);
            if (below.isPresent()) {
                return below;
            }
        }
        return Optional.empty();
    }

    /** Removes the tag {@code id} and its sub-tags; false when there is none. */
    synchronized boolean deleteTag(String id) {
        List<Map<String, Object>> roots = new ArrayList<>(tags());
        if (!removeTag(roots, id)) {
            return false;
        }
        write(dir.resolve("tags.json"), Json.writePretty(roots));
        return true;
    }

    @SuppressWarnings("unchecked")
    private static boolean removeTag(List<Map<String, Object>> tags, String id) {
        if (tags.removeIf(t -> id.equals(t.get("id")))) {
            return true;
        }
        for (Map<String, Object> t : tags) {
            List<Map<String, Object>> children = new ArrayList<>((List<Map<String, Object>>) t.getOrDefault("children", List.of()));
            if (removeTag(children, id)) {
                t.put("children", children);
                return true;
            }
        }
        return false;
    }

    /** The folder of the records of one kind ({@code projects}, {@code devices}, …) under {@code platform/}. */
    Path records(String kind) {
        return dir.resolve(kind);
    }

    /** A file of the platform's own directly under {@code <root>/platform/} (write it with {@link #write}). */
    Path file(String name) {
        return dir.resolve(name);
    }

    @SuppressWarnings("unchecked")
    private static boolean addChild(List<Map<String, Object>> tags, String parentId, Map<String, Object> child) {
        for (Map<String, Object> t : tags) {
            List<Map<String, Object>> children = new ArrayList<>((List<Map<String, Object>>) t.getOrDefault("children", List.of()));
            if (parentId.equals(t.get("id"))) {
                children.add(child);
                t.put("children", children);
                return true;
            }
            if (addChild(children, parentId, child)) {
                t.put("children", children);
                return true;
            }
        }
        return false;
    }

    // ---- what jobs report

    synchronized void saveChart(String modelId, String name, String json) {
        Path charts = dir.resolve("models").resolve(safe(modelId)).resolve("charts");
        write(charts.resolve(fileName(name) + ".json"), json);
    }

    /** Chart name → Vega-Lite JSON, in the order they were first uploaded. */
    Map<String, String> charts(String modelId) {
        Path charts = dir.resolve("models").resolve(safe(modelId)).resolve("charts");
        Map<String, String> out = new LinkedHashMap<>();
        if (Files.isDirectory(charts)) {
            try (Stream<Path> list = Files.list(charts)) {
                for (Path p : list.sorted((a, b) -> Long.compare(created(a), created(b))).toList()) {
                    String name = p.getFileName().toString();
                    out.put(name.substring(0, name.length() - ".json".length()), Files.readString(p));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** How many charts the model has. */
    int chartCount(String modelId) {
        Path charts = dir.resolve("models").resolve(safe(modelId)).resolve("charts");
        if (!Files.isDirectory(charts)) {
            return 0;
        }
        try (Stream<Path> list = Files.list(charts)) {
            return (int) list.filter(p -> p.toString().endsWith(".json")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long created(Path p) {
        try {
            return Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class).creationTime().toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Appends one training-progress point (a JSON object) for the model. */
    synchronized void appendMonitor(String modelId, String jsonObject) {
        Path file = dir.resolve("models").resolve(safe(modelId)).resolve("remotemonitor.jsonl");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, jsonObject.replace('\n', ' ') + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot record training progress for model " + modelId + ": " + e.getMessage(), e);
        }
    }

    /** The training-progress points of the model, oldest first (never a half-written last line: appends hold the same lock). */
    synchronized List<Map<String, Object>> monitor(String modelId) {
        Path file = dir.resolve("models").resolve(safe(modelId)).resolve("remotemonitor.jsonl");
        List<Map<String, Object>> points = new ArrayList<>();
        if (Files.exists(file)) {
            try {
                for (String line : Files.readAllLines(file)) {
                    if (!line.isBlank()) {
                        points.add(Json.parseObject(line));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return points;
    }

    // ---- files

    /** Writes {@code file} whole or not at all: a temporary file in tmp/ (0600 from creation) moved into place. */
    void write(Path file, String content) {
        write(file, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code content} to {@code file} atomically, readable by the user only (see the class). */
    void write(Path file, byte[] content) {
        try {
            Files.createDirectories(file.getParent());
            Path part = Files.createTempFile(tmp, file.getFileName().toString(), ".part", UserDirs.privateFile());
            try {
                Files.write(part, content);
                Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(part);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the platform record " + file + ": " + e.getMessage(), e);
        }
    }

    static <T> Optional<T> read(Path file, Class<T> type) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.mapper().readValue(Files.readString(file), type));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the platform record " + file + ": " + e.getMessage(), e);
        }
    }

    static <T> List<T> all(Path folder, Class<T> type) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(folder)) {
            List<T> out = new ArrayList<>();
            for (Path p : list.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                read(p, type).ifPresent(out::add);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ids come from URLs: only GUID-like characters may reach the file system. */
    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[A-Za-z0-9-]{1,64}");

    static String safe(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("Not a valid id: " + (id == null ? "null" : "'" + id.replaceAll("[^ -~]", "?") + "'"));
        }
        return id;
    }

    static String fileName(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._ -]", "_").strip();
        return safe.isEmpty() || safe.startsWith(".") ? "_" + safe : safe;
    }
}
