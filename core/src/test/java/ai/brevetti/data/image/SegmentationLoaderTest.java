package ai.brevetti.data.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.data.generator.Batch;
import ai.brevetti.data.generator.DataGenerator;
import ai.brevetti.data.generator.Tensor;
import ai.brevetti.data.samples.Samples;
import ai.brevetti.testing.Captured;
import ai.brevetti.testing.Folders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Annotation files rasterised into per-class masks aligned with the images. */
class SegmentationLoaderTest {
    @TempDir
    Path dir;

    private static float sum(FloatImage image, int channel) {
        float total = 0;
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                total += image.get(y, x, channel);
            }
        }
        return total;
    }

    @Test
    void rectanglesPolygonsLinesAndPointsBecomeMasks() {
        Path file = Folders.file(dir, "a.json", """
                {"image": {"height": 10, "width": 12},
                 "annotations": [
                   {"type": "rectangle", "label": "defect", "points": [{"x": 2, "y": 3}, {"x": 4, "y": 5}]},
                   {"type": "polygon", "label": "cap", "points": [[6, 0], [11, 0], [11, 5], [6, 5]]},
                   {"type": "point", "label": "both", "points": [[1, 8]], "radius": 0.5},
                   {"type": "polygon", "label": "unknown", "points": [[0, 0], [9, 0], [9, 9]]}]}
                """);
        SegmentationLoader loader = new SegmentationLoader(List.of("defect", "cap")).mapping(Map.of("both", "defect|cap"));
        FloatImage mask = loader.load(file.toString(), null);
        assertEquals(10, mask.height());
        assertEquals(12, mask.width());
        assertEquals(2, mask.channels());
        assertEquals(9 + 1, sum(mask, 0), "a 3x3 rectangle, and the point in both classes");
        assertEquals(1, mask.get(3, 2, 0));
        assertEquals(1, mask.get(5, 4, 0));
        assertEquals(0, mask.get(6, 4, 0));
        assertEquals(1, mask.get(8, 1, 1), "the point is in both classes");
        assertTrue(sum(mask, 1) >= 25 && sum(mask, 1) <= 37, "the polygon covers about 6x6 pixels: " + sum(mask, 1));
        assertEquals(0, mask.get(9, 9, 0), "an unknown label draws nothing");

        FloatImage sparse = new SegmentationLoader(List.of("defect", "cap")).sparse(true).load(file.toString(), null);
        assertEquals(1, sparse.channels());
        assertEquals(1, sparse.get(4, 3, 0));
        assertEquals(2, sparse.get(2, 8, 0));
    }

    @Test
    void masksFollowThePipelineGeometryAndMissingFilesGiveEmptyMasks() throws Exception {
        Path file = Folders.file(dir, "b.json", """
                {"annotations": [{"type": "rectangle", "label": "defect", "points": [[0, 0], [9, 9]]}]}
                """);
        SegmentationLoader loader = new SegmentationLoader(List.of("defect"))
                .imagePipeline(new ImagePipeline().targetSize(10, 10));
        Batch batch = Batch.of(Map.of(
                "segmentation_path", new String[] {file.toString(), dir.resolve("missing.json").toString()},
                ImagePipeline.FILE_SHAPE_KEY, new Tensor(new float[] {20, 20, 3, 20, 20, 3}, 2, 3)));
        Captured<Batch> run = Captured.run(() -> loader.apply(batch, null));
        Tensor masks = run.value.tensor("segmentation");
        assertEquals("Tensor[2, 10, 10, 1]", masks.toString());
        FloatImage first = FloatImage.of(masks, 0);
        assertEquals(25, sum(first, 0), "the 10x10 corner of a 20x20 image is 5x5 at half size");
        assertEquals(0, sum(FloatImage.of(masks, 1), 0));
        assertTrue(run.err.contains("Could not load annotation '" + dir.resolve("missing.json")), run.err);
    }

    /** Two 40x20 (w x h) images, each with an annotation: a square over its left half, a strip at the right. */
    private Samples annotatedImages() throws Exception {
        List<String> paths = new ArrayList<>();
        List<String> annotations = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path image = dir.resolve("img" + i + ".bmp");
            Files.write(image, TestImages.write(TestImages.randomRgb(40, 20, i), "bmp"));
            paths.add(image.toString());
            annotations.add(Folders.file(dir, "img" + i + ".json", """
                    {"image": {"height": 20, "width": 40},
                     "annotations": [{"type": "rectangle", "label": "defect", "points": [[0, 0], [19, 19]]},
                                     {"type": "rectangle", "label": "cap", "points": [[30, 0], [39, 3]]}]}
                    """).toString());
        }
        return Samples.of(Table.create("s", StringColumn.create("path", paths), StringColumn.create("segmentation_path", annotations)));
    }

    /** Without .imagePipeline(...), the masks follow the generator's image pipeline: same size, regions and resize as img. */
    @Test
    void masksFollowTheImagePipelineMappedBeforeThem() throws Exception {
        Samples samples = annotatedImages();
        List<String> classes = List.of("defect", "cap");
        for (ImagePipeline pipeline : List.of(new ImagePipeline().targetSize(10, 20),
                new ImagePipeline().rois(new int[][] {{10, 0}, {40, 20}}).targetSize(5, 6),
                new ImagePipeline().targetSize(16, 16).keepAspectRatio(true))) {
            Batch batch = new DataGenerator(samples).batchSize(2).seed(1).map(pipeline).map(new SegmentationLoader(classes)).first();
            Tensor img = batch.tensor("img");
            Tensor masks = batch.tensor("segmentation");
            assertEquals(img.shape()[1], masks.shape()[1], pipeline + ": height of " + img + " and " + masks);
            assertEquals(img.shape()[2], masks.shape()[2], pipeline + ": width of " + img + " and " + masks);
            Batch explicit = new DataGenerator(samples).batchSize(2).seed(1).map(pipeline)
                    .map(new SegmentationLoader(classes).imagePipeline(pipeline)).first();
            assertEquals(explicit.tensor("segmentation"), masks, pipeline + ": the same as naming the pipeline");
        }
        FloatImage half = FloatImage.of(new DataGenerator(samples).batchSize(2).map(new ImagePipeline().targetSize(10, 20))
                .map(new SegmentationLoader(classes)).first().tensor("segmentation"), 0);
        assertEquals(100, sum(half, 0), "the left 20x20 square is 10x10 at half size");

        // no pipeline before it: the file's resolution
        Batch alone = new DataGenerator(samples).batchSize(2).map(new SegmentationLoader(classes)).first();
        assertEquals("Tensor[2, 20, 40, 2]", alone.tensor("segmentation").toString());

        IllegalArgumentException several = assertThrows(IllegalArgumentException.class, () -> new DataGenerator(samples)
                .map(new ImagePipeline().targetSize(10, 20)).map(new ImagePipeline().targetSize(5, 5).outputKey("thumb"))
                .map(new SegmentationLoader(classes)));
        assertEquals("The SegmentationLoader is mapped after 2 ImagePipelines (outputs 'img', 'thumb'); name the one its masks follow:"
                + " new SegmentationLoader(...).imagePipeline(pipeline)", several.getMessage());
        Batch chosen = new DataGenerator(samples).batchSize(2).map(new ImagePipeline().targetSize(10, 20))
                .map(new ImagePipeline().targetSize(5, 5).outputKey("thumb"))
                .map(new SegmentationLoader(classes).imagePipeline(new ImagePipeline().targetSize(5, 5))).first();
        assertEquals("Tensor[2, 5, 5, 2]", chosen.tensor("segmentation").toString());
    }
}
