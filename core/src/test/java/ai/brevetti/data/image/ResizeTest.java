package ai.brevetti.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ResizeTest {
    private static final float EPS = 1e-4f;

    private static void assertRows(float[][] expected, FloatImage actual, float eps) {
        assertEquals(expected.length, actual.height(), "height");
        assertEquals(expected[0].length, actual.width(), "width");
        for (int y = 0; y < expected.length; y++) {
            assertArrayEquals(expected[y], TestImages.plane(actual, 0)[y], eps, "row " + y);
        }
    }

    private static float[] row(FloatImage image) {
        return TestImages.plane(image, 0)[0];
    }

    @Test
    void bilinearUpscaleTwoByTwoToFourByFour() {
        // half-pixel centres: outputs sit at input positions -0.25, 0.25, 0.75, 1.25 (edges clamp)
        FloatImage in = TestImages.grey(new float[][] {{0, 4}, {8, 12}});
        FloatImage out = Resize.resize(in, 4, 4, ResizeMethod.BILINEAR, false);
        assertRows(new float[][] {{0, 1, 3, 4}, {2, 3, 5, 6}, {6, 7, 9, 10}, {8, 9, 11, 12}}, out, EPS);
        // upscaling: antialias changes nothing
        assertArrayEquals(out.data(), Resize.resize(in, 4, 4, ResizeMethod.BILINEAR, true).data(), EPS);
    }

    @Test
    void bilinearKeepsALinearRampLinearInTheInterior() {
        float[][] ramp = new float[1][8];
        for (int x = 0; x < 8; x++) {
            ramp[0][x] = 10 + 3 * x;
        }
        FloatImage out = Resize.resize(TestImages.grey(ramp), 1, 20, ResizeMethod.BILINEAR, false);
        float scale = 8f / 20;
        for (int o = 0; o < 20; o++) {
            float position = (o + 0.5f) * scale - 0.5f;
            if (position >= 0 && position <= 7) {
                assertEquals(10 + 3 * position, out.get(0, o, 0), EPS, "at " + o);
            }
        }
        // and the ends hold the edge values
        assertEquals(10f, out.get(0, 0, 0), EPS);
        assertEquals(31f, out.get(0, 19, 0), EPS);
    }

    @Test
    void bilinearDownscaleByTwoIsPairMeansAndAntialiasWidensTheTriangle() {
        FloatImage in = TestImages.grey(new float[][] {{0, 1, 2, 3}});
        assertArrayEquals(new float[] {0.5f, 2.5f}, row(Resize.resize(in, 1, 2, ResizeMethod.BILINEAR, false)), EPS);
        // antialias: a triangle of radius 2 around 1 and 3, weights (3, 3, 1)/7 and (1, 3, 3)/7
        assertArrayEquals(new float[] {5f / 7, 16f / 7}, row(Resize.resize(in, 1, 2, ResizeMethod.BILINEAR, true)), EPS);
    }

    @Test
    void areaDownscaleGivesBlockMeans() {
        float[][] values = new float[4][4];
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                values[y][x] = 4 * y + x;
            }
        }
        FloatImage out = Resize.resize(TestImages.grey(values), 2, 2, ResizeMethod.AREA, false);
        assertRows(new float[][] {{2.5f, 4.5f}, {10.5f, 12.5f}}, out, EPS);
        // a fractional ratio weighs partly covered pixels: 3 → 2 covers [0, 1.5) and [1.5, 3)
        FloatImage third = Resize.resize(TestImages.grey(new float[][] {{0, 3, 6}}), 1, 2, ResizeMethod.AREA, false);
        assertArrayEquals(new float[] {(0 + 1.5f) / 1.5f, (1.5f + 6) / 1.5f}, row(third), EPS);
        // upscaling: 2 → 3, the middle output straddles both pixels
        FloatImage up = Resize.resize(TestImages.grey(new float[][] {{0, 9}}), 1, 3, ResizeMethod.AREA, false);
        assertArrayEquals(new float[] {0, 4.5f, 9}, row(up), EPS);
    }

    @Test
    void nearestMatchesTensorFlowHalfPixelRounding() {
        FloatImage in = TestImages.grey(new float[][] {{10, 11, 12, 13, 14}});
        // index = min(floor((o + 0.5) * in / out), in - 1)
        assertArrayEquals(new float[] {10, 12, 14}, row(Resize.resize(in, 1, 3, ResizeMethod.NEAREST, false)), 0f);
        assertArrayEquals(new float[] {10, 11, 13, 14}, row(Resize.resize(in, 1, 4, ResizeMethod.NEAREST, false)), 0f);
        FloatImage four = TestImages.grey(new float[][] {{0, 1, 2, 3}});
        assertArrayEquals(new float[] {0, 2, 3}, row(Resize.resize(four, 1, 3, ResizeMethod.NEAREST, false)), 0f);
        FloatImage two = TestImages.grey(new float[][] {{5, 7}});
        assertArrayEquals(new float[] {5, 5, 7, 7}, row(Resize.resize(two, 1, 4, ResizeMethod.NEAREST, true)), 0f);
        assertArrayEquals(new float[] {5, 5, 5, 7, 7, 7}, row(Resize.resize(two, 1, 6, ResizeMethod.NEAREST, false)), 0f);
    }

    @Test
    void bicubicUsesKeysWithAMinusHalfAndRenormalisesAtTheEdges() {
        // an impulse at 3 upscaled 2×: output o sits at input (o + 0.5) / 2 - 0.5, all four taps inside
        FloatImage impulse = TestImages.grey(new float[][] {{0, 0, 0, 10, 0, 0, 0}});
        FloatImage out = Resize.resize(impulse, 1, 14, ResizeMethod.BICUBIC, false);
        assertEquals(10 * 0.8671875f, out.get(0, 7, 0), EPS); // distance 0.25
        assertEquals(10 * 0.8671875f, out.get(0, 6, 0), EPS); // symmetric
        assertEquals(10 * 0.2265625f, out.get(0, 5, 0), EPS); // 0.75
        assertEquals(10 * -0.0703125f, out.get(0, 4, 0), EPS); // 1.25
        assertEquals(10 * -0.0234375f, out.get(0, 3, 0), EPS); // 1.75
        // at the edge: output 1 sits at input 0.25; only pixels 0 and 1 are inside, weights renormalised
        FloatImage edge = Resize.resize(TestImages.grey(new float[][] {{0, 10, 0}}), 1, 6, ResizeMethod.BICUBIC, false);
        assertEquals(10 * 0.2265625f / (0.8671875f + 0.2265625f - 0.0234375f), edge.get(0, 1, 0), EPS);
        // cubic convolution reproduces a ramp wherever all four taps are inside
        float[][] ramp = {{0, 2, 4, 6, 8, 10, 12, 14}};
        FloatImage up = Resize.resize(TestImages.grey(ramp), 1, 16, ResizeMethod.BICUBIC, false);
        for (int o = 4; o < 12; o++) {
            assertEquals(2 * ((o + 0.5f) / 2 - 0.5f), up.get(0, o, 0), EPS, "at " + o);
        }
    }

    @Test
    void lanczos3IsTheNormalisedWindowedSinc() {
        float[][] values = {{3, 1, 4, 1, 5, 9, 2, 6, 5, 3}};
        FloatImage out = Resize.resize(TestImages.grey(values), 1, 15, ResizeMethod.LANCZOS3, false);
        // output 7 sits at input centre 7.5 * 10 / 15 = 5: pixels 2..7 are within radius 3 (pixel centres i + 0.5)
        double sum = 0;
        double weights = 0;
        for (int i = 0; i < 10; i++) {
            double d = i + 0.5 - 5.0;
            double w = Math.abs(d) >= 3 ? 0 : 3 * Math.sin(Math.PI * d) * Math.sin(Math.PI * d / 3) / (Math.PI * Math.PI * d * d);
            sum += w * values[0][i];
            weights += w;
        }
        assertEquals(sum / weights, out.get(0, 7, 0), EPS);
        // same size: each pixel stays itself
        FloatImage same = Resize.resize(TestImages.grey(values), 1, 10, ResizeMethod.LANCZOS3, false);
        assertArrayEquals(values[0], row(same), EPS);
    }

    @Test
    void aConstantImageStaysConstantForEveryMethod() {
        float[] data = new float[7 * 9 * 3];
        java.util.Arrays.fill(data, 42.5f);
        FloatImage constant = new FloatImage(7, 9, 3, data);
        int[][] sizes = {{3, 4}, {14, 20}, {7, 2}, {1, 1}, {16, 5}};
        for (ResizeMethod method : ResizeMethod.values()) {
            for (boolean antialias : new boolean[] {false, true}) {
                for (int[] size : sizes) {
                    FloatImage out = Resize.resize(constant, size[0], size[1], method, antialias);
                    assertEquals(size[0], out.height());
                    assertEquals(size[1], out.width());
                    assertEquals(3, out.channels());
                    for (float v : out.data()) {
                        assertEquals(42.5f, v, 1e-3f, method + " antialias=" + antialias + " to " + size[0] + "x" + size[1]);
                    }
                }
            }
        }
    }

    @Test
    void theSameSizeGivesTheInputBackForInterpolatingMethods() {
        // gaussian and mitchellcubic are not interpolating (they blur at scale 1, as in TensorFlow)
        FloatImage in = TestImages.grey(new float[][] {{1, 2}, {3, 4}});
        for (ResizeMethod method : new ResizeMethod[] {ResizeMethod.BILINEAR, ResizeMethod.NEAREST, ResizeMethod.BICUBIC,
            ResizeMethod.AREA, ResizeMethod.LANCZOS3, ResizeMethod.LANCZOS5}) {
            assertSame(in, Resize.resize(in, 2, 2, method, true), method.toString());
        }
    }

    @Test
    void channelsAreResampledIndependently() {
        Random random = new Random(3);
        float[] data = new float[6 * 5 * 3];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextInt(256);
        }
        FloatImage rgb = new FloatImage(6, 5, 3, data);
        FloatImage out = Resize.resize(rgb, 4, 9, ResizeMethod.BICUBIC, true);
        for (int c = 0; c < 3; c++) {
            float[] plane = new float[30];
            for (int i = 0; i < 30; i++) {
                plane[i] = data[3 * i + c];
            }
            FloatImage alone = Resize.resize(new FloatImage(6, 5, 1, plane), 4, 9, ResizeMethod.BICUBIC, true);
            assertArrayEquals(TestImages.plane(alone, 0)[2], TestImages.plane(out, c)[2], EPS);
        }
    }

    /** A 1-pixel checkerboard of 0 and 255. */
    private static FloatImage checkerboard(int size) {
        float[][] rows = new float[size][size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                rows[y][x] = (x + y) % 2 == 0 ? 0 : 255;
            }
        }
        return TestImages.grey(rows);
    }

    @Test
    void antialiasRemovesTheAliasingOfACheckerboard() {
        FloatImage board = checkerboard(48);
        for (ResizeMethod method : new ResizeMethod[] {ResizeMethod.BILINEAR, ResizeMethod.BICUBIC, ResizeMethod.LANCZOS3}) {
            for (int factor : new int[] {3, 4}) {
                FloatImage smooth = Resize.resize(board, 48 / factor, 48 / factor, method, true);
                for (float v : smooth.data()) {
                    assertEquals(127.5f, v, 6f, method + " ×1/" + factor);
                }
            }
        }
        // bilinear 4×: interior outputs see the two triangles' even and odd halves exactly balanced
        FloatImage four = Resize.resize(board, 12, 12, ResizeMethod.BILINEAR, true);
        assertEquals(127.5f, four.get(5, 6, 0), EPS);
        // without antialias, ×1/3 bilinear lands on pixel centres: pure black and white
        FloatImage aliased = Resize.resize(board, 16, 16, ResizeMethod.BILINEAR, false);
        for (float v : aliased.data()) {
            assertTrue(v == 0f || v == 255f, "aliased value " + v);
        }
        FloatImage nearest = Resize.resize(board, 12, 12, ResizeMethod.NEAREST, true);
        for (float v : nearest.data()) {
            assertTrue(v == 0f || v == 255f, "nearest value " + v);
        }
    }

    @Test
    void weightTablesAreCachedAndSumToOne() {
        ResizeWeights a = ResizeWeights.of(224, 64, ResizeMethod.BILINEAR, true);
        assertSame(a, ResizeWeights.of(224, 64, ResizeMethod.BILINEAR, true));
        for (ResizeMethod method : ResizeMethod.values()) {
            ResizeWeights w = ResizeWeights.of(37, 11, method, true);
            for (int o = 0; o < 11; o++) {
                float sum = 0;
                for (int k = 0; k < w.length(o); k++) {
                    sum += w.weight(o, k);
                    assertTrue(w.start(o) + k < 37 && w.start(o) >= 0);
                }
                assertEquals(1f, sum, 1e-5f, method + " output " + o);
            }
        }
    }

    @Test
    void aspectPreservingSizeRoundsLikeTensorFlow() {
        assertArrayEquals(new int[] {1, 2}, Resize.aspectPreservingSize(2, 4, 2, 2));
        assertArrayEquals(new int[] {64, 43}, Resize.aspectPreservingSize(300, 200, 64, 64));
        assertArrayEquals(new int[] {32, 64}, Resize.aspectPreservingSize(100, 200, 64, 64));
        assertArrayEquals(new int[] {1, 64}, Resize.aspectPreservingSize(1, 1000, 64, 64));
    }

    @Test
    void streamingRowsGiveTheSameResultAsTheImage() {
        Random random = new Random(11);
        int[][] cases = {{23, 17, 5, 9}, {8, 30, 20, 7}, {40, 40, 40, 13}, {6, 6, 6, 6}, {9, 4, 27, 4}};
        for (int[] k : cases) {
            float[] data = new float[k[0] * k[1] * 3];
            for (int i = 0; i < data.length; i++) {
                data[i] = random.nextInt(256);
            }
            FloatImage image = new FloatImage(k[0], k[1], 3, data);
            for (ResizeMethod method : ResizeMethod.values()) {
                FloatImage whole = Resize.resize(image, k[2], k[3], method, true);
                FloatImage streamed = Resize.resize(PixelRows.of(image), k[2], k[3], method, true);
                assertArrayEquals(whole.data(), streamed.data(), 1e-3f, method + " " + java.util.Arrays.toString(k));
            }
        }
    }

    @Test
    void rowsInAColourModeMatchTheImageConversion() {
        Random random = new Random(12);
        float[] data = new float[4 * 5 * 3];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextInt(256);
        }
        FloatImage rgb = new FloatImage(4, 5, 3, data);
        assertEquals(ColorMode.GREYSCALE.apply(rgb), PixelRows.of(rgb).inColorMode(ColorMode.GREYSCALE).toImage());
        FloatImage grey = ColorMode.GREYSCALE.apply(rgb);
        assertEquals(ColorMode.RGB.apply(grey), PixelRows.of(grey).inColorMode(ColorMode.RGB).toImage());
        assertSame(rgb, PixelRows.of(rgb).inColorMode(ColorMode.RGB).toImage());
    }

    @Test
    void givesTheSameBitsAsTheTwoPassResizeOnRandomImages() {
        Random random = new Random(13);
        float[] special = {-0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        for (int i = 0; i < 300; i++) {
            int h = 1 + random.nextInt(30);
            int w = 1 + random.nextInt(30);
            int c = 1 + random.nextInt(4);
            float[] data = new float[h * w * c];
            boolean withSpecial = random.nextInt(5) == 0;
            for (int j = 0; j < data.length; j++) {
                data[j] = withSpecial && random.nextInt(20) == 0 ? special[random.nextInt(special.length)]
                        : random.nextBoolean() ? random.nextInt(256) : (float) random.nextGaussian() * 50;
            }
            FloatImage image = new FloatImage(h, w, c, data);
            for (ResizeMethod method : ResizeMethod.values()) {
                for (boolean antialias : new boolean[] {false, true}) {
                    int th = random.nextInt(3) == 0 ? h : 1 + random.nextInt(40);
                    int tw = random.nextInt(3) == 0 ? w : 1 + random.nextInt(40);
                    String what = h + "x" + w + "x" + c + " -> " + th + "x" + tw + " " + method + " antialias " + antialias;
                    assertArrayEquals(bits(TwoPassResize.resize(image, th, tw, method, antialias)),
                            bits(Resize.resize(image, th, tw, method, antialias)), what);
                    assertArrayEquals(bits(TwoPassResize.resize(PixelRows.of(image), th, tw, method, antialias)),
                            bits(Resize.resize(PixelRows.of(image), th, tw, method, antialias)), "rows " + what);
                }
            }
        }
    }

    /**
     * The values' bits, every NaN as the one canonical NaN (as {@code FloatImage.equals} compares): which NaN
     * a sum gives depends on the order of its operands in the compiled code, so it can change between JIT tiers.
     */
    private static int[] bits(FloatImage image) {
        float[] v = image.data();
        int[] out = new int[v.length + 2];
        out[0] = image.height();
        out[1] = image.width();
        for (int i = 0; i < v.length; i++) {
            out[i + 2] = Float.floatToIntBits(v[i]);
        }
        return out;
    }

    @Test
    void samplesOfAFileAreWeighedAtTheirPositionsInTheFile() {
        // a smooth 224-pixel row, sampled at every third pixel from 1 (a reduced-scale decode's grid)
        float[][] file = new float[1][224];
        for (int x = 0; x < 224; x++) {
            file[0][x] = (float) (100 + 80 * Math.sin(x / 9.0));
        }
        SampleGrid grid = SampleGrid.every(3, 224);
        assertEquals(75, grid.samples());
        assertEquals(1, grid.offset());
        float[][] samples = new float[1][75];
        for (int i = 0; i < 75; i++) {
            samples[0][i] = file[0][1 + 3 * i];
        }
        FloatImage exact = Resize.resize(TestImages.grey(file), 1, 64, ResizeMethod.BILINEAR, true);
        PixelRows rows = PixelRows.of(TestImages.grey(samples));
        for (ResizeMethod method : new ResizeMethod[] {ResizeMethod.BILINEAR, ResizeMethod.AREA, ResizeMethod.LANCZOS3}) {
            FloatImage onGrid = Resize.resize(rows, SampleGrid.full(1), grid, 1, 64, method, true);
            FloatImage plain = Resize.resize(rows, 1, 64, method, true);
            FloatImage reference = Resize.resize(TestImages.grey(file), 1, 64, method, true);
            assertTrue(maxDifference(onGrid, reference) < maxDifference(plain, reference) / 2,
                    method + ": on the grid " + maxDifference(onGrid, reference) + ", plain " + maxDifference(plain, reference));
        }
        float error = maxDifference(Resize.resize(rows, SampleGrid.full(1), grid, 1, 64, ResizeMethod.BILINEAR, true), exact);
        assertTrue(error < 3f, "max error " + error);
        // a constant stays constant on any grid, and a full grid is the plain resize
        FloatImage constant = Resize.resize(PixelRows.of(TestImages.grey(new float[][] {{7, 7, 7, 7, 7}})), SampleGrid.full(1),
                SampleGrid.every(4, 20), 1, 3, ResizeMethod.AREA, false);
        assertArrayEquals(new float[] {7, 7, 7}, constant.data(), 1e-5f);
        assertEquals(Resize.resize(rows, 1, 64, ResizeMethod.BICUBIC, true),
                Resize.resize(rows, SampleGrid.full(1), SampleGrid.full(75), 1, 64, ResizeMethod.BICUBIC, true));
    }

    private static float maxDifference(FloatImage a, FloatImage b) {
        float max = 0;
        for (int i = 0; i < a.data().length; i++) {
            max = Math.max(max, Math.abs(a.data()[i] - b.data()[i]));
        }
        return max;
    }
}
