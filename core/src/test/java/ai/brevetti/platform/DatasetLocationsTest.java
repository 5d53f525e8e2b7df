package ai.brevetti.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dataset's locations (Python's DATASET_LOCATIONS), its relative paths and uploads, on a plain folder and an s3:// prefix. */
class DatasetLocationsTest {
    @TempDir
    Path dir;

    @Test
    void locationsByMode() {
        Dataset s3 = Dataset.of("ds", "s3://bucket/ds-id/");
        assertEquals("s3://bucket/ds-id", s3.getLocation("data"));
        assertEquals("s3://bucket/ds-id/good/1.bmp", s3.getLocation("data", "good", "1.bmp"));
        assertEquals("s3://bucket/ds-id/.annotations/good/1.bmp/a.json", s3.getLocation("annotations", "good/1.bmp", "a.json"));
        assertEquals("s3://bucket/ds-id/.meta", s3.getLocation("meta"));
        assertEquals("s3://bucket/ds-id/.samples/train.csv", s3.getLocation("samples", "train.csv"));
        assertEquals(List.of("annotations", "data", "meta", "samples"), Dataset.DATASET_LOCATIONS.keySet().stream().sorted().toList());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s3.getLocation("tiles")).getMessage()
                .contains("Unknown dataset location 'tiles'; use one of [annotations, data, meta, samples]"));
        for (String escape : List.of("..", "../other", "a/../../b", "/etc", "a//b", "a\\b", "s3://other/x")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s3.getLocation("samples", escape), escape);
            assertTrue(e.getMessage().contains("'" + escape + "' is not a path inside the dataset"), e.getMessage());
        }
    }

    @Test
    void relativePathsAndUploadsOnAFolder() throws Exception {
        Path root = dir.resolve("ds");
        Dataset ds = Dataset.of("ds", root.toString());
        String written = ds.upload(".meta/notes.json", "{\"a\": 1}");
        assertEquals(root.resolve(".meta/notes.json").toString(), written);
        assertEquals("{\"a\": 1}", Files.readString(root.resolve(".meta/notes.json")));
        assertEquals(".meta/notes.json", ds.getDsPath(written));
        assertEquals("good/1.bmp", ds.getDsPath(root + "/good/1.bmp"));
        for (String outside : List.of(dir.resolve("other/1.bmp").toString(), root.toString(), root + "/../x.bmp", root + "x/1.bmp")) {
            assertThrows(IllegalArgumentException.class, () -> ds.getDsPath(outside), outside);
        }
        assertThrows(IllegalArgumentException.class, () -> ds.upload("../escape.txt", "x"));
        assertTrue(Files.notExists(dir.resolve("escape.txt")));
    }
}
