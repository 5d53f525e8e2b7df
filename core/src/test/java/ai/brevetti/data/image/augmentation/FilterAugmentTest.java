package ai.brevetti.data.image.augmentation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.data.image.FloatImage;
import ai.brevetti.data.image.augmentation.ImageFiltering.Kind;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Filters and ImageFiltering. */
class FilterAugmentTest {
    @Test
    void defaults() {
        ImageFiltering f = new ImageFiltering();
        assertEquals(Range.of(0, 0.25), f.embossStrength());
        assertEquals(List.of(3, 3), f.avgBlur());
        assertEquals(0.5, f.gaussianBlurSigma());
        assertEquals(0.5, f.chance());
        assertEquals("ImageFiltering[embossStrength=(0.0, 0.25), avgBlur=[3, 3], gaussianBlurSigma=0.5, chance=0.5]", f.toString());
        assertThrows(IllegalArgumentException.class, () -> f.avgBlur(0, 3));
    }

    @Test
    void gaussianKernelSizeAndSum() {
        assertEquals(5, Filters.gaussianKernel(0.5).length); // 2·ceil(1.25)+1
        assertEquals(11, Filters.gaussianKernel(2).length);
        double sum = 0;
        for (float k : Filters.gaussianKernel(2)) {
            sum += k;
        }
        assertEquals(1, sum, 1e-6);
        assertArrayEquals(new float[] {1}, Filters.gaussianKernel(0));
    }

    @Test
    void gaussianBlurKeepsAConstantImageAndTheMean() {
        FloatImage flat = TestImages.constant(7, 9, 3, 0.4f);
        FloatImage blurred = Filters.gaussianBlur(flat, 1.5);
        for (float v : blurred.data()) {
            assertEquals(0.4f, v, 1e-6);
        }
        FloatImage noisy = TestImages.uniform(32, 32, 1, 1, 0, 1);
        assertEquals(TestImages.mean(noisy), TestImages.mean(Filters.gaussianBlur(noisy, 0.5)), 0.01);
        assertTrue(TestImages.std(Filters.gaussianBlur(noisy, 0.5)) < TestImages.std(noisy));
    }

    @Test
    void embossOfAConstantImageAddsNothing() {
        FloatImage flat = TestImages.constant(6, 6, 3, 0.3f);
        ImageFiltering.Draw d = new ImageFiltering.Draw(Kind.EMBOSS, 0.25, -1, 1);
        assertEquals(flat, new ImageFiltering().apply(flat, d));
    }

    @Test
    void embossAddsSignedSobelGradients() {
        // a ramp along x: Sobel_x = 8 inside (2 per column step × 4), 0 along y
        float[] d = new float[5 * 5];
        for (int i = 0; i < d.length; i++) {
            d[i] = i % 5;
        }
        FloatImage ramp = new FloatImage(5, 5, 1, d);
        FloatImage out = new ImageFiltering().apply(ramp, new ImageFiltering.Draw(Kind.EMBOSS, 0.25, 1, -1));
        assertEquals(2 - 0.25f * 8, out.get(2, 2, 0), 1e-6);
        assertEquals(0f, out.get(2, 0, 0), 1e-6, "reflected edge: the gradient is 0 at the mirror");
    }

    @Test
    void meanBlurSpreadsAnImpulse() {
        float[] d = new float[5 * 5];
        d[12] = 9;
        FloatImage out = Filters.meanBlur(new FloatImage(5, 5, 1, d), 3, 3);
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 5; x++) {
                float expected = Math.abs(y - 2) <= 1 && Math.abs(x - 2) <= 1 ? 1 : 0;
                assertEquals(expected, out.get(y, x, 0), 1e-6);
            }
        }
    }

    @Test
    void edgesAreReflectedWithoutRepeatingTheEdge() {
        assertEquals(1, Filters.reflect(-1, 4));
        assertEquals(2, Filters.reflect(4, 4));
        assertEquals(0, Filters.reflect(6, 4));
        assertEquals(0, Filters.reflect(-3, 1));
        FloatImage row = new FloatImage(1, 3, 1, new float[] {0, 3, 6});
        FloatImage out = Filters.meanBlur(row, 1, 3);
        assertEquals(2f, out.get(0, 0, 0), 1e-6); // (3 + 0 + 3) / 3
        assertEquals(4f, out.get(0, 2, 0), 1e-6);
    }

    @Test
    void evenKernelsReachOneFurtherForward() {
        FloatImage row = new FloatImage(1, 4, 2, new float[] {0, 1, 3, 1, 6, 1, 9, 1});
        FloatImage out = Filters.meanBlur(row, 1, 2);
        assertArrayEquals(new float[] {1.5f, 1, 4.5f, 1, 7.5f, 1, 7.5f, 1}, out.data()); // last: (9 + 6) / 2
        FloatImage column = new FloatImage(4, 1, 1, new float[] {0, 3, 6, 9});
        assertArrayEquals(new float[] {1.5f, 4.5f, 7.5f, 7.5f}, Filters.meanBlur(column, 2, 1).data());
    }

    @Test
    void oneDrawPicksOneFilterInThirdsOfTheChance() {
        ImageFiltering f = new ImageFiltering().chance(0.9);
        Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
        for (long seed = 0; seed < 3000; seed++) {
            counts.merge(f.draw(new SplittableRandom(seed)).kind(), 1, Integer::sum);
        }
        for (Kind k : List.of(Kind.EMBOSS, Kind.GAUSSIAN_BLUR, Kind.MEAN_BLUR)) {
            assertTrue(Math.abs(counts.get(k) - 900) < 100, k + " " + counts);
        }
        assertTrue(Math.abs(counts.get(Kind.NONE) - 300) < 60, counts.toString());
    }

    @Test
    void chanceZeroChangesNothing() {
        FloatImage in = TestImages.uniform(5, 5, 3, 1, 0, 1);
        for (long seed = 0; seed < 20; seed++) {
            assertSame(in, new ImageFiltering().chance(0).apply(in, new SplittableRandom(seed)));
        }
    }
}
