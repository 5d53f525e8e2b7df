package ai.brevetti.data.annotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.data.generator.Batch;
import ai.brevetti.data.generator.DataGenerator;
import ai.brevetti.data.generator.GeneratorException;
import ai.brevetti.data.generator.Tensor;
import ai.brevetti.data.image.FloatImage;
import ai.brevetti.data.image.ImagePipeline;
import ai.brevetti.data.samples.Samples;
import ai.brevetti.testing.Captured;
import ai.brevetti.testing.Folders;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The loader on plain folders: masks line up with the images through every pipeline geometry, classes and
 * mappings, dense and sparse, views (bbox, zoom), and every kind of bad input gives a clear error or a
 * documented skip.
 */
class AnnotationLoaderTest {
    /** An L: a tall bar on the left and a foot to the right, in a 48 x 44 (w x h) image. Asymmetric under every flip and turn. */
    static final double[][] L = {{8, 4}, {20, 4}, {20, 30}, {36, 30}, {36, 40}, {8, 40}};
    static final int W = 48;
    static final int H = 44;

    @TempDir
    Path dir;

    static boolean insideL(int x, int y) {
        return x >= 8 && x < 20 && y >= 4 && y < 40 || x >= 20 && x < 36 && y >= 30 && y < 40;
    }

    static String polygon(String label, double[][] points, double dx, double dy) {
        StringBuilder s = new StringBuilder("{\"type\": \"polygon\", \"label\": \"" + label + "\", \"points\": [");
        for (int i = 0; i < points.length; i++) {
            s.append(i == 0 ? "" : ", ").append("{\"x\": ").append(points[i][0] + dx).append(", \"y\": ").append(points[i][1] + dy).append('}');
        }
        return s.append("]}").toString();
    }

    /** A grey PNG with the L drawn in white, pixel by pixel, and its annotation file: the L as a polygon labelled {@code label}. */
    Path[] lSample(String name, String label) throws Exception {
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                image.getRaster().setSample(x, y, 0, insideL(x, y) ? 255 : 0);
            }
        }
        Path png = dir.resolve(name + ".png");
        ImageIO.write(image, "png", png.toFile());
        Path json = Folders.file(dir, ".annotations/" + name + ".png/annotation.json",
                "{\"annotations\": [" + polygon(label, L, 0, 0) + "], \"image\": {\"height\": " + H + ", \"width\": " + W + "}}");
        return new Path[] {png, json};
    }

    Samples samples(int n, String label) throws Exception {
        List<String> paths = new ArrayList<>();
        List<String> annotations = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path[] s = lSample("l" + i, label);
            paths.add(s[0].toString());
            annotations.add(s[1].toString());
        }
        return Samples.of(Table.create("s", StringColumn.create("path", paths), StringColumn.create("annotation_path", annotations)));
    }

    /** Intersection over union of (image channel 0 above half) and (mask channel above half). */
    static double iou(Tensor images, Tensor masks, int channel) {
        int n = images.dim(0) * images.dim(1) * images.dim(2);
        int ic = images.dim(3);
        int mc = masks.dim(3);
        float[] img = images.data();
        float[] mask = masks.data();
        float max = 0;
        for (float v : img) {
            max = Math.max(max, v);
        }
        int both = 0;
        int either = 0;
        for (int p = 0; p < n; p++) {
            boolean a = img[p * ic] > max / 2;
            boolean b = mask[p * mc + channel] > 0.5;
            both += a && b ? 1 : 0;
            either += a || b ? 1 : 0;
        }
        return either == 0 ? 1 : (double) both / either;
    }

    @Test
    void theSeedsAnnotationParserIsTheSameGeneratorStep() throws Exception {
        // "Among premade functions are ImagePipeline, ImageAugmenter, OneHotEncoder and AnnotationParser"
        Samples samples = samples(3, "defect");
        Batch byLoader = new DataGenerator(samples).batchSize(3).seed(2).map(new ImagePipeline().targetSize(20, 24))
                .map(new AnnotationLoader("defect").sparse(true)).first();
        Batch byParser = new DataGenerator(samples).batchSize(3).seed(2).map(new ImagePipeline().targetSize(20, 24))
                .map(new AnnotationParser("defect").sparse(true)).first();
        assertEquals(java.util.Arrays.toString(byLoader.tensor("annotation").data()), java.util.Arrays.toString(byParser.tensor("annotation").data()));
        assertTrue(iou(byParser.tensor("img"), byParser.tensor("annotation"), 0) > 0.85);
        assertEquals(new AnnotationLoader(List.of("a", "b")).toString(), new AnnotationParser(List.of("a", "b")).toString());
    }

    @Test
    void masksFollowTheGlimpsesWindowsWrittenAsTensors() throws Exception {
        // the glimpse steps write bbox as a (B, 4) tensor and zoom_factor as a number per sample: the loader
        // reads them as the pipeline does, so each mask is drawn in the window the image was read from
        Samples plain = samples(6, "defect");
        Samples samples = Samples.of(plain.table().copy().addColumns(StringColumn.create("size",
                java.util.Collections.nCopies(6, "[" + W + ", " + H + "]"))));
        for (int zoom : new int[] {1, 2}) {
            Batch b = new DataGenerator(samples).batchSize(6).seed(11)
                    .map(new ai.brevetti.data.image.ViewGlimpseFromBBox(16, 16).zoomFactor(zoom), new ImagePipeline().resizeMethod("nearest"))
                    .map(new AnnotationLoader("defect")).first();
            Tensor boxes = b.tensor("bbox");
            assertEquals(6, boxes.dim(0));
            assertEquals(List.of(6, 16, 16), List.of(b.tensor("annotation").dim(0), b.tensor("annotation").dim(1), b.tensor("annotation").dim(2)));
            for (int i = 0; i < 6; i++) {
                int x0 = (int) boxes.get(i, 0);
                int y0 = (int) boxes.get(i, 1);
                FloatImage mask = FloatImage.of(b.tensor("annotation"), i);
                for (int v = 0; v < 16; v++) {
                    for (int u = 0; u < 16; u++) {
                        // view pixel (u, v) is centred on full-image (x0 + (u + 0.5)·zoom, y0 + (v + 0.5)·zoom)
                        double cx = x0 + (u + 0.5) * zoom;
                        double cy = y0 + (v + 0.5) * zoom;
                        boolean inside = insideL((int) Math.floor(cx), (int) Math.floor(cy));
                        assertEquals(inside ? 1f : 0f, mask.get(v, u, 0), "zoom " + zoom + ", sample " + i + " at " + x0 + "," + y0 + ", view pixel " + u + "," + v);
                    }
                }
            }
            if (zoom == 1) {
                assertEquals(1.0, iou(b.tensor("img"), b.tensor("annotation"), 0), 1e-12, "at zoom 1 the view is the exact crop");
            }
        }
    }

    @Test
    void masksLineUpWithTheImagesThroughEveryPipelineGeometry() throws Exception {
        Samples samples = samples(2, "defect");
        List<ImagePipeline> pipelines = List.of(new ImagePipeline(),
                new ImagePipeline().targetSize(22, 24),
                new ImagePipeline().targetSize(100, 70),
                new ImagePipeline().targetSize(17, 29),
                new ImagePipeline().rois(new int[][] {{4, 2}, {40, 42}}).targetSize(30, 30),
                new ImagePipeline().rois(new int[][] {{0, 0}, {30, 20}}, new int[][] {{0, 20}, {30, 44}}),
                new ImagePipeline().targetSize(32, 32).keepAspectRatio(true).centerPadding(true),
                new ImagePipeline().targetSize(60, 20).keepAspectRatio(true));
        for (ImagePipeline pipeline : pipelines) {
            // nearest on the image samples the same pixels as the masks: identical
            Batch exact = new DataGenerator(samples).batchSize(2).seed(1).map(pipeline.resizeMethod("nearest"))
                    .map(new AnnotationLoader("defect")).first();
            assertEquals(List.of(exact.tensor("img").dim(0), exact.tensor("img").dim(1), exact.tensor("img").dim(2)),
                    List.of(exact.tensor("annotation").dim(0), exact.tensor("annotation").dim(1), exact.tensor("annotation").dim(2)), pipeline.toString());
            assertEquals(1.0, iou(exact.tensor("img"), exact.tensor("annotation"), 0), 1e-12, pipeline + " with nearest");
            // the image's own bilinear resize: the same shape up to its blurred edge
            Batch smooth = new DataGenerator(samples).batchSize(2).seed(1).map(pipeline.antialias(true)).map(new AnnotationLoader("defect")).first();
            double iou = iou(smooth.tensor("img"), smooth.tensor("annotation"), 0);
            assertTrue(iou > 0.85, pipeline + ": IoU " + iou);
        }
        // regions as separate outputs and as a time series: one mask per region, as the images
        Batch none = new DataGenerator(samples).batchSize(2).map(new ImagePipeline().rois(new int[][] {{0, 0}, {24, 44}}, new int[][] {{24, 0}, {48, 30}})
                .roiMode("none").resizeMethod("nearest")).map(new AnnotationLoader("defect")).first();
        for (int i = 0; i < 2; i++) {
            assertEquals(1.0, iou(none.tensor("img_" + i), none.tensor("annotation_" + i), 0), 1e-12, "region " + i);
        }
        Batch series = new DataGenerator(samples).batchSize(2).map(new ImagePipeline().rois(new int[][] {{0, 0}, {24, 22}}, new int[][] {{24, 22}, {48, 44}})
                .roiMode("as_timeseries")).map(new AnnotationLoader("defect")).first();
        assertEquals("Tensor[2, 2, 22, 24, 1]", series.tensor("annotation").toString());
    }

    @Test
    void classesMappingsDenseAndSparse() throws Exception {
        Path file = Folders.file(dir, "a.json", """
                {"image": {"height": 10, "width": 12},
                 "annotations": [
                   {"type": "rectangle", "label": "defect", "points": [{"x": 2, "y": 3}, {"x": 5, "y": 6}]},
                   {"type": "polygon", "label": "lid", "points": [[6, 0], [12, 0], [12, 5], [6, 5]]},
                   {"type": "rectangle", "label": "both", "points": [[0, 8], [2, 10]]},
                   {"type": "class", "label": "failed_cap"},
                   {"type": "polygon", "label": "unknown", "points": [[0, 0], [9, 0], [9, 9]]}]}
                """);
        ImageAnnotation a = AnnotationParser.read(new ai.brevetti.io.IoTools(), file.toString()).annotation();
        AnnotationLoader loader = new AnnotationLoader("defect", "cap").mapping(Map.of("lid", "cap", "both", "defect|cap"));
        Captured<FloatImage> run = Captured.run(() -> loader.rasterize(a, 10, 12));
        FloatImage mask = run.value;
        assertEquals(List.of(10, 12, 2), List.of(mask.height(), mask.width(), mask.channels()));
        assertEquals(9 + 4, sum(mask, 0), "the 3x3 rectangle and the 2x2 of both");
        assertEquals(30 + 4, sum(mask, 1), "the 6x5 lid and the 2x2 of both");
        assertEquals(1, mask.get(3, 2, 0));
        assertEquals(0, mask.get(6, 5, 0), "the rectangle's far corner is outside (pixel centres)");
        assertEquals(1, mask.get(9, 1, 1), "both");
        assertTrue(run.err.contains("Annotation label 'unknown' (first in '(annotation)') is neither one of the classes [defect, cap] nor a key of the mapping"), run.err);
        Captured<FloatImage> again = Captured.run(() -> loader.rasterize(a, 10, 12));
        assertTrue(!again.err.contains("'unknown'"), "logged once per label: " + again.err);

        FloatImage sparse = new AnnotationLoader("defect", "cap").mapping(Map.of("lid", "cap")).sparse(true).rasterize(a, 10, 12);
        assertEquals(1, sparse.channels());
        assertEquals(1, sparse.get(4, 3, 0), "class 0 is 1: 0 is background");
        assertEquals(2, sparse.get(2, 8, 0));
        assertEquals(0, sparse.get(9, 9, 0));
        IllegalArgumentException several = assertThrows(IllegalArgumentException.class,
                () -> new AnnotationLoader("defect", "cap").mapping(Map.of("both", "defect|cap")).sparse(true));
        assertTrue(several.getMessage().contains("A sparse mask holds one class per pixel, but the mapping draws [both] into several"), several.getMessage());
    }

    @Test
    void invalidClassesInTheMappingAreLoggedWithTheSdksTextWhenMapped() throws Exception {
        Samples samples = samples(1, "defect");
        Captured<DataGenerator> run = Captured.run(() -> new DataGenerator(samples)
                .map(new AnnotationLoader("defect").mapping(Map.of("scratch", "defect|dent", "lid", "cap"))));
        assertTrue(run.err.contains("Invalid classes in map: {\"scratch\":\"dent\",\"lid\":\"cap\"}")
                || run.err.contains("Invalid classes in map: {\"lid\":\"cap\",\"scratch\":\"dent\"}"), run.err);
    }

    static float sum(FloatImage image, int channel) {
        float total = 0;
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                total += image.get(y, x, channel);
            }
        }
        return total;
    }

    @Test
    void holesLinesAndPoints() {
        ImageAnnotation a = AnnotationParser.parse("h.json", """
                {"annotations": [
                   {"type": "polygon", "label": "cap", "points": [[12, 12], [16, 12], [16, 16], [12, 16]], "is_hole": true},
                   {"type": "rectangle", "label": "cap", "points": [[10, 10], [20, 20]]},
                   {"type": "line", "label": "scratch", "points": [[0.5, 2.5], [9.5, 2.5]]},
                   {"type": "point", "label": "dot", "points": [[30.5, 30.5]]},
                   {"type": "point", "label": "dot", "points": [[2, 30]]},
                   {"type": "polygon", "label": "dot", "points": [[40.2, 40.2], [40.4, 40.2], [40.3, 40.4]]}]}
                """).annotation();
        AnnotationLoader loader = new AnnotationLoader("cap", "scratch", "dot");
        FloatImage mask = loader.rasterize(a, 50, 50);
        assertEquals(100 - 16, sum(mask, 0), "a 10x10 cap with a 4x4 hole, cut out whatever the order in the file");
        assertEquals(0, mask.get(13, 13, 0));
        assertEquals(10, sum(mask, 1), "a 1-pixel line along row 2");
        assertEquals(1 + 1 + 1, sum(mask, 2), "each point is its pixel; a polygon smaller than a pixel is the pixel under it");
        assertEquals(1, mask.get(30, 30, 2));
        assertEquals(1, mask.get(30, 2, 2), "a point on a pixel corner: the pixel it lies in");
        assertEquals(1, mask.get(40, 40, 2));
        FloatImage wide = loader.lineWidth(3).pointSize(5).rasterize(a, 50, 50);
        assertEquals(30 + 3, sum(wide, 1), "3 rows of 10, and the round end reaching the next column");
        assertTrue(sum(wide, 2) >= 21 + 2, "a dot of diameter 5 is 21 pixels: " + sum(wide, 2));
    }

    /** The view contract: bbox [x0, y0, x1, y1] in full-image pixels and zoom_factor; drawn straight in the view. */
    @Test
    void masksAreDrawnInTheSamplesViewNeverAtFullResolution() throws Exception {
        Path big = Folders.file(dir, "big.json", "{\"annotations\": [" + polygon("defect", L, 15_000, 12_000) + "]}");
        Path small = Folders.file(dir, "small.json", "{\"annotations\": [" + polygon("defect", L, 0, 0) + "]}");
        Samples samples = Samples.of(Table.create("s",
                StringColumn.create("path", "huge.tif", "huge.tif", "small.png", "small.png"),
                StringColumn.create("annotation_path", big.toString(), big.toString(), small.toString(), small.toString()),
                StringColumn.create("bbox", "[15000, 12000, 15048, 12044]", "[14996, 11998, 15044, 12042]", "[0, 0, 48, 44]", "[-4, -6, 44, 38]"),
                StringColumn.create("zoom_factor", "1", "1", "2", "1")));
        // a 20,000 x 20,000 image with no size known at all: the view is the bbox's, nothing larger is drawn
        Batch batch = new DataGenerator(samples).batchSize(2).map(new AnnotationLoader("defect")).first();
        assertEquals("Tensor[2, 44, 48, 1]", batch.tensor("annotation").toString());
        FloatImage first = FloatImage.of(batch.tensor("annotation"), 0);
        FloatImage shifted = FloatImage.of(batch.tensor("annotation"), 1);
        for (int y = 0; y < 44; y++) {
            for (int x = 0; x < 48; x++) {
                assertEquals(insideL(x, y) ? 1 : 0, first.get(y, x, 0), "view 0 at " + x + "," + y);
                assertEquals(insideL(x - 4, y - 2) ? 1 : 0, shifted.get(y, x, 0), "view 1 at " + x + "," + y);
            }
        }
        // zoom 2: 24 x 22, each view pixel the L's membership at its centre in full-image pixels
        Batch zoomed = new DataGenerator(samples.tail(2)).batchSize(1).map(new AnnotationLoader("defect")).first();
        FloatImage half = FloatImage.of(zoomed.tensor("annotation"), 0);
        assertEquals(List.of(22, 24), List.of(half.height(), half.width()));
        for (int y = 0; y < 22; y++) {
            for (int x = 0; x < 24; x++) {
                assertEquals(insideL(2 * x + 1, 2 * y + 1) ? 1 : 0, half.get(y, x, 0), "zoom 2 at " + x + "," + y);
            }
        }
        // a bbox reaching outside the image: the outside is empty (zero padding)
        FloatImage outside = loaderView(samples, 3);
        assertEquals(0, outside.get(0, 0, 0));
        assertEquals(1, outside.get(4 + 6, 8 + 4, 0), "the L's corner (8, 4) is at (12, 10) in the view");
    }

    private static FloatImage loaderView(Samples samples, int row) {
        Samples one = samples.where(s -> s.index() == row);
        return FloatImage.of(new DataGenerator(one).batchSize(1).map(new AnnotationLoader("defect")).first().tensor("annotation"), 0);
    }

    @Test
    void badViewsAreErrorsNamingTheSampleWhenTheLoaderIsMapped() throws Exception {
        Path small = Folders.file(dir, "small.json", "{\"annotations\": []}");
        // the pipeline's view rule (ImageView) and its messages: masks and images read the same columns alike
        for (String[] bad : List.of(new String[] {"[10, 10, 5, 20]", "1", "The bbox [10, 10, 5, 20] has a negative size (-5x10)"},
                new String[] {"[0, 0, 10]", "1", "its bbox '[0, 0, 10]' is not [x0, y0, x1, y1], four whole numbers"},
                new String[] {"[0, 0, 10.5, 10]", "1", "its bbox '[0, 0, 10.5, 10]' is not whole numbers of pixels"},
                new String[] {"[0, 0, 10, 10]", "3", "zoom_factor"},
                new String[] {"[0, 0, 10, 10]", "0", "zoom_factor"})) {
            Samples samples = Samples.of(Table.create("s", StringColumn.create("path", "a.png", "b.png"),
                    StringColumn.create("annotation_path", small.toString(), small.toString()),
                    StringColumn.create("bbox", "[0, 0, 4, 4]", bad[0]), StringColumn.create("zoom_factor", "1", bad[1])));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new DataGenerator(samples).map(new AnnotationLoader("defect")));
            assertTrue(e.getMessage().contains("Sample 1 ('b.png'): ") && e.getMessage().contains(bad[2]), e.getMessage());
            assertTrue(!e.getMessage().contains("a.png"), e.getMessage());
        }
        Samples none = Samples.of(Table.create("s", StringColumn.create("path", "a.png")));
        IllegalArgumentException column = assertThrows(IllegalArgumentException.class, () -> new DataGenerator(none).map(new AnnotationLoader("defect")));
        assertTrue(column.getMessage().contains("reads annotation files from the column 'annotation_path' (or 'segmentation_path'), which the samples do not have"),
                column.getMessage());
    }

    @Test
    void missingAndMalformedFilesGiveEmptyMasksAndAWarningNamingThemOrAnErrorWhenStrict() throws Exception {
        Samples good = samples(1, "defect");
        Path broken = Folders.file(dir, "broken.json", "{\"annotations\": [");
        Path badShape = Folders.file(dir, "shape.json", "{\"annotations\": [{\"type\": \"polygon\", \"label\": \"defect\", \"points\": [[1, 1], [2, 2]]},"
                + polygon("defect", L, 0, 0) + "]}");
        String missing = dir.resolve("gone.json").toString();
        Samples samples = Samples.of(Table.create("s",
                StringColumn.create("path", List.of(good.get(0, "path"), good.get(0, "path"), good.get(0, "path"), good.get(0, "path"), good.get(0, "path"))),
                StringColumn.create("annotation_path", List.of(good.get(0, "annotation_path"), missing, broken.toString(), "", badShape.toString()))));
        DataGenerator generator = new DataGenerator(samples).batchSize(5).map(new ImagePipeline().targetSize(22, 24)).map(new AnnotationLoader("defect"));
        Captured<Batch> run = Captured.run(generator::first);
        Tensor masks = run.value.tensor("annotation");
        assertTrue(sum(FloatImage.of(masks, 0), 0) > 50);
        assertEquals(0, sum(FloatImage.of(masks, 1), 0), "missing: empty");
        assertEquals(0, sum(FloatImage.of(masks, 2), 0), "malformed: empty");
        assertEquals(0, sum(FloatImage.of(masks, 3), 0), "no annotation: empty");
        assertEquals(sum(FloatImage.of(masks, 0), 0), sum(FloatImage.of(masks, 4), 0), "the bad shape left out, the good one drawn");
        assertTrue(run.err.contains("Cannot read annotation file '" + missing + "'"), run.err);
        assertTrue(run.err.contains("Annotation file '" + broken + "' is not valid JSON"), run.err);
        assertTrue(run.err.contains("its sample gets an empty mask (strict(true) makes this an error)"), run.err);
        assertTrue(run.err.contains("'" + badShape + "': shape 0 (polygon, label 'defect'): a polygon needs at least 3 points, it has 2; left out"), run.err);
        Captured<Batch> second = Captured.run(generator::first);
        assertTrue(!second.err.contains(missing) && !second.err.contains(badShape.toString()), "warned once per file: " + second.err);

        for (String[] strict : List.of(new String[] {missing, "Cannot read annotation file '" + missing + "'"},
                new String[] {broken.toString(), "Annotation file '" + broken + "' is not valid JSON"},
                new String[] {badShape.toString(), "Annotation file '" + badShape + "' has shapes that cannot be drawn"})) {
            Samples one = Samples.of(Table.create("s", StringColumn.create("path", good.get(0, "path")), StringColumn.create("annotation_path", strict[0])));
            GeneratorException e = assertThrows(GeneratorException.class, () -> new DataGenerator(one).map(new ImagePipeline())
                    .map(new AnnotationLoader("defect").strict(true)).first());
            assertTrue(e.getMessage().contains(strict[1]), e.getMessage());
            assertTrue(e.getMessage().contains("AnnotationLoader"), "names the step: " + e.getMessage());
        }

        List<String> problems = new AnnotationLoader("defect").check(samples);
        assertEquals(3, problems.size(), String.join("\n", problems));
        assertTrue(problems.get(0).startsWith("Cannot read annotation file '" + missing + "'"), problems.get(0));
        assertTrue(problems.get(1).startsWith("Annotation file '" + broken + "' is not valid JSON"), problems.get(1));
        assertTrue(problems.get(2).contains("shape 0 (polygon, label 'defect')"), problems.get(2));
        assertTrue(new AnnotationLoader("defect").check(good).isEmpty());
        List<String> labels = new AnnotationLoader("cap").check(good);
        assertEquals(List.of("Label 'defect' (in 1 file) is neither one of the classes [cap] nor a key of the mapping; its shapes are left out"), labels);
    }

    @Test
    void withoutAnImageSizeTheErrorSaysWhereOneComesFrom() throws Exception {
        Path noSize = Folders.file(dir, "n.json", "{\"annotations\": [" + polygon("defect", L, 0, 0) + "]}");
        Samples samples = Samples.of(Table.create("s", StringColumn.create("path", "x.png"), StringColumn.create("annotation_path", noSize.toString())));
        GeneratorException e = assertThrows(GeneratorException.class, () -> new DataGenerator(samples).map(new AnnotationLoader("defect")).first());
        assertTrue(e.getMessage().contains("The size of the image of sample 'x.png' is unknown, so its mask ('" + noSize + "') cannot be drawn: "
                + "map an ImagePipeline before the AnnotationLoader"), e.getMessage());
    }

    @Test
    void theOlderSegmentationPathColumnIsReadWhenThereIsNoAnnotationPath() throws Exception {
        Samples samples = samples(2, "defect");
        Samples old = Samples.of(Table.create("s", StringColumn.create("path", samples.column("path")),
                StringColumn.create("segmentation_path", samples.column("annotation_path"))));
        Batch batch = new DataGenerator(old).batchSize(2).map(new ImagePipeline().resizeMethod("nearest").targetSize(20, 20))
                .map(new AnnotationLoader("defect").outputKey("segmentation")).first();
        assertEquals(1.0, iou(batch.tensor("img"), batch.tensor("segmentation"), 0), 1e-12);
    }

    @Test
    void severalPipelinesBeforeTheLoaderNeedOneNamed() throws Exception {
        Samples samples = samples(1, "defect");
        ImagePipeline small = new ImagePipeline().targetSize(10, 10);
        ImagePipeline other = new ImagePipeline().targetSize(20, 20).outputKey("big");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DataGenerator(samples).map(small).map(other).map(new AnnotationLoader("defect")));
        assertTrue(e.getMessage().contains("mapped after 2 ImagePipelines (outputs 'img', 'big'); name the one its masks follow"), e.getMessage());
        Batch named = new DataGenerator(samples).map(small).map(other).map(new AnnotationLoader("defect").imagePipeline(other)).first();
        assertEquals("Tensor[1, 20, 20, 1]", named.tensor("annotation").toString());
    }
}
