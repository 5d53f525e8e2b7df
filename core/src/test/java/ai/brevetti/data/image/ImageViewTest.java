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
import ai.brevetti.testing.Captured;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Sample views ({@code bbox}, {@code zoom_factor}, {@code size}) of plain images, and their columns. */
class ImageViewTest {
    @TempDir
    Path dir;

    BufferedImage picture;
    String png;

    @BeforeEach
    void picture() throws IOException {
        picture = TestImages.randomRgb(37, 29, 3);
        png = dir.resolve("picture.png").toString();
        Files.write(Path.of(png), TestImages.write(picture, "png"));
    }

    private static Batch run(ImagePipeline pipeline, Batch batch) {
        return pipeline.apply(batch, new StepRandom(0, batch));
    }

    private static Batch batch(Map<String, Object> columns) {
        return Batch.of(new LinkedHashMap<>(columns));
    }

    @Test
    void aSamplesBoxIsItsCropWithZerosOutsideTheImage() {
        Batch in = batch(Map.of("path", new String[] {png, png, png},
                "bbox", new String[] {"[3, 4, 13, 10]", "[-2, 25, 8, 31]", "[30.0, 0, 40, 6]"}));
        Batch out = run(new ImagePipeline(), in);
        Tensor img = out.tensor("img");
        assertArrayEquals(new int[] {3, 6, 10, 3}, img.shape());
        assertArrayEquals(TiledImageTest.crop(picture, 3, 4, 13, 10), FloatImage.of(img, 0).data());
        assertArrayEquals(TiledImageTest.crop(picture, -2, 25, 8, 31), FloatImage.of(img, 1).data());
        assertArrayEquals(TiledImageTest.crop(picture, 30, 0, 40, 6), FloatImage.of(img, 2).data());
        // the shape of what was loaded: the view's
        assertArrayEquals(new float[] {6, 10, 3, 6, 10, 3, 6, 10, 3}, out.tensor(ImagePipeline.FILE_SHAPE_KEY).data());
    }

    /**
     * The view's definition, computed here directly: view pixel {@code u} is centred on full-image position
     * {@code x0 + (u + 0.5)·zoom}; each pixel {@code i} of the box weighs {@code max(0, 1 − |i + 0.5 − centre| / zoom)}
     * (zero outside the image), normalised over the box's pixels.
     */
    static float[] reference(BufferedImage image, ImageView v) {
        int w = v.width();
        int h = v.height();
        float[] out = new float[h * w * 3];
        float[] box = TiledImageTest.crop(image, v.x0(), v.y0(), v.x1(), v.y1());
        int bw = v.x1() - v.x0();
        for (int y = 0; y < h; y++) {
            double[] wy = weights(v.y1() - v.y0(), y, v.zoom());
            for (int x = 0; x < w; x++) {
                double[] wx = weights(bw, x, v.zoom());
                for (int c = 0; c < 3; c++) {
                    double sum = 0;
                    for (int j = 0; j < wy.length; j++) {
                        for (int i = 0; i < wx.length; i++) {
                            sum += wy[j] * wx[i] * box[(j * bw + i) * 3 + c];
                        }
                    }
                    out[(y * w + x) * 3 + c] = (float) sum;
                }
            }
        }
        return out;
    }

    private static double[] weights(int n, int u, int zoom) {
        double centre = (u + 0.5) * zoom;
        double[] w = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            w[i] = Math.max(0, 1 - Math.abs(i + 0.5 - centre) / zoom);
            total += w[i];
        }
        for (int i = 0; i < n; i++) {
            w[i] /= total;
        }
        return w;
    }

    @Test
    void aZoomDownscalesTheBoxWithATriangleFilterCentredOnEachViewPixel() {
        ImageView[] views = {
            new ImageView(0, 0, 37, 29, 2), // odd sizes: the last view pixel averages the box's last pixel alone
            new ImageView(5, 3, 29, 19, 4),
            new ImageView(-6, -4, 20, 30, 2), // reaching outside
            new ImageView(1, 2, 36, 27, 8),
            new ImageView(4, 4, 12, 12, 1),
        };
        for (ImageView view : views) {
            FloatImage image = new ImagePipeline().read(png, view);
            assertEquals(view.height(), image.height(), view.toString());
            assertEquals(view.width(), image.width(), view.toString());
            assertArrayEquals(reference(picture, view), image.data(), 1e-3f, view.toString());
        }
    }

    @Test
    void aZoomWithoutABoxIsTheWholeImageDownscaled() {
        Batch in = batch(Map.of("path", new String[] {png}, "zoom_factor", new String[] {"4"}));
        Tensor img = run(new ImagePipeline(), in).tensor("img");
        assertArrayEquals(new int[] {1, 8, 10, 3}, img.shape());
        assertArrayEquals(reference(picture, ImageView.whole(37, 29, 4)), img.data(), 1e-3f);
        assertEquals(ImageView.whole(37, 29, 4), ImageView.of(in, 0, 37, 29));
        assertEquals(Optional.empty(), ImageView.of(in, 0), "the size is not in the columns");
    }

    @Test
    void theViewComesBeforeTheRegionsTheResizeAndTheRescale() {
        ImageView view = new ImageView(2, 1, 34, 25, 2);
        ImagePipeline pipeline = new ImagePipeline().rois(new int[][] {{1, 2}, {13, 10}}).targetSize(5, 7).antialias(true).rescale("unit");
        Batch in = batch(Map.of("path", new String[] {png}, "bbox", new String[] {view.bbox()}, "zoom_factor", new String[] {"2"}));
        Tensor img = run(pipeline, in).tensor("img");
        FloatImage expected = pipeline.process(new ImagePipeline().read(png, view));
        assertArrayEquals(expected.data(), img.data());
        assertArrayEquals(expected.data(), pipeline.load(png, view).data());
    }

    @Test
    void tensorColumnsAsTheGlimpsesWriteThem() {
        Batch in = batch(Map.of("path", new String[] {png, png},
                "bbox", new Tensor(new float[] {0, 0, 16, 8, 8, 8, 24, 16}, 2, 4), "zoom_factor", new Tensor(new float[] {2, 2}, 2)));
        Tensor img = run(new ImagePipeline(), in).tensor("img");
        assertArrayEquals(new int[] {2, 4, 8, 3}, img.shape());
        assertArrayEquals(reference(picture, new ImageView(8, 8, 24, 16, 2)), FloatImage.of(img, 1).data(), 1e-3f);
        assertEquals(Optional.of(new ImageView(8, 8, 24, 16, 2)), ImageView.of(in, 1));
    }

    @Test
    void aFileThatCannotBeLoadedIsBlackInTheViewsSize() throws Exception {
        String missing = dir.resolve("missing.png").toString();
        Batch in = batch(Map.of("path", new String[] {missing, missing},
                "bbox", new String[] {"[0, 0, 40, 30]", ""}, "zoom_factor", new String[] {"2", "2"},
                "size", new String[] {"[99, 99]", "[40, 30]"}));
        Captured<Batch> out = Captured.run(() -> run(new ImagePipeline().rescale("imagenet"), in));
        Tensor img = out.value.tensor("img");
        assertArrayEquals(new int[] {2, 15, 20, 3}, img.shape(), "from the bbox, and from the size with the zoom");
        for (float v : img.data()) {
            assertEquals(-1f, v);
        }
        assertTrue(out.err.contains("WARN") && out.err.contains(missing), out.err);
        // with a target size, the target size as before
        Captured<Batch> sized = Captured.run(() -> run(new ImagePipeline().targetSize(4, 6), in));
        assertArrayEquals(new int[] {2, 4, 6, 3}, sized.value.tensor("img").shape());
    }

    @Test
    void badViewColumnsAreErrorsNamingTheSampleAndTheValue() {
        String[][] bad = {
            {"[10, 0, 5, 8]", "1", "negative"},
            {"[0, 0, 5, 5]", "3", "power of 2"},
            {"[0, 0, 5, 5]", "-2", "power of 2"},
            {"[0, 0, 5]", "1", "four"},
            {"[0, 0, 5, 0]", "1", "no size"},
            {"[0.5, 0, 5, 5]", "1", "whole"},
            {"not json", "1", "not json"},
        };
        for (String[] b : bad) {
            Batch in = batch(Map.of("path", new String[] {png}, "bbox", new String[] {b[0]}, "zoom_factor", new String[] {b[1]}));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(new ImagePipeline(), in), b[0]);
            assertTrue(e.getMessage().contains(png), e.getMessage());
            assertTrue(e.getMessage().contains(b[2]), e.getMessage());
        }
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> new ImageView(10, 0, 5, 8, 1));
        assertTrue(negative.getMessage().contains("[10, 0, 5, 8]"), negative.getMessage());
    }

    @Test
    void aGeneratorWithABadBoxFailsWhenThePipelineIsMappedBeforeAnyBatch() {
        Samples samples = Samples.of(Table.create("s",
                StringColumn.create("category", "a", "a", "a"),
                StringColumn.create("path", png, png, dir.resolve("third.png").toString()),
                StringColumn.create("bbox", "[0, 0, 8, 8]", "", "[4, 4, 2, 9]")));
        DataGenerator generator = samples.generator().batchSize(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> generator.map(new ImagePipeline()));
        assertTrue(e.getMessage().contains("third.png") && e.getMessage().contains("[4, 4, 2, 9]"), e.getMessage());
        assertTrue(e.getMessage().contains("negative"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ImageView.of(samples, 2));
        assertEquals(Optional.of(new ImageView(0, 0, 8, 8, 1)), ImageView.of(samples, 0));
        assertEquals(Optional.empty(), ImageView.of(samples, 1));
    }

    @Test
    void theViewsMappingAndSize() {
        ImageView v = new ImageView(-10, 20, 31, 45, 4);
        assertEquals(11, v.width()); // 41 / 4 rounded up
        assertEquals(7, v.height()); // 25 / 4 rounded up
        assertEquals(2.5, v.viewX(0));
        assertEquals(-5.0, v.viewY(0));
        assertEquals(-10.0, v.imageX(0));
        assertEquals(30.0, v.imageY(2.5));
        assertEquals("[-10, 20, 31, 45]", v.bbox());
        assertEquals(new ImageView(0, 0, 7, 5, 1), ImageView.whole(7, 5, 1));
        assertFalse(v.toString().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> new ImageView(0, 0, 4, 4, 0));
        assertThrows(IllegalArgumentException.class, () -> new ImageView(Integer.MIN_VALUE, 0, Integer.MAX_VALUE, 4, 1));
    }
}
