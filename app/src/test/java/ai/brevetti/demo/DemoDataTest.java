package ai.brevetti.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.data.annotation.AnnotationLoader;
import ai.brevetti.data.annotation.AnnotationParser;
import ai.brevetti.data.annotation.ImageAnnotation;
import ai.brevetti.data.generator.Batch;
import ai.brevetti.data.generator.DataGenerator;
import ai.brevetti.data.image.FloatImage;
import ai.brevetti.data.image.ImagePipeline;
import ai.brevetti.io.IoTools;
import java.util.List;

import ai.brevetti.data.samples.Samples;
import ai.brevetti.platform.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The synthetic vials. */
class DemoDataTest {
    @TempDir
    Path dir;

    @Test
    void writesThreeClassesOfTwoViewsPerVialReproducibly() throws Exception {
        DemoData data = DemoData.builder().items(4).size(48);
        assertEquals(24, data.count());
        Samples samples = Dataset.of("vials", data.write(dir.resolve("a")).toString()).getImageSamples();
        assertEquals(Map.of("good", 8, "missing_cap", 8, "failed_cap", 8), samples.counts("category"));
        assertEquals(24, samples.unique("etag").size(), "every picture differs");
        data.write(dir.resolve("b"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("a/good/0_0.bmp")), Files.readAllBytes(dir.resolve("b/good/0_0.bmp")),
                "the same seed, the same files");
        data.seed(2).write(dir.resolve("c"));
        assertFalse(Arrays.equals(Files.readAllBytes(dir.resolve("a/good/0_0.bmp")), Files.readAllBytes(dir.resolve("c/good/0_0.bmp"))));
        assertEquals(2, samples.where(s -> s.path().matches(".*/9_\\d\\.bmp")).size(), "two views of vial 9");
    }

    /**
     * The annotated vials: the same pictures, an annotation file beside each, and its cap polygon where the
     * red cap was drawn (the masks' cap pixels are red and the red pixels are in the masks), none for a missing cap.
     */
    @Test
    void annotationsOutlineTheVialsAndCapsWhereTheyWereDrawn() throws Exception {
        DemoData plain = DemoData.builder().items(3).size(96);
        Path a = plain.write(dir.resolve("plain"));
        Path b = plain.annotations(true).write(dir.resolve("annotated"));
        assertArrayEquals(Files.readAllBytes(a.resolve("failed_cap/6_1.bmp")), Files.readAllBytes(b.resolve("failed_cap/6_1.bmp")),
                "annotating changes no picture");
        Samples samples = Dataset.of("vials", b.toString()).getImageSamples();
        assertEquals(18, samples.size(), "the .annotations folder holds no samples");
        Samples annotated = samples.withColumn("annotation_path", samples.column("path").stream()
                .map(p -> b.resolve(".annotations").resolve(b.relativize(Path.of(p))).resolve("annotation.json").toString()).toList());
        for (var s : annotated) {
            ImageAnnotation annotation = AnnotationParser.read(new IoTools(), s.get("annotation_path")).annotation();
            assertEquals(List.of(s.get("folder")), annotation.classLabels());
            assertEquals(s.get("folder").equals("missing_cap") ? List.of("vial") : List.of("vial", "cap"),
                    annotation.shapes().stream().map(x -> x.label()).toList());
        }
        Batch batch = new DataGenerator(annotated).batchSize(18).map(new ImagePipeline()).map(new AnnotationLoader(DemoData.SHAPE_LABELS)).first();
        int red = 0;
        int redInCap = 0;
        int cap = 0;
        int capRed = 0;
        for (int i = 0; i < 18; i++) {
            FloatImage img = FloatImage.of(batch.tensor("img"), i);
            FloatImage mask = FloatImage.of(batch.tensor("annotation"), i);
            for (int y = 0; y < 96; y++) {
                for (int x = 0; x < 96; x++) {
                    boolean isRed = img.get(y, x, 0) > 100 && img.get(y, x, 1) < 75 && img.get(y, x, 0) - img.get(y, x, 1) > 60;
                    boolean inCap = mask.get(y, x, 1) > 0;
                    red += isRed ? 1 : 0;
                    redInCap += isRed && inCap ? 1 : 0;
                    cap += inCap ? 1 : 0;
                    capRed += inCap && isRed ? 1 : 0;
                }
            }
        }
        assertTrue(red > 2000, "red caps drawn: " + red);
        assertTrue(redInCap > 0.9 * red, "red pixels inside cap polygons: " + redInCap + " of " + red);
        assertTrue(capRed > 0.9 * cap, "cap polygon pixels that are red: " + capRed + " of " + cap);
    }
}
