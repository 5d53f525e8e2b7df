package ai.brevetti.data.samples;

import static ai.brevetti.testing.Folders.file;
import static ai.brevetti.testing.Folders.md5;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.platform.Dataset;
import ai.brevetti.testing.Captured;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Joining a plain folder's images with the annotation files under its .annotations/. */
class AnnotationJoinTest {
    static final String POLYGON = "{\"annotations\": [{\"type\": \"polygon\", \"label\": \"cap\", \"points\": [[1, 1], [5, 1], [3, 4]]}]}";

    @TempDir
    Path dir;

    /** Four images; two annotated in the platform's layout (one twice), one beside, one not at all. */
    private Path vials() {
        return vials("vials");
    }

    private Path vials(String name) {
        Path root = dir.resolve(name);
        file(root, "good/1.bmp", "one");
        file(root, "good/2.bmp", "two");
        file(root, "bad/3.bmp", "three");
        file(root, "bad/4.bmp", "four");
        file(root, ".annotations/good/1.bmp/a-first.json", POLYGON);
        file(root, ".annotations/good/1.bmp/b-second.json", "{\"annotations\": []}");
        file(root, ".annotations/bad/3.bmp.json", POLYGON + " ");
        file(root, ".annotations/bad/3.bmp/notes.txt", "not an annotation");
        return root;
    }

    private static Map<String, Sample> byName(Samples samples) {
        Map<String, Sample> out = new HashMap<>();
        for (Sample s : samples) {
            out.put(Path.of(s.path()).getFileName().toString(), s);
        }
        return out;
    }

    @Test
    void joinsByTheImagesPathInBothLayoutsAndLogsAsTheSdk() throws Exception {
        Path root = vials();
        Dataset dataset = Dataset.of("NeurIPS vials TRAIN", root.toString());
        Captured<Samples> run = Captured.run(() -> dataset.getImageSamples(ImageSamples.options().annotations(true)));
        Samples samples = run.value;
        assertEquals(List.of("category", "folder", "path", "etag", "annotation_path", "annotation_etag", "bucket", "dataset",
                "dataset_id", "reference", "url"), samples.columnNames());
        assertEquals(2, samples.size(), "inner join: only annotated images");
        Map<String, Sample> s = byName(samples);
        assertEquals(root.resolve(".annotations/good/1.bmp/b-second.json").toString(), s.get("1.bmp").get("annotation_path"),
                "duplicates=last: the last file in path order");
        assertEquals(md5("{\"annotations\": []}"), s.get("1.bmp").get("annotation_etag"));
        assertEquals(root.resolve(".annotations/bad/3.bmp.json").toString(), s.get("3.bmp").get("annotation_path"),
                "an annotation beside the image's folder; non-JSON files are not annotations");
        assertEquals(md5(POLYGON + " "), s.get("3.bmp").get("annotation_etag"));
        String err = run.err;
        int images = err.indexOf("Getting image samples from dataset 'NeurIPS vials TRAIN' [" + dataset.bucket() + "]");
        int annotations = err.indexOf("Getting annotations from dataset 'NeurIPS vials TRAIN' [" + dataset.bucket() + "] with filter: None");
        int contents = err.indexOf("Contents: {bad: 1, good: 1}");
        assertTrue(images >= 0 && annotations > images && contents > annotations, err);
        assertTrue(err.contains("2 of 4 images of dataset 'NeurIPS vials TRAIN' have no annotation file and are left out (how=inner)"), err);
        assertFalse(err.contains("WARN"), "no annotation without its image here: " + err);
    }

    @Test
    void leftAndOuterKeepEveryImageWithEmptyCellsAndTheOptionsComeByName() {
        Dataset dataset = Dataset.of("vials", vials().toString());
        for (String how : List.of("left", "outer")) {
            Samples samples = dataset.getImageSamples(ImageSamples.options().annotations(Map.of("how", how, "duplicates", "first",
                    "prefix", "segmentation_")));
            assertEquals(4, samples.size(), how);
            assertTrue(samples.has("segmentation_path") && samples.has("segmentation_etag") && !samples.has("annotation_path"),
                    "the older SDK's column names: " + samples.columnNames());
            Map<String, Sample> s = byName(samples);
            assertTrue(s.get("1.bmp").get("segmentation_path").endsWith("a-first.json"), "duplicates=first");
            assertEquals("", s.get("2.bmp").get("segmentation_path"));
            assertEquals("", s.get("2.bmp").get("segmentation_etag"));
            assertEquals("", s.get("4.bmp").get("segmentation_path"));
        }
    }

    @Test
    void filtersSelectAnnotationFilesByTheirPathInsideAnnotations() {
        Dataset dataset = Dataset.of("vials", vials().toString());
        Samples firstOnly = dataset.getImageSamples(ImageSamples.options().annotations(List.of("a-first", "nothing-matches-this")));
        assertEquals(1, firstOnly.size());
        assertTrue(firstOnly.get(0).get("annotation_path").endsWith("a-first.json"));
        Samples bad = dataset.getImageSamples(ImageSamples.options().annotations(AnnotationJoin.options().filter("^bad/")));
        assertEquals(List.of("bad"), bad.unique("folder"));
    }

    @Test
    void annotationFilesOfNoImageAreNamedInAWarningAndNeverBecomeRows() throws Exception {
        Path root = vials();
        file(root, ".annotations/good/99.bmp/x.json", POLYGON);
        file(root, ".annotations/elsewhere.png.json", POLYGON);
        Dataset dataset = Dataset.of("vials", root.toString());
        Captured<Samples> run = Captured.run(() -> dataset.getImageSamples(ImageSamples.options().annotations(Map.of("how", "outer"))));
        assertEquals(4, run.value.size(), "no row for an annotation without its image");
        assertTrue(run.err.contains("WARN") && run.err.contains("2 annotation files in '" + root.resolve(".annotations")
                + "' belong to no image of dataset 'vials' (e.g. 'elsewhere.png.json')"), run.err);

        // an annotation of an image the listing's filters left out is not "of no image"
        Captured<Samples> good = Captured.run(() -> Dataset.of("vials", vials("fresh").toString())
                .getImageSamples(ImageSamples.options().classes(List.of("good")).annotations(true)));
        assertEquals(1, good.value.size());
        assertFalse(good.err.contains("belong"), good.err);
    }

    @Test
    void noAnnotatedImageWithAnInnerJoinIsAClearError() {
        Path root = dir.resolve("plain");
        file(root, "good/1.bmp", "one");
        SampleException e = assertThrows(SampleException.class,
                () -> Dataset.of("plain", root.toString()).getImageSamples(ImageSamples.options().annotations(true)));
        assertTrue(e.getMessage().contains("Dataset 'plain': none of its 1 images has an annotation file in '" + root.resolve(".annotations") + "'"),
                e.getMessage());
        assertTrue(e.getMessage().contains("how=left"), e.getMessage());
        assertEquals(1, Dataset.of("plain", root.toString()).getImageSamples(ImageSamples.options().annotations(Map.of("how", "left"))).size());
    }

    @Test
    void badOptionsAreRefusedWithTheChoices() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ImageSamples.options().annotations(Map.of("keep", "last")))
                .getMessage().contains("filter, duplicates, how and prefix"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AnnotationJoin.options().how("right"))
                .getMessage().contains("[inner, left, outer]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AnnotationJoin.options().duplicates("none"))
                .getMessage().contains("[first, last]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AnnotationJoin.options().filter("(unclosed"))
                .getMessage().contains("'(unclosed' is not a valid regex"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AnnotationJoin.options().prefix("a-b"))
                .getMessage().contains("'a-b'"));
    }

    @Test
    void theImagesAnAnnotationFileMayBelongTo() {
        assertEquals(List.of("good/1.bmp", "good/1.bmp/a"), AnnotationJoin.imagesOf("good/1.bmp/a.json"));
        assertEquals(List.of("good", "good/1.bmp"), AnnotationJoin.imagesOf("good/1.bmp.json"));
        assertEquals(List.of("1.bmp"), AnnotationJoin.imagesOf("1.bmp.JSON"));
        assertEquals(List.of(), AnnotationJoin.imagesOf("good/1.bmp/notes.txt"));
    }

    @Test
    void samplesReadFromASampleFileJoinToo() {
        Path root = vials();
        Dataset dataset = Dataset.of("vials", root.toString());
        Samples listed = dataset.getImageSamples();
        Samples joined = dataset.joinAnnotations(listed, AnnotationJoin.options().how("left"));
        assertEquals(4, joined.size());
        assertEquals(2, joined.where(s -> !s.get("annotation_path").isEmpty()).size());
    }
}
