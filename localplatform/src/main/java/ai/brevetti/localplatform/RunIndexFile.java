package ai.brevetti.localplatform;

import ai.brevetti.internal.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runs index's summaries kept between starts, in {@code <root>/platform/}{@value #NAME}: each job's and
 * dataset's summary with the stamps (time, size, file key) of the files it was made from, so a start reads
 * again only the files whose stamps changed. Written atomically (a temporary file moved into place, 0600) by
 * {@link PlatformStore#write}; a file of another {@value #VERSION version} or one that cannot be read is
 * ignored with one warning, and the index is made again from the runs' files. Holds no API key
 * ({@link RunSummary}).
 */
final class RunIndexFile {
    private static final Logger LOG = LoggerFactory.getLogger(RunIndexFile.class);
    static final String NAME = "run-index.json";
    static final String FORMAT = "brevettiai local platform run index";
    /** The format's version: a file with another one is ignored (and replaced at the next save). */
    static final int VERSION = 1;

    /** What a file held: job id → summary, dataset id → record, each with its stamps. */
    record Contents(Map<String, Stamped<RunSummary>> runs, Map<String, Stamped<DatasetRecord>> datasets) {}

    record StampForm(String modified, long size, String key) {
        static StampForm of(FileStamp s) {
            return s == null ? null : new StampForm(s.modified().toInstant().toString(), s.size(), s.key());
        }

        FileStamp stamp() {
            return new FileStamp(FileTime.from(Instant.parse(modified)), size, key);
        }
    }

    record RunEntry(String taken, StampForm record, StampForm output, ModelRecord model, Map<String, Object> metrics, String outputProblem) {}

    record DatasetEntry(String taken, StampForm record, DatasetRecord dataset) {}

    record Form(String format, int version, Map<String, RunEntry> runs, Map<String, DatasetEntry> datasets) {}

    private final Path file;
    private final PlatformStore store;

    RunIndexFile(PlatformStore store) {
        this.store = store;
        this.file = store.file(NAME);
    }

    Path file() {
        return file;
    }

    /** The file's summaries; empty when there is none, or (with one warning) when it is of another version or cannot be read. */
    Optional<Contents> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            JsonNode tree = Json.mapper().readTree(Files.readString(file));
            if (tree == null || !FORMAT.equals(tree.path("format").asText()) || tree.path("version").asInt(-1) != VERSION) {
                LOG.warn("The runs index file {} is not of this version ({} version {}): it is ignored, and made again from the runs' files",
                        file, FORMAT, VERSION);
                return Optional.empty();
            }
            return Optional.of(contents(Json.mapper().treeToValue(tree, Form.class)));
        } catch (IOException | RuntimeException e) {
            LOG.warn("The runs index file {} cannot be read ({}): it is ignored, and made again from the runs' files", file,
                    String.valueOf(e.getMessage()).lines().findFirst().orElse(e.getClass().getSimpleName()));
            return Optional.empty();
        }
    }

    private static Contents contents(Form form) {
        Map<String, Stamped<RunSummary>> runs = new LinkedHashMap<>();
        form.runs().forEach((id, e) -> {
            if (!id.equals(e.model().id())) {
                throw new IllegalArgumentException("the entry " + id + " holds the job " + e.model().id());
            }
            runs.put(id, new Stamped<>(e.record().stamp(), e.output() == null ? null : e.output().stamp(), Instant.parse(e.taken()),
                    new RunSummary(e.model(), e.metrics(), e.outputProblem())));
        });
        Map<String, Stamped<DatasetRecord>> datasets = new LinkedHashMap<>();
        form.datasets().forEach((id, e) -> {
            if (!id.equals(e.dataset().id())) {
                throw new IllegalArgumentException("the entry " + id + " holds the dataset " + e.dataset().id());
            }
            datasets.put(id, new Stamped<>(e.record().stamp(), null, Instant.parse(e.taken()), e.dataset()));
        });
        return new Contents(runs, datasets);
    }

    /** Writes these summaries (atomically; an {@link java.io.UncheckedIOException} when it cannot). */
    void save(Contents contents) {
        Map<String, RunEntry> runs = new LinkedHashMap<>();
        contents.runs().forEach((id, s) -> runs.put(id, new RunEntry(s.taken().toString(), StampForm.of(s.record()), StampForm.of(s.output()),
                s.value().record(), s.value().metrics(), s.value().outputProblem())));
        Map<String, DatasetEntry> datasets = new LinkedHashMap<>();
        contents.datasets().forEach((id, s) -> datasets.put(id, new DatasetEntry(s.taken().toString(), StampForm.of(s.record()), s.value())));
        store.write(file, Json.write(new Form(FORMAT, VERSION, runs, datasets)));
    }
}
