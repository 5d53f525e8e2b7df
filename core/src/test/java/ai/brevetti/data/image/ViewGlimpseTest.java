package ai.brevetti.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.data.generator.Batch;
import ai.brevetti.data.generator.DataGenerator;
import ai.brevetti.data.generator.StepRandom;
import ai.brevetti.data.generator.Tensor;
import ai.brevetti.data.samples.Samples;
import ai.brevetti.testing.DeepZoomPyramid;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The glimpse steps: seeded windows written as {@code bbox} and {@code zoom_factor}. */
class ViewGlimpseTest {
    @TempDir
    Path dir;

    private static Batch batch(int n, Map<String, String> columns) {
        Map<String, Object> out = new LinkedHashMap<>();
        String[] paths = new String[n];
        Arrays.setAll(paths, i -> "image-" + i + ".png");
        out.put("path", paths);
        columns.forEach((key, value) -> {
            String[] cells = new String[n];
            Arrays.fill(cells, value);
            out.put(key, cells);
        });
        return Batch.of(out);
    }

    private static long[] box(Tensor boxes, int i) {
        long[] b = new long[4];
        for (int k = 0; k < 4; k++) {
            b[k] = (long) boxes.data()[4 * i + k];
        }
        return b;
    }

    @Test
    void windowsOverlapTheBoxLieInTheImageAndSpreadOverEveryPosition() {
        Batch in = batch(400, Map.of("bbox", "[100, 50, 300, 120]", "size", "[1000, 800]"));
        Batch out = new ViewGlimpseFromBBox(32, 16).zoomFactor(2).apply(in, new StepRandom(5, in));
        Tensor boxes = out.tensor("bbox");
        assertArrayEquals(new int[] {400, 4}, boxes.shape());
        long minX = Long.MAX_VALUE;
        long maxX = Long.MIN_VALUE;
        for (int i = 0; i < 400; i++) {
            long[] b = box(boxes, i);
            assertEquals(32, b[2] - b[0], "16 view pixels at zoom 2");
            assertEquals(64, b[3] - b[1], "32 view pixels at zoom 2");
            assertTrue(b[0] % 2 == 0 && b[1] % 2 == 0, "on the zoom's grid: " + Arrays.toString(b));
            assertTrue(b[0] < 300 && b[2] > 100 && b[1] < 120 && b[3] > 50, "overlaps the box: " + Arrays.toString(b));
            assertTrue(b[0] >= 0 && b[1] >= 0 && b[2] <= 1000 && b[3] <= 800, "inside the image: " + Arrays.toString(b));
            minX = Math.min(minX, b[0]);
            maxX = Math.max(maxX, b[0]);
            assertEquals(new ImageView((int) b[0], (int) b[1], (int) b[2], (int) b[3], 2), ImageView.of(out, i).orElseThrow());
        }
        // origins from 100 − 32 + 1 = 69 to 299, multiples of the zoom: 70 to 298
        assertTrue(minX >= 70 && minX < 76 && maxX <= 298 && maxX > 292, minX + ".." + maxX);
        assertArrayEquals(fill(400, 2f), out.tensor("zoom_factor").data());
    }

    private static float[] fill(int n, float value) {
        float[] out = new float[n];
        Arrays.fill(out, value);
        return out;
    }

    @Test
    void aWindowIsMovedInsideTheImageAndWithoutABoxTheWholeImageIsTheRegion() {
        Batch in = batch(50, Map.of("bbox", "[0, 0, 10, 10]", "size", "[20, 12]"));
        Tensor boxes = new ViewGlimpseFromBBox(8, 16).apply(in, new StepRandom(1, in)).tensor("bbox");
        for (int i = 0; i < 50; i++) {
            long[] b = box(boxes, i);
            assertTrue(b[0] >= 0 && b[0] <= 4 && b[1] >= 0 && b[1] <= 4, Arrays.toString(b));
        }
        // a window larger than the image starts at 0
        Batch wide = batch(5, Map.of("size", "[10, 10]"));
        Tensor whole = new ViewGlimpseFromBBox(32, 32).apply(wide, new StepRandom(1, wide)).tensor("bbox");
        assertArrayEquals(new long[] {0, 0, 32, 32}, box(whole, 3));
        // without a size, nothing moves a window: it may start outside the image
        Batch free = batch(200, Map.of("bbox", "[0, 0, 4, 4]"));
        Tensor loose = new ViewGlimpseFromBBox(8, 8).apply(free, new StepRandom(1, free)).tensor("bbox");
        assertTrue(java.util.stream.IntStream.range(0, 200).anyMatch(i -> box(loose, i)[0] < 0));
    }

    @Test
    void pointsGiveWindowsAroundThemInEitherCoordinateFormat() {
        Batch in = batch(300, Map.of("inside_points", "[[40, 100], [200, 300]]", "size", "[1000, 1000]"));
        for (String format : new String[] {"rc", "xy"}) {
            Tensor boxes = new ViewGlimpseFromPoints(48, 64).coordinateFormat(format).apply(in, new StepRandom(9, in)).tensor("bbox");
            int[] hits = new int[2];
            for (int i = 0; i < 300; i++) {
                long[] b = box(boxes, i);
                assertEquals(64, b[2] - b[0]);
                assertEquals(48, b[3] - b[1]);
                long[][] points = format.equals("rc") ? new long[][] {{100, 40}, {300, 200}} : new long[][] {{40, 100}, {200, 300}};
                boolean found = false;
                for (int p = 0; p < 2; p++) {
                    long x = points[p][0];
                    long y = points[p][1];
                    // within the central 80 % of each half: the centre moved at most 0.8 × half
                    if (x >= b[0] + 32 - 25 && x <= b[0] + 32 + 25 && y >= b[1] + 24 - 19 && y <= b[1] + 24 + 19) {
                        hits[p]++;
                        found = true;
                    }
                }
                assertTrue(found, format + " " + Arrays.toString(b));
            }
            assertTrue(hits[0] > 100 && hits[1] > 100, Arrays.toString(hits));
        }
        // overlap 0: the point is the window's centre
        Tensor centred = new ViewGlimpseFromPoints(10, 20).overlap(0).zoomFactor(4).apply(in, new StepRandom(3, in)).tensor("bbox");
        // near the image's edge the window is moved inside it
        Batch edge = batch(3, Map.of("inside_points", "[[5, 990]]", "size", "[1000, 1000]"));
        assertArrayEquals(new long[] {920, 0, 1000, 40}, // x: 990 − 40, moved inside; y: 5 − 20 = −15, down to −16, moved to 0
                box(new ViewGlimpseFromPoints(10, 20).overlap(0).zoomFactor(4).apply(edge, new StepRandom(3, edge)).tensor("bbox"), 1));
        for (int i = 0; i < 300; i++) {
            long[] b = box(centred, i);
            // a window of 80 × 40 full pixels: its origin is (x, y) − (40, 20), for (x, y) = (100, 40) or (300, 200)
            assertTrue(Arrays.equals(b, new long[] {60, 20, 140, 60}) || Arrays.equals(b, new long[] {260, 180, 340, 220}),
                    Arrays.toString(b));
        }
    }

    @Test
    void pointsAsATensorAndSamplesWithoutPointsFallBackOnTheirBox() {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("path", new String[] {"a", "b"});
        columns.put("inside_points", new Tensor(new float[] {10, 10, 10, 10, 500, 600, 500, 600}, 2, 2, 2));
        Batch in = Batch.of(columns);
        Tensor boxes = new ViewGlimpseFromPoints(8, 8).overlap(0).coordinateFormat("xy").apply(in, new StepRandom(0, in)).tensor("bbox");
        assertArrayEquals(new long[] {6, 6, 14, 14}, box(boxes, 0));
        assertArrayEquals(new long[] {496, 596, 504, 604}, box(boxes, 1));

        Batch none = batch(20, Map.of("inside_points", "[]", "bbox", "[100, 100, 110, 110]"));
        Tensor fallback = new ViewGlimpseFromPoints(8, 8).apply(none, new StepRandom(0, none)).tensor("bbox");
        for (int i = 0; i < 20; i++) {
            long[] b = box(fallback, i);
            assertTrue(b[0] < 110 && b[2] > 100 && b[1] < 110 && b[3] > 100, Arrays.toString(b));
        }
        Batch nothing = batch(1, Map.of("inside_points", ""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ViewGlimpseFromPoints(8, 8).apply(nothing, new StepRandom(0, nothing)));
        assertTrue(e.getMessage().contains("image-0.png") && e.getMessage().contains("inside_points"), e.getMessage());
    }

    @Test
    void badOptionsAndBadSamplesAreClearErrors() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ViewGlimpseFromBBox(8, 8).zoomFactor(3))
                .getMessage().contains("power of 2"));
        assertThrows(IllegalArgumentException.class, () -> new ViewGlimpseFromBBox(0, 8));
        assertThrows(IllegalArgumentException.class, () -> new ViewGlimpseFromPoints(8, 8).overlap(1.5));
        assertThrows(IllegalArgumentException.class, () -> new ViewGlimpseFromPoints(8, 8).coordinateFormat("cr"));
        assertThrows(IllegalArgumentException.class, () -> new ViewGlimpseFromPoints(8, 8).zoomFactor(6));

        Samples samples = Samples.of(Table.create("s", StringColumn.create("path", "one.png", "two.png"),
                StringColumn.create("bbox", "[0, 0, 8, 8]", "[9, 0, 2, 4]"), StringColumn.create("inside_points", "[[1, 2]]", "[[1, 2], [3]]")));
        DataGenerator generator = samples.generator();
        IllegalArgumentException box = assertThrows(IllegalArgumentException.class, () -> generator.map(new ViewGlimpseFromBBox(4, 4)));
        assertTrue(box.getMessage().contains("two.png") && box.getMessage().contains("negative"), box.getMessage());
        IllegalArgumentException points = assertThrows(IllegalArgumentException.class, () -> generator.map(new ViewGlimpseFromPoints(4, 4)));
        assertTrue(points.getMessage().contains("two.png") && points.getMessage().contains("inside_points"), points.getMessage());
        Samples bare = Samples.of(Table.create("s", StringColumn.create("path", "three.png")));
        IllegalArgumentException region = assertThrows(IllegalArgumentException.class, () -> bare.generator().map(new ViewGlimpseFromBBox(4, 4)));
        assertTrue(region.getMessage().contains("three.png") && region.getMessage().contains("size"), region.getMessage());
    }

    @Test
    void glimpsesOfATiledImageAreTheSameAtAnyWorkerCountAndFollowTheSeed() {
        java.awt.image.BufferedImage image = TestImages.randomRgb(300, 200, 11);
        Path header = dir.resolve("large.dzi");
        DeepZoomPyramid.write(image, header, dir.resolve("large_files"), 32, 1, "png");
        String[] paths = new String[40];
        Arrays.fill(paths, header.toString());
        String[] boxes = new String[40];
        Arrays.setAll(boxes, i -> "[" + (i * 7) + ", " + (i * 3) + ", " + (i * 7 + 20) + ", " + (i * 3 + 20) + "]");
        String[] sizes = new String[40];
        Arrays.fill(sizes, "[300, 200]");
        Samples samples = Samples.of(Table.create("s", StringColumn.create("path", paths), StringColumn.create("bbox", boxes),
                StringColumn.create("size", sizes), StringColumn.create("category", paths)));

        List<float[]> one = run(samples, 1, 5);
        List<float[]> three = run(samples, 3, 5);
        assertEquals(one.size(), three.size());
        for (int k = 0; k < one.size(); k++) {
            assertArrayEquals(one.get(k), three.get(k), "batch part " + k);
        }
        assertFalse(Arrays.equals(one.get(0), run(samples, 1, 6).get(0)), "another seed, other windows");
        // the images are the windows' pixels at zoom 2, read from the level's tiles
        float[] first = one.get(0);
        float[] firstImage = one.get(1);
        ImageView view = new ImageView((int) first[0], (int) first[1], (int) first[2], (int) first[3], 2);
        assertArrayEquals(new ImagePipeline().read(header.toString(), view).data(), Arrays.copyOf(firstImage, 8 * 12 * 3));
    }

    /** For each batch of two shuffled epochs: its bbox values, then its images. */
    private static List<float[]> run(Samples samples, int workers, long seed) {
        DataGenerator generator = samples.generator().seed(seed).shuffle(true).repeat(2).batchSize(8).workers(workers)
                .map(new ViewGlimpseFromBBox(8, 12).zoomFactor(2), new ImagePipeline());
        List<float[]> out = new ArrayList<>();
        for (Batch b : generator) {
            out.add(b.tensor("bbox").data());
            out.add(b.tensor("img").data());
        }
        return out;
    }
}
