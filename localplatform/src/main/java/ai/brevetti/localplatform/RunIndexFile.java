package ai.brevetti.localplatform;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runs index's summaries kept between starts, in {@code <root>/platform/}{@value #NAME}: each job's and
 * dataset's summary with the stamps (time, size, file key) of the files it was made from and when they were
 * taken, so a start reads again only the files whose stamps changed. Binary, because parsing thousands of
 * records as JSON at start costs about as much as a whole warm page (and much more while the JVM is new):
 * {@value #MAGIC_TEXT}, the format's {@value #VERSION version}, the records' {@link RecordCodec#schema schemas},
 * the entries, and a CRC-32 of everything before it. Written atomically (a temporary file moved into place,
 * 0600) by {@link PlatformStore#write}; a file of another version or schema, or one that cannot be read
 * (truncated, damaged: its checksum), is ignored with one warning, and the index is made again from the
 * runs' files. Holds no API key ({@link RunSummary}).
 */
final class RunIndexFile {
    private static final Logger LOG = LoggerFactory.getLogger(RunIndexFile.class);
    static final String NAME = "run-index.bin";
    static final String MAGIC_TEXT = "BRVTRUNS";
    static final byte[] MAGIC = MAGIC_TEXT.getBytes(StandardCharsets.US_ASCII);
    /** The format's version, written after the magic: a file with another one is ignored (and replaced at the next save). */
    static final int VERSION = 1;
    private static final RecordCodec<ModelRecord> MODELS = new RecordCodec<>(ModelRecord.class);
    private static final RecordCodec<DatasetRecord> DATASETS = new RecordCodec<>(DatasetRecord.class);
    private static final String SCHEMA = MODELS.schema() + ";" + DATASETS.schema();

    /** What a file held: job id → summary, dataset id → record, each with its stamps. */
    record Contents(Map<String, Stamped<RunSummary>> runs, Map<String, Stamped<DatasetRecord>> datasets) {}

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
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return ignored("cannot be read (" + e.getMessage() + ")");
        }
        if (bytes.length < MAGIC.length + 4 + 8 || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return ignored("is not a runs index file");
        }
        int version = ByteBuffer.wrap(bytes, MAGIC.length, 4).getInt();
        if (version != VERSION) {
            return ignored("is of version " + version + ", not " + VERSION);
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        if (crc.getValue() != ByteBuffer.wrap(bytes, bytes.length - 8, 8).getLong()) {
            return ignored("is damaged (its checksum does not match)");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, MAGIC.length + 4, bytes.length - MAGIC.length - 4 - 8))) {
            String schema = RecordCodec.readString(in);
            if (!SCHEMA.equals(schema)) {
                return ignored("was written for other records (" + schema + ", now " + SCHEMA + ")");
            }
            Contents contents = read(in);
            if (in.available() != 0) {
                return ignored("cannot be read (" + in.available() + " bytes after the entries)");
            }
            return Optional.of(contents);
        } catch (IOException | RuntimeException e) {
            return ignored("cannot be read (" + String.valueOf(e.getMessage()).lines().findFirst().orElse(e.getClass().getSimpleName()) + ")");
        }
    }

    private Optional<Contents> ignored(String why) {
        LOG.warn("The runs index file {} {}: it is ignored, and made again from the runs' files", file, why);
        return Optional.empty();
    }

    private static Contents read(DataInputStream in) throws IOException {
        Map<String, Stamped<RunSummary>> runs = new LinkedHashMap<>();
        for (int i = in.readInt(); i > 0; i--) {
            Instant taken = readInstant(in);
            FileStamp record = readStamp(in);
            FileStamp output = in.readBoolean() ? readStamp(in) : null;
            ModelRecord model = MODELS.read(in);
            Map<String, Object> metrics = RecordCodec.readScalars(in);
            String problem = RecordCodec.readString(in);
            PlatformStore.safe(model.id());
            runs.put(model.id(), new Stamped<>(record, output, taken, new RunSummary(model, metrics, problem)));
        }
        Map<String, Stamped<DatasetRecord>> datasets = new LinkedHashMap<>();
        for (int i = in.readInt(); i > 0; i--) {
            Instant taken = readInstant(in);
            FileStamp record = readStamp(in);
            DatasetRecord dataset = DATASETS.read(in);
            PlatformStore.safe(dataset.id());
            datasets.put(dataset.id(), new Stamped<>(record, null, taken, dataset));
        }
        return new Contents(runs, datasets);
    }

    /** Writes these summaries (atomically; an {@link UncheckedIOException} when it cannot). */
    void save(Contents contents) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeInt(VERSION);
            RecordCodec.writeString(out, SCHEMA);
            out.writeInt(contents.runs().size());
            for (Stamped<RunSummary> s : contents.runs().values()) {
                writeInstant(out, s.taken());
                writeStamp(out, s.record());
                out.writeBoolean(s.output() != null);
                if (s.output() != null) {
                    writeStamp(out, s.output());
                }
                MODELS.write(out, s.value().record());
                RecordCodec.writeScalars(out, s.value().metrics());
                RecordCodec.writeString(out, s.value().outputProblem());
            }
            out.writeInt(contents.datasets().size());
            for (Stamped<DatasetRecord> s : contents.datasets().values()) {
                writeInstant(out, s.taken());
                writeStamp(out, s.record());
                DATASETS.write(out, s.value());
            }
            out.flush();
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeLong(crc.getValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        store.write(file, bytes.toByteArray());
    }

    private static void writeInstant(DataOutputStream out, Instant t) throws IOException {
        out.writeLong(t.getEpochSecond());
        out.writeInt(t.getNano());
    }

    private static Instant readInstant(DataInputStream in) throws IOException {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }

    private static void writeStamp(DataOutputStream out, FileStamp s) throws IOException {
        writeInstant(out, s.modified().toInstant());
        out.writeLong(s.size());
        RecordCodec.writeString(out, s.key());
    }

    private static FileStamp readStamp(DataInputStream in) throws IOException {
        return new FileStamp(FileTime.from(readInstant(in)), in.readLong(), RecordCodec.readString(in));
    }
}
