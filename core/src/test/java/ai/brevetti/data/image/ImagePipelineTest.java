package ai.brevetti.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.data.generator.Batch;
import ai.brevetti.data.generator.StepRandom;
import ai.brevetti.data.generator.Tensor;
import ai.brevetti.testing.Captured;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ImagePipelineTest {
    private static final float EPS = 1e-4f;

    @TempDir
    Path dir;

    private static Batch batchOf(String... paths) {
        return Batch.of(Map.of("path", paths));
    }

    private static Batch run(ImagePipeline pipeline, Batch batch) {
        return pipeline.apply(batch, new StepRandom(0, batch));
    }

    private String write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file.toString();
    }

    /** A grey PNG of the given rows (0–255). */
    private String greyPng(String name, int[][] rows) throws IOException {
        BufferedImage image = new BufferedImage(rows[0].length, rows.length, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < rows.length; y++) {
            for (int x = 0; x < rows[0].length; x++) {
                image.getRaster().setSample(x, y, 0, rows[y][x]);
            }
        }
        return write(name, TestImages.write(image, "png"));
    }

    private String constantBmp(String name, int h, int w, int rgb) throws IOException {
        int[][] pixels = new int[h][w];
        for (int[] row : pixels) {
            java.util.Arrays.fill(row, rgb);
        }
        return write(name, TestImages.bmp(pixels, 24, false));
    }

    private static float[] image(Tensor batch, int i, int c) {
        FloatImage img = FloatImage.of(batch, i);
        float[] out = new float[img.height() * img.width()];
        for (int p = 0; p < out.length; p++) {
            out[p] = img.data()[p * img.channels() + c];
        }
        return out;
    }

    @Test
    void loadsABatchOfRealFilesWithMissingAndCorruptOnesAsBlackImages() throws Exception {
        String constant = constantBmp("constant.bmp", 8, 8, 0x0A141E);
        String small = greyPng("small.png", new int[][] {{0, 4}, {8, 12}});
        String missing = dir.resolve("missing.png").toString();
        String corrupt = write("corrupt.png", "this is not a png".getBytes(StandardCharsets.UTF_8));
        ImagePipeline pipeline = new ImagePipeline().targetSize(4, 4);
        Batch in = batchOf(constant, small, missing, corrupt);

        Captured<Batch> captured = Captured.run(() -> run(pipeline, in));
        Batch out = captured.value;

        Tensor img = out.tensor("img");
        assertArrayEquals(new int[] {4, 4, 4, 3}, img.shape());
        for (int c = 0; c < 3; c++) {
            float expected = new float[] {10, 20, 30}[c];
            for (float v : image(img, 0, c)) {
                assertEquals(expected, v, EPS);
            }
            // 2×2 → 4×4 bilinear, grey replicated to RGB
            assertArrayEquals(new float[] {0, 1, 3, 4, 2, 3, 5, 6, 6, 7, 9, 10, 8, 9, 11, 12}, image(img, 1, c), EPS);
            assertArrayEquals(new float[16], image(img, 2, c));
            assertArrayEquals(new float[16], image(img, 3, c));
        }
        Tensor shapes = out.tensor(ImagePipeline.FILE_SHAPE_KEY);
        assertArrayEquals(new float[] {8, 8, 3, 2, 2, 3, 0, 0, 0, 0, 0, 0}, shapes.data());
        assertTrue(captured.err.contains("WARN") && captured.err.contains(missing), captured.err);
        assertTrue(captured.err.contains(corrupt), captured.err);
        assertFalse(captured.err.contains(small), captured.err);
        assertArrayEquals(in.strings("path"), out.strings("path"), "the input columns stay");
    }

    @Test
    void aFailedImageIsBlackBeforeTheRescale() throws Exception {
        String missing = dir.resolve("nowhere.bmp").toString();
        Captured<Batch> captured = Captured.run(() -> run(new ImagePipeline().targetSize(2, 3).rescale("imagenet"), batchOf(missing)));
        Tensor img = captured.value.tensor("img");
        assertArrayEquals(new int[] {1, 2, 3, 3}, img.shape());
        for (float v : img.data()) {
            assertEquals(-1f, v);
        }
        // no target size: 1×1
        Captured<Batch> noTarget = Captured.run(() -> run(new ImagePipeline(), batchOf(missing)));
        assertArrayEquals(new int[] {1, 1, 1, 3}, noTarget.value.tensor("img").shape());
        assertTrue(noTarget.err.contains(missing));
    }

    @Test
    void withoutATargetSizeImagesOfDifferentSizesAreAnError() throws Exception {
        String a = constantBmp("a.bmp", 4, 4, 0x010203);
        String b = constantBmp("b.bmp", 4, 5, 0x010203);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> run(new ImagePipeline(), batchOf(a, b)));
        assertTrue(e.getMessage().contains("target size") && e.getMessage().contains(b), e.getMessage());
        // same sizes are fine, at their own size
        Tensor img = run(new ImagePipeline(), batchOf(a, a)).tensor("img");
        assertArrayEquals(new int[] {2, 4, 4, 3}, img.shape());
        assertArrayEquals(new float[] {1, 2, 3}, java.util.Arrays.copyOf(img.data(), 3));
    }

    @Test
    void rescaleModesInThePipeline() throws Exception {
        String file = constantBmp("c.bmp", 2, 2, 0xFF0000);
        assertArrayEquals(new float[] {1, -1, -1}, first3(new ImagePipeline().rescale("imagenet"), file), EPS);
        assertArrayEquals(new float[] {1, 0, 0}, first3(new ImagePipeline().rescale("unit"), file), EPS);
        assertArrayEquals(new float[] {255, 0, 0}, first3(new ImagePipeline().rescale("none"), file), EPS);
        assertArrayEquals(new float[] {512, 2, 2}, first3(new ImagePipeline().rescale(2, 2), file), EPS);
    }

    private static float[] first3(ImagePipeline pipeline, String file) {
        return java.util.Arrays.copyOf(run(pipeline, batchOf(file)).tensor("img").data(), 3);
    }

    @Test
    void keepAspectRatioPadsWithEachModeAtTheEndOrCentred() throws Exception {
        String wide = greyPng("wide.png", new int[][] {{1, 2, 3, 4}, {5, 6, 7, 8}});
        ImagePipeline base = new ImagePipeline().targetSize(4, 4).colorMode("greyscale").keepAspectRatio(true);
        float[] r0 = {1, 2, 3, 4};
        float[] r1 = {5, 6, 7, 8};
        float[] zero = new float[4];
        assertRowsEqual(List.of(r0, r1, zero, zero), base.load(wide));
        assertRowsEqual(List.of(zero, r0, r1, zero), base.centerPadding(true).load(wide));
        assertRowsEqual(List.of(r0, r1, r0, r1), base.paddingMode("reflect").load(wide));
        assertRowsEqual(List.of(r0, r1, r1, r0), base.paddingMode("symmetric").load(wide));
        assertRowsEqual(List.of(r1, r0, r1, r0), base.paddingMode("reflect").centerPadding(true).load(wide));
        // fitting shrinks too: 2×4 into 2×2 is 1×2 (area: means of 2×2 blocks), then padded below
        FloatImage shrunk = base.targetSize(2, 2).resizeMethod("area").load(wide);
        assertArrayEquals(new float[] {3.5f, 5.5f, 0, 0}, shrunk.data(), EPS);
        // without keepAspectRatio the image is stretched
        FloatImage stretched = new ImagePipeline().targetSize(2, 2).colorMode("greyscale").resizeMethod("area").load(wide);
        assertArrayEquals(new float[] {1.5f, 3.5f, 5.5f, 7.5f}, stretched.data(), EPS);
    }

    private static void assertRowsEqual(List<float[]> rows, FloatImage image) {
        assertEquals(rows.size(), image.height());
        float[][] plane = TestImages.plane(image, 0);
        for (int y = 0; y < rows.size(); y++) {
            assertArrayEquals(rows.get(y), plane[y], EPS, "row " + y);
        }
    }

    private String grid4() throws IOException {
        int[][] rows = new int[4][4];
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                rows[y][x] = 4 * y + x;
            }
        }
        return greyPng("grid.png", rows);
    }

    @Test
    void roisAreConcatenatedAlongTheHeight() throws Exception {
        String grid = grid4();
        ImagePipeline pipeline = new ImagePipeline().colorMode("greyscale")
                .rois(new int[][] {{0, 0}, {2, 2}}, new int[][] {{2, 2}, {4, 4}});
        Batch out = run(pipeline, batchOf(grid, grid));
        Tensor img = out.tensor("img");
        assertArrayEquals(new int[] {2, 4, 2, 1}, img.shape());
        assertArrayEquals(new float[] {0, 1, 4, 5, 10, 11, 14, 15}, FloatImage.of(img, 1).data());
        // the file shape is the whole image
        assertArrayEquals(new float[] {4, 4, 1}, java.util.Arrays.copyOf(out.tensor(ImagePipeline.FILE_SHAPE_KEY).data(), 3));
        // then resized as one image: 4×2 → 2×1 area
        FloatImage small = pipeline.targetSize(2, 1).resizeMethod("area").load(grid);
        assertArrayEquals(new float[] {2.5f, 12.5f}, small.data(), EPS);
        // regions of different widths cannot be concatenated
        ImagePipeline mixed = pipeline.rois(new int[][] {{0, 0}, {2, 2}}, new int[][] {{0, 0}, {3, 2}});
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> run(mixed, batchOf(grid)));
        assertTrue(e.getMessage().contains("width"), e.getMessage());
    }

    @Test
    void roisAsTimeseriesOrSeparateOutputs() throws Exception {
        String grid = grid4();
        ImagePipeline pipeline = new ImagePipeline().colorMode("greyscale")
                .rois(new int[][] {{0, 0}, {2, 2}}, new int[][] {{2, 2}, {4, 4}});
        Tensor series = run(pipeline.roiMode("as_timeseries"), batchOf(grid, grid)).tensor("img");
        assertArrayEquals(new int[] {2, 2, 2, 2, 1}, series.shape());
        assertArrayEquals(new float[] {0, 1, 4, 5, 10, 11, 14, 15}, series.slice(0).data());

        Batch separate = run(pipeline.roiMode("none").targetSize(1, 1).resizeMethod("area"), batchOf(grid));
        assertFalse(separate.has("img"));
        assertArrayEquals(new float[] {2.5f}, separate.tensor("img_0").data(), EPS);
        assertArrayEquals(new float[] {12.5f}, separate.tensor("img_1").data(), EPS);
        assertThrows(IllegalStateException.class, () -> pipeline.roiMode("none").load(grid));
        assertEquals(2, pipeline.roiMode("none").loadAll(grid).size());
    }

    @Test
    void colourModesInThePipeline() throws Exception {
        String mosaic = greyPng("mosaic.png", new int[][] {{1, 2, 3, 4}, {11, 12, 13, 14}, {21, 22, 23, 24}, {31, 32, 33, 34}});
        Batch bayer = run(new ImagePipeline().colorMode("bayer"), batchOf(mosaic));
        assertArrayEquals(new int[] {1, 2, 2, 3}, bayer.tensor("img").shape());
        assertArrayEquals(new float[] {12, 6.5f, 1}, java.util.Arrays.copyOf(bayer.tensor("img").data(), 3), EPS);
        assertArrayEquals(new float[] {2, 2, 3}, bayer.tensor(ImagePipeline.FILE_SHAPE_KEY).data());

        String red = constantBmp("red.bmp", 2, 2, 0xC80000);
        Tensor grey = run(new ImagePipeline().colorMode("greyscale"), batchOf(red)).tensor("img");
        assertArrayEquals(new int[] {1, 2, 2, 1}, grey.shape());
        assertEquals(0.2989f * 200, grey.data()[0], EPS);
    }

    @Test
    void processNeverChangesItsInputAndKeysAreConfigurable() throws Exception {
        FloatImage decoded = TestImages.grey(new float[][] {{0, 255}});
        FloatImage out = new ImagePipeline().colorMode("greyscale").rescale("unit").process(decoded);
        assertArrayEquals(new float[] {0, 1}, out.data(), EPS);
        assertArrayEquals(new float[] {0, 255}, decoded.data());

        String file = constantBmp("k.bmp", 2, 2, 0x010101);
        Batch batch = Batch.of(Map.of("file", new String[] {file}));
        Batch keyed = run(new ImagePipeline().pathKey("file").outputKey("image"), batch);
        assertTrue(keyed.has("image") && !keyed.has("img"));
    }

    @ParameterizedTest
    @EnumSource(JpegDecoder.class)
    void jpegReducedScaleIsCloseToTheExactResult(JpegDecoder decoder) throws Exception {
        try (JpegDecoder.Forced forced = JpegDecoder.force(decoder)) {
            jpegReducedScaleIsCloseToTheExactResult();
        }
    }

    private void jpegReducedScaleIsCloseToTheExactResult() throws Exception {
        String jpeg = write("photo.jpg", TestImages.write(smooth(224, 224), "jpeg"));
        ImagePipeline exact = new ImagePipeline().targetSize(64, 64).antialias(true);
        Batch fast = run(exact.jpegReducedScale(true), batchOf(jpeg));
        FloatImage reference = exact.load(jpeg);
        FloatImage reduced = FloatImage.of(fast.tensor("img"), 0);
        assertArrayEquals(new float[] {224, 224, 3}, fast.tensor(ImagePipeline.FILE_SHAPE_KEY).data());
        double diff = 0;
        for (int i = 0; i < reference.data().length; i++) {
            diff += Math.abs(reference.data()[i] - reduced.data()[i]);
        }
        assertTrue(diff / reference.data().length < 3, "mean difference " + diff / reference.data().length);
        assertFalse(reference.equals(reduced), "a different decode");
    }

    /** A smooth colour picture (JPEG-friendly). */
    static BufferedImage smooth(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = (int) (127 + 120 * Math.sin(x / 9.0));
                int g = (int) (127 + 120 * Math.cos(y / 13.0));
                int b = (x + y) * 255 / (w + h);
                image.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        return image;
    }

    @Test
    void readableToString() {
        ImagePipeline pipeline = new ImagePipeline().targetSize(64, 64).antialias(true).rescale("imagenet");
        assertEquals("ImagePipeline(targetSize=64x64, colorMode=rgb, resizeMethod=bilinear, antialias=true, "
                + "keepAspectRatio=false, rescale=imagenet, pathKey=path, outputKey=img)", pipeline.toString());
        assertTrue(pipeline.rois(new int[][] {{1, 2}, {3, 4}}).toString().contains("rois=[[[1, 2], [3, 4]]], roiMode=concatenate_height"));
    }

    @ParameterizedTest
    @EnumSource(JpegDecoder.class)
    void loadingAFileAndProcessingItsDecodedImageAgree(JpegDecoder decoder) throws Exception {
        try (JpegDecoder.Forced forced = JpegDecoder.force(decoder)) {
            loadingAFileAndProcessingItsDecodedImageAgree();
        }
    }

    private void loadingAFileAndProcessingItsDecodedImageAgree() throws Exception {
        BufferedImage picture = smooth(50, 37);
        for (String format : List.of("bmp", "png", "jpeg")) {
            String file = write("agree." + format, TestImages.write(picture, format));
            for (ImagePipeline pipeline : List.of(
                    new ImagePipeline().targetSize(16, 20).antialias(true),
                    new ImagePipeline().targetSize(16, 20).colorMode("greyscale").resizeMethod("bicubic").rescale("unit"),
                    new ImagePipeline().targetSize(30, 30).keepAspectRatio(true).centerPadding(true).paddingMode("symmetric"))) {
                FloatImage decoded = pipeline.read(file);
                assertEquals(pipeline.process(decoded), pipeline.load(file), format + " " + pipeline);
            }
        }
    }
}
