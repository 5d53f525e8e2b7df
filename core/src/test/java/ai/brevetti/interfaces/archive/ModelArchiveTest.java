package ai.brevetti.interfaces.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model archives compared with spec §7.5 (package_saved_model, get_model_version, check_model_version). */
class ModelArchiveTest {
    @TempDir
    Path dir;

    /** A stand-in SavedModel: saved_model.pb and variables/. */
    Path savedModel() throws Exception {
        Path model = Files.createDirectories(dir.resolve("export/my_model"));
        Files.writeString(model.resolve("saved_model.pb"), "graph bytes");
        Files.createDirectories(model.resolve("variables"));
        Files.writeString(model.resolve("variables/variables.index"), "index");
        Files.writeString(model.resolve("variables/variables.data-00000-of-00001"), "weights");
        return model;
    }

    /** Entry name → content (null for folders), in archive order. */
    static Map<String, String> entries(Path archive) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream file = Files.newInputStream(archive);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                if (e.isDirectory()) {
                    out.put(e.getName(), null);
                } else {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    tar.transferTo(bytes);
                    out.put(e.getName(), bytes.toString(StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    @Test
    void theArchiveIsNamedByTheVersionOfItsContentAndHoldsTheFolderAsSavedModel() throws Exception {
        Path model = savedModel();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("id", "ae03ff72");
        meta.put("name", "demo");
        Path archive = ModelArchive.packageSavedModel(model, "saved_model", meta);

        assertEquals(model.getParent(), archive.getParent(), "next to the folder");
        String fileName = archive.getFileName().toString();
        assertTrue(fileName.matches("saved_model\\.\\d+\\.tar\\.gz"), fileName);
        // version = first 4 bytes of the archive's MD5, little-endian, unsigned
        byte[] md5 = MessageDigest.getInstance("MD5").digest(Files.readAllBytes(archive));
        long expected = new BigInteger(1, new byte[] {md5[3], md5[2], md5[1], md5[0]}).longValue();
        assertEquals(expected + "", fileName.split("\\.")[1]);
        assertEquals(expected, ModelArchive.getModelVersion(archive));
        assertTrue(ModelArchive.checkModelVersion(archive));

        Map<String, String> entries = entries(archive);
        assertEquals(List.of("saved_model/", "saved_model/assets.extra/", "saved_model/assets.extra/criterion_model_meta.json",
                "saved_model/saved_model.pb", "saved_model/variables/", "saved_model/variables/variables.data-00000-of-00001",
                "saved_model/variables/variables.index"), new ArrayList<>(entries.keySet()));
        assertEquals("{\"id\": \"ae03ff72\", \"name\": \"demo\"}", entries.get("saved_model/assets.extra/criterion_model_meta.json"));
        assertEquals("graph bytes", entries.get("saved_model/saved_model.pb"));
        assertFalse(Files.exists(model.resolve("assets.extra")), "the folder itself is left as it was");
        try (var left = Files.list(model.getParent())) {
            assertEquals(java.util.Set.of(archive, model), java.util.Set.copyOf(left.toList()), "no temporary file left behind");
        }
    }

    @Test
    void metadataReplacesTheFoldersOwnAndNoMetadataKeepsIt() throws Exception {
        Path model = savedModel();
        Files.createDirectories(model.resolve("assets.extra"));
        Files.writeString(model.resolve("assets.extra/criterion_model_meta.json"), "{\"old\": true}");
        Path out = dir.resolve("out");
        Path replaced = ModelArchive.packageSavedModel(model, "m", Map.of("new", 1), out);
        assertEquals(out, replaced.getParent());
        Map<String, String> entries = entries(replaced);
        assertEquals("{\"new\": 1}", entries.get("saved_model/assets.extra/criterion_model_meta.json"));
        assertEquals(1, entries.keySet().stream().filter(k -> k.endsWith("criterion_model_meta.json")).count());
        Path kept = ModelArchive.packageSavedModel(model, "m2", null, out);
        assertEquals("{\"old\": true}", entries(kept).get("saved_model/assets.extra/criterion_model_meta.json"));
    }

    @Test
    void aChangedArchiveOrAWrongNumberFailsTheCheck() throws Exception {
        Path archive = ModelArchive.packageSavedModel(savedModel(), "saved_model", null);
        long version = ModelArchive.getModelVersion(archive);
        Path renamed = Files.copy(archive, dir.resolve("saved_model." + (version + 1) + ".tar.gz"));
        assertFalse(ModelArchive.checkModelVersion(renamed), "version mismatch");
        Path changed = Files.copy(archive, dir.resolve("changed." + version + ".tar.gz"));
        Files.write(changed, new byte[] {0}, StandardOpenOption.APPEND);
        assertFalse(ModelArchive.checkModelVersion(changed), "content changed");
        Path noVersion = Files.copy(archive, dir.resolve("model.tar.gz"));
        assertFalse(ModelArchive.checkModelVersion(noVersion));
        assertFalse(ModelArchive.checkModelVersion(dir.resolve("missing.1.tar.gz")));
        Path dotted = Files.copy(archive, dir.resolve("my.model." + version + ".tar.gz"));
        assertTrue(ModelArchive.checkModelVersion(dotted), "the third part from the end is the version");
    }

    @Test
    void aFolderWithoutASavedModelIsRefusedByName() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("not_a_model"));
        Files.writeString(empty.resolve("weights.bin"), "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelArchive.packageSavedModel(empty, "saved_model", Map.of()));
        assertEquals("'" + empty + "' holds no SavedModel (no saved_model.pb); give the folder a model was saved to "
                + "(saved_model.pb and variables/)", e.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> ModelArchive.packageSavedModel(dir.resolve("nowhere"), "saved_model", Map.of()));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ModelArchive.packageSavedModel(savedModel(), "../up", null));
    }

    @Test
    void anArchiveUnpacksToItsSavedModelWithTheMetadata() throws Exception {
        Path archive = ModelArchive.packageSavedModel(savedModel(), "saved_model", Map.of("id", "m1"));
        Path unpacked = ModelArchive.extract(archive, dir.resolve("unpacked"));
        assertEquals(dir.resolve("unpacked/saved_model"), unpacked);
        assertEquals("graph bytes", Files.readString(unpacked.resolve("saved_model.pb")));
        assertEquals("weights", Files.readString(unpacked.resolve("variables/variables.data-00000-of-00001")));
        assertTrue(Files.readString(unpacked.resolve("assets.extra/criterion_model_meta.json")).contains("\"id\": \"m1\""));
        Path notAnArchive = Files.writeString(dir.resolve("x.tar.gz"), "nope");
        assertThrows(java.io.UncheckedIOException.class, () -> ModelArchive.extract(notAnArchive, dir.resolve("bad")));
    }

    @Test
    void packagingAndUnpackingReportTheirBytes() throws Exception {
        Path model = savedModel();
        long bytes;
        try (java.util.stream.Stream<Path> files = Files.walk(model)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
        List<ai.brevetti.internal.Progress.Update> updates = new ArrayList<>();
        Path archive;
        try (AutoCloseable l = ai.brevetti.internal.Progress.listen(updates::add)) {
            archive = ModelArchive.packageSavedModel(model, "saved_model", null);
            ModelArchive.extract(archive, dir.resolve("unpacked-progress"));
        }
        ai.brevetti.internal.Progress.Update packed = updates.stream().filter(u -> u.task().startsWith("Packaging") && u.finished())
                .findFirst().orElseThrow(() -> new AssertionError(updates.toString()));
        assertEquals(bytes, packed.total());
        assertEquals(bytes, packed.done(), "every byte of the folder");
        ai.brevetti.internal.Progress.Update unpacked = updates.stream().filter(u -> u.task().startsWith("Extracting") && u.finished())
                .findFirst().orElseThrow();
        assertEquals(Files.size(archive), unpacked.total());
        assertEquals(Files.size(archive), unpacked.done(), "the whole archive read");
        assertTrue(updates.stream().filter(u -> u.task().startsWith("Packaging")).count() > 2, "steps while packaging");
    }

    @Test
    void versionIsLittleEndianUnsigned() {
        assertEquals(0x04030201L, ModelArchive.version(new byte[] {1, 2, 3, 4, 9, 9}));
        assertEquals(4294967295L, ModelArchive.version(new byte[] {-1, -1, -1, -1}));
    }
}
