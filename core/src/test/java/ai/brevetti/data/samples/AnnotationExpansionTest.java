package ai.brevetti.data.samples;

import static ai.brevetti.testing.Folders.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.platform.Dataset;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One sample per annotation, and bad annotation files found before any epoch. */
class AnnotationExpansionTest {
    @TempDir
    Path dir;

    private Samples annotated(Map<String, String> annotations) {
        Path root = dir.resolve("ds");
        file(root, "good/1.bmp", "one");
        file(root, "good/2.bmp", "two");
        file(root, "bad/3.bmp", "three");
        annotations.forEach((image, json) -> file(root, ".annotations/" + image + ".json", json));
        return Dataset.of("ds", root.toString()).getImageSamples(ImageSamples.options().annotations(Map.of("how", "left")));
    }

    @Test
    void eachEntryBecomesASampleWithItsLabelTypeAndBox() {
        Samples samples = annotated(Map.of(
                "good/1.bmp", "{\"annotations\": [{\"type\": \"polygon\", \"label\": \"cap\", \"points\": [{\"x\": 10, \"y\": 20}, {\"x\": 30.5, \"y\": 20}, {\"x\": 20, \"y\": 40}]},"
                        + " {\"type\": \"rectangle\", \"label\": \"defect\", \"points\": [[5, 5], [1, 9]]}, {\"label\": \"good\"}]}",
                "bad/3.bmp", "[{\"type\": \"point\", \"label\": \"dot\", \"points\": [[4, 4]]}]",
                "good/2.bmp", "{\"annotations\": []}"));
        Samples outer = AnnotationExpansion.expandSamplesWithAnnotations(samples);
        assertEquals(List.of("label", "type", "bbox"), outer.columnNames().subList(outer.columnNames().size() - 3, outer.columnNames().size()));
        assertEquals(5, outer.size(), "3 entries + 1 point + 1 sample without entries, kept once (outer)");
        assertEquals(List.of("dot", "cap", "defect", "good", ""), outer.column("label"));
        assertEquals(List.of("point", "polygon", "rectangle", "class", ""), outer.column("type"));
        assertEquals(List.of("[4, 4, 4, 4]", "[10, 20, 30.5, 40]", "[1, 5, 5, 9]", "", ""), outer.column("bbox"));
        assertEquals(samples.get(1).path(), outer.get(1).path(), "the sample's columns repeat on each of its rows");

        Samples inner = AnnotationExpansion.expandSamplesWithAnnotations(samples, "annotation_path", "inner");
        assertEquals(4, inner.size());
    }

    @Test
    void badAnnotationFilesFailTheCallNamingEachFile() {
        Samples samples = annotated(Map.of(
                "good/1.bmp", "{\"annotations\": [{\"type\": \"polygon\", \"label\": \"cap\", \"points\": [[1, 1], [2, 2]]}]}",
                "good/2.bmp", "{\"annotations\": [{\"type\": \"polygon\", \"label\": \"cap\", \"points\": [[1, 1], [2, 2], [3",
                "bad/3.bmp", "{\"annotations\": [{\"type\": \"line\", \"points\": [[1, 1], [2, 2]]}]}"));
        SampleException e = assertThrows(SampleException.class, () -> AnnotationExpansion.expandSamplesWithAnnotations(samples));
        String m = e.getMessage();
        assertTrue(m.startsWith("3 annotation files of column 'annotation_path' cannot be expanded"), m);
        assertTrue(m.contains("good/1.bmp.json': entry 0 (polygon 'cap') has 2 points; a polygon needs at least 3"), m);
        assertTrue(m.contains("good/2.bmp.json': it is not valid JSON"), m);
        assertTrue(m.contains("bad/3.bmp.json': entry 0 has no \"label\""), m);

        Samples missing = samples.withColumn("annotation_path", List.of(dir.resolve("nope.json").toString(), "", ""));
        assertTrue(assertThrows(SampleException.class, () -> AnnotationExpansion.expandSamplesWithAnnotations(missing)).getMessage()
                .contains("nope.json"));
        Samples notNumbers = annotated(Map.of("good/1.bmp", "[{\"label\": \"a\", \"type\": \"point\", \"points\": [{\"x\": \"1\", \"y\": 2}]}]"));
        assertTrue(assertThrows(SampleException.class, () -> AnnotationExpansion.expandSamplesWithAnnotations(notNumbers)).getMessage()
                .contains("point 0 is {\"x\":\"1\",\"y\":2}"));
        Samples wrongShape = annotated(Map.of("good/1.bmp", "{\"shapes\": []}"));
        assertTrue(assertThrows(SampleException.class, () -> AnnotationExpansion.expandSamplesWithAnnotations(wrongShape)).getMessage()
                .contains("without an \"annotations\" list"));
    }

    @Test
    void theOlderColumnNameAndBadArguments() {
        Samples samples = annotated(Map.of("good/1.bmp", "[{\"label\": \"a\"}]"));
        Samples older = Samples.of(samples.table().copy().removeColumns("annotation_etag"));
        older.table().column("annotation_path").setName("segmentation_path");
        older = new Samples(older.table(), samples.io());
        assertEquals(3, AnnotationExpansion.expandSamplesWithAnnotations(older).size(), "segmentation_path is read when annotation_path is not there");
        assertThrows(IllegalArgumentException.class, () -> AnnotationExpansion.expandSamplesWithAnnotations(samples, "nope", "outer"));
        assertThrows(IllegalArgumentException.class, () -> AnnotationExpansion.expandSamplesWithAnnotations(samples, "annotation_path", "left"));
        Samples twice = AnnotationExpansion.expandSamplesWithAnnotations(samples);
        assertThrows(IllegalArgumentException.class, () -> AnnotationExpansion.expandSamplesWithAnnotations(twice));
    }
}
