package ai.brevetti.interfaces.pivot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.data.samples.Samples;
import ai.brevetti.internal.Json;
import ai.brevetti.io.IoTools;
import ai.brevetti.io.S3Storage;
import ai.brevetti.platform.Dataset;
import ai.brevetti.platform.Tag;
import ai.brevetti.testing.Captured;
import ai.brevetti.testing.S3TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Pivot exports compared field by field with spec §7.2 (pivot_fields, pivot_data, get_default_fields, dataset_meta). */
class PivotTablesTest {
    @TempDir
    Path dir;

    /** Five samples in two datasets; one multi-class sample; two identical samples (same field values). */
    static Samples samples() {
        Table t = Table.create("samples",
                StringColumn.create("category", "good", "bad|scratch", "good", "bad", "good"),
                StringColumn.create("folder", "good", "bad_scratch", "good", "bad", "good"),
                StringColumn.create("path", "/d1/good/1.bmp", "/d1/bad_scratch/2.bmp", "/d1/good/3.bmp", "/d2/bad/4.bmp", "/d2/good/5.bmp"),
                StringColumn.create("bucket", "/d1", "/d1", "/d1", "/d2", "/d2"),
                StringColumn.create("dataset", "one", "one", "one", "two", "two"),
                StringColumn.create("dataset_id", "d1", "d1", "d1", "d2", "d2"),
                StringColumn.create("url", "u1", "u2", "u3", "u4", "u5"),
                StringColumn.create("purpose", "train", "train", "train", "devel", ""));
        return Samples.of(t);
    }

    /** Factory (t-0) → Line 1 (t1), Line 2 (t2); Customer (c 0) → Acme (c1). d1: Line 1; d2: Line 1, Line 2, Acme. */
    static List<Tag> tags() {
        Tag line1 = new Tag("t1", "Line 1", java.util.Optional.of("t-0"), "", List.of());
        Tag line2 = new Tag("t2", "Line 2", java.util.Optional.of("t-0"), "", List.of());
        Tag acme = new Tag("c1", "Acme", java.util.Optional.of("c 0"), "", List.of());
        return List.of(new Tag("t-0", "Factory", java.util.Optional.empty(), "", List.of(line1, line2)),
                new Tag("c 0", "Customer", java.util.Optional.empty(), "", List.of(acme)));
    }

    static List<Dataset> datasets() {
        return List.of(Dataset.fromMap(Map.of("id", "d1", "name", "one", "bucket", "/d1", "tagIds", List.of("t1")), "/data"),
                Dataset.fromMap(Map.of("id", "d2", "name", "two", "bucket", "/d2", "tagIds", List.of("t1", "t2", "c1")), "/data"));
    }

    static Map<String, Object> rec(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void defaultFieldsAreThePresentColumnsWithTheClassesAsSortOrder() {
        Map<String, Object> fields = PivotTables.getDefaultFields(samples());
        assertEquals(List.of("category", "folder", "dataset_id", "purpose"), List.copyOf(fields.keySet()));
        assertEquals(rec("label", "Category", "sort", List.of("good", "bad", "scratch")), fields.get("category"));
        assertEquals("Folder", fields.get("folder"));
        assertEquals("Dataset Id", fields.get("dataset_id"));
        assertEquals("Purpose", fields.get("purpose"));
        Samples noPurpose = Samples.of(samples().table().rejectColumns("purpose", "folder"));
        assertEquals(List.of("category", "dataset_id"), List.copyOf(PivotTables.getDefaultFields(noPurpose).keySet()));
    }

    @Test
    void theDocumentationsExportWritesBothFilesAsThePlatformReadsThem() throws Exception {
        Path pivot = Files.createDirectories(dir.resolve("artifacts/pivot"));
        PivotTables.Export export = PivotTables.exportPivotTable(pivot.toString(), samples(), datasets(), null, tags(),
                List.of("dataset_id"), List.of("category"), Map.of("url", "first"));

        // summary_fields.json, in Python's json.dumps layout
        String fields = Files.readString(pivot.resolve("summary_fields.json"));
        assertEquals("{\"rowFields\": [{\"key\": \"dataset_id\", \"label\": \"Dataset Id\"}], "
                + "\"colFields\": [{\"key\": \"category\", \"label\": \"Category\", \"sort\": [\"good\", \"bad\", \"scratch\"]}], "
                + "\"fields\": [{\"key\": \"folder\", \"label\": \"Folder\"}, {\"key\": \"purpose\", \"label\": \"Purpose\"}, "
                + "{\"key\": \"tag_c0\", \"label\": \"Customer\"}, {\"key\": \"tag_t_0\", \"label\": \"Factory\"}]}", fields);

        // classification_summary.json: one record per exploded combination and sample-combination id
        List<Object> records = Json.parseList(Files.readString(pivot.resolve("classification_summary.json")));
        assertEquals(export.records(), records.size());
        List<String> keys = List.of("category", "folder", "dataset_id", "purpose", "tag_c0", "tag_t_0", "id", "url", "count");
        for (Object r : records) {
            assertEquals(keys, List.copyOf(((Map<?, ?>) r).keySet()));
        }
        // ids number the distinct unexploded combinations in sorted order:
        // 0: bad/bad/d2/devel/Acme/[Line 1, Line 2]  1: [bad, scratch]/bad_scratch/d1/train/N/A/Line 1
        // 2: good/good/d1/train/N/A/Line 1 (two samples)  3: good/good/d2/N/A/Acme/[Line 1, Line 2]
        assertEquals(List.of(
                rec("category", "bad", "folder", "bad", "dataset_id", "d2", "purpose", "devel", "tag_c0", "Acme", "tag_t_0", "Line 1", "id", 0, "url", "u4", "count", 1),
                rec("category", "bad", "folder", "bad", "dataset_id", "d2", "purpose", "devel", "tag_c0", "Acme", "tag_t_0", "Line 2", "id", 0, "url", "u4", "count", 1),
                rec("category", "bad", "folder", "bad_scratch", "dataset_id", "d1", "purpose", "train", "tag_c0", "N/A", "tag_t_0", "Line 1", "id", 1, "url", "u2", "count", 1),
                rec("category", "good", "folder", "good", "dataset_id", "d1", "purpose", "train", "tag_c0", "N/A", "tag_t_0", "Line 1", "id", 2, "url", "u1", "count", 2),
                rec("category", "good", "folder", "good", "dataset_id", "d2", "purpose", "N/A", "tag_c0", "Acme", "tag_t_0", "Line 1", "id", 3, "url", "u5", "count", 1),
                rec("category", "good", "folder", "good", "dataset_id", "d2", "purpose", "N/A", "tag_c0", "Acme", "tag_t_0", "Line 2", "id", 3, "url", "u5", "count", 1),
                rec("category", "scratch", "folder", "bad_scratch", "dataset_id", "d1", "purpose", "train", "tag_c0", "N/A", "tag_t_0", "Line 1", "id", 1, "url", "u2", "count", 1)),
                records);
        assertTrue(Files.readString(pivot.resolve("classification_summary.json")).startsWith("[{\"category\": \"bad\", \"folder\": "));
    }

    @Test
    void datasetTagsBecomeColumnsLabelledWithTheirRoot() {
        PivotTables.DatasetMeta meta = PivotTables.joinDatasetMeta(samples(), datasets(), tags());
        assertEquals(Map.of("tag_c0", "Customer", "tag_t_0", "Factory"), meta.labels());
        assertEquals(List.of("", "", "", "Acme", "Acme"), meta.samples().column("tag_c0"));
        assertEquals(List.of("Line 1", "Line 1", "Line 1", "Line 1|Line 2", "Line 1|Line 2"), meta.samples().column("tag_t_0"));
        Tag rootOnly = new Tag("r", "Root", java.util.Optional.empty(), "", List.of());
        Dataset tagged = Dataset.fromMap(Map.of("id", "d1", "name", "one", "bucket", "/d1", "tagIds", List.of("r")), "/data");
        assertEquals(List.of("Root", "Root", "Root", "", ""),
                PivotTables.joinDatasetMeta(samples(), List.of(tagged), List.of(rootOnly)).samples().column("tag_r"),
                "a dataset tagged with a root tag gets the root's name");
    }

    @Test
    void aCountColumnIsSummedAndOtherAggregationsApply() {
        Samples weighted = samples().withColumn("count", List.of("2", "1", "3", "1", "1")).withColumn("score", List.of("0.5", "1", "1.5", "2", "x"));
        Map<String, String> agg = new LinkedHashMap<>();
        agg.put("score", "max");
        agg.put("path", "nunique");
        List<Map<String, Object>> records = PivotTables.pivotData(weighted, Map.of("dataset_id", "Dataset Id"), agg);
        assertEquals(List.of(rec("dataset_id", "d1", "id", 0, "score", 1.5, "path", 3, "count", 6L),
                rec("dataset_id", "d2", "id", 1, "score", "x", "path", 2, "count", 2L)), records);
        IllegalArgumentException notNumbers = assertThrows(IllegalArgumentException.class,
                () -> PivotTables.pivotData(weighted, Map.of("dataset_id", "Dataset Id"), Map.of("score", "sum")));
        assertTrue(notNumbers.getMessage().contains("'sum' of 'score' needs numbers, not 'x'"), notNumbers.getMessage());
    }

    @Test
    void anEmptyTableGivesAnEmptySummaryAndAWarning() throws Exception {
        Path pivot = Files.createDirectories(dir.resolve("pivot"));
        Captured<PivotTables.Export> run = Captured.run(() -> PivotTables.exportPivotTable(pivot.toString(), Samples.empty(new IoTools()),
                null, null, null, List.of("dataset_id"), List.of("category"), Map.of("url", "first")));
        assertEquals(0, run.value.records());
        assertEquals("[]", Files.readString(pivot.resolve("classification_summary.json")));
        assertEquals("{\"rowFields\": [{\"key\": \"dataset_id\", \"label\": \"Dataset Id\"}], "
                + "\"colFields\": [{\"key\": \"category\", \"label\": \"Category\", \"sort\": []}], "
                + "\"fields\": [{\"key\": \"folder\", \"label\": \"Folder\"}]}", Files.readString(pivot.resolve("summary_fields.json")));
        assertTrue(run.err.contains("Pivot table of no samples"), run.err);
    }

    @Test
    void unknownFieldsAndAggregationsAreNamed() {
        IllegalArgumentException row = assertThrows(IllegalArgumentException.class, () -> PivotTables.exportPivotTable(dir.toString(),
                samples(), null, null, null, List.of("dataset"), List.of(), Map.of()));
        assertTrue(row.getMessage().startsWith("Pivot row 'dataset' is not one of the fields [category, folder, dataset_id, purpose]"),
                row.getMessage());
        IllegalArgumentException field = assertThrows(IllegalArgumentException.class,
                () -> PivotTables.pivotData(samples(), Map.of("camera", "Camera"), Map.of()));
        assertTrue(field.getMessage().startsWith("Pivot field 'camera' is not a column"), field.getMessage());
        IllegalArgumentException agg = assertThrows(IllegalArgumentException.class,
                () -> PivotTables.pivotData(samples(), Map.of("folder", "Folder"), Map.of("url", "median")));
        assertTrue(agg.getMessage().startsWith("Pivot aggregation 'median' of 'url' is not one of"), agg.getMessage());
        IllegalArgumentException noDatasetId = assertThrows(IllegalArgumentException.class, () -> PivotTables.joinDatasetMeta(
                Samples.of(samples().table().rejectColumns("dataset_id")), datasets(), tags()));
        assertTrue(noDatasetId.getMessage().contains("'dataset_id' column"), noDatasetId.getMessage());
    }

    @Test
    void thePivotFolderMayBeOnS3() throws Exception {
        try (S3TestServer server = S3TestServer.start(Files.createDirectories(dir.resolve("s3")))) {
            String root = "s3://" + S3TestServer.BUCKET;
            IoTools io = new IoTools().register(new S3Storage().route(root, server.access()));
            Samples onS3 = new Samples(samples().table(), io);
            PivotTables.Export export = PivotTables.exportPivotTable(root + "/job/artifacts/pivot", onS3);
            assertEquals(root + "/job/artifacts/pivot/summary_fields.json", export.summaryFields());
            assertTrue(io.readText(export.classificationSummary()).startsWith("[{\"category\": \"bad\""));
            io.close();
        }
    }
}
