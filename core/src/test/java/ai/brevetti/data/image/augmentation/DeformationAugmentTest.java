package ai.brevetti.data.image.augmentation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.data.image.FloatImage;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** ImageDeformation (elastic) and ImageSaltAndPepper. */
class DeformationAugmentTest {
    @Test
    void defaultsAreIdentity() {
        ImageDeformation d = new ImageDeformation();
        assertEquals("ImageDeformation[alpha=0.0, sigma=0.5, chance=0.5]", d.toString());
        for (long seed = 0; seed < 10; seed++) {
            assertNull(d.chance(1).draw(new SplittableRandom(seed), 8, 8), "alpha 0 is no deformation");
            assertNull(d.alpha(3).chance(0).draw(new SplittableRandom(seed), 8, 8));
        }
    }

    @Test
    void fieldIsSmoothBoundedAndRepeatable() {
        ImageDeformation d = new ImageDeformation().alpha(4).sigma(2).chance(1);
        ImageDeformation.Field f = d.draw(new SplittableRandom(1), 32, 24);
        assertEquals(32 * 24, f.dx().length);
        double meanAbs = 0;
        for (int i = 0; i < f.dx().length; i++) {
            assertTrue(Math.abs(f.dx()[i]) <= 4 && Math.abs(f.dy()[i]) <= 4);
            meanAbs += Math.abs(f.dx()[i]);
        }
        meanAbs /= f.dx().length;
        assertTrue(meanAbs > 0.05 && meanAbs < 2, "blurred uniform noise shrinks: " + meanAbs);
        ImageDeformation.Field again = d.draw(new SplittableRandom(1), 32, 24);
        assertArrayEquals(f.dx(), again.dx());
        assertArrayEquals(f.dy(), again.dy());
        assertNotEquals(f.dx()[0], d.draw(new SplittableRandom(2), 32, 24).dx()[0]);
    }

    @Test
    void labelsStayInTheirSetAndImagesChange() {
        ImageDeformation d = new ImageDeformation().alpha(3).sigma(1).chance(1);
        FloatImage image = TestImages.uniform(20, 20, 3, 1, 0, 1);
        float[] mask = new float[400];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = (i / 20 + i % 20) % 4 < 2 ? 1 : 0;
        }
        FloatImage label = new FloatImage(20, 20, 1, mask);
        ImageDeformation.Field f = d.draw(new SplittableRandom(5), 20, 20);
        assertNotEquals(image, ImageDeformation.apply(image, f, Interpolation.BILINEAR));
        FloatImage moved = ImageDeformation.apply(label, f, Interpolation.NEAREST);
        assertNotEquals(label, moved);
        for (float v : moved.data()) {
            assertTrue(v == 0 || v == 1);
        }
    }

    @Test
    void saltAndPepperSetsPixelsToTheRangeEnds() {
        ImageSaltAndPepper s = new ImageSaltAndPepper().fraction(0.2).valueRange(-1, 2).chance(1);
        assertEquals("ImageSaltAndPepper[fraction=0.2, valueRange=(-1.0, 2.0), scale=1, chance=1.0]", s.toString());
        FloatImage in = TestImages.constant(50, 50, 3, 0.5f);
        FloatImage out = s.apply(in, new SplittableRandom(3));
        int salt = 0;
        int pepper = 0;
        for (int y = 0; y < 50; y++) {
            for (int x = 0; x < 50; x++) {
                float v = out.get(y, x, 0);
                assertEquals(v, out.get(y, x, 2), "all channels together");
                salt += v == 2 ? 1 : 0;
                pepper += v == -1 ? 1 : 0;
                assertTrue(v == 2 || v == -1 || v == 0.5f);
            }
        }
        assertTrue(Math.abs(salt - 250) < 60 && Math.abs(pepper - 250) < 60, salt + " salt, " + pepper + " pepper");
    }

    @Test
    void saltAndPepperScaleGrowsSquares() {
        ImageSaltAndPepper s = new ImageSaltAndPepper().fraction(0.002).scale(3).chance(1);
        byte[] map = null;
        for (long seed = 0; map == null || count(map) == 0; seed++) {
            map = s.draw(new SplittableRandom(seed), 40, 40);
        }
        // every marked pixel lies in a fully marked 3×3 square (clipped at the border)
        int marked = count(map);
        assertTrue(marked >= 4, "a square, not a single pixel: " + marked);
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 40; x++) {
                if (map[y * 40 + x] != 0) {
                    assertTrue(inFullSquare(map, y, x), "(" + y + "," + x + ")");
                }
            }
        }
        assertNull(new ImageSaltAndPepper().chance(0).draw(new SplittableRandom(0), 4, 4));
    }

    private static boolean inFullSquare(byte[] map, int y, int x) {
        for (int cy = y - 1; cy <= y + 1; cy++) {
            for (int cx = x - 1; cx <= x + 1; cx++) {
                boolean full = true;
                for (int yy = Math.max(0, cy - 1); yy <= Math.min(39, cy + 1); yy++) {
                    for (int xx = Math.max(0, cx - 1); xx <= Math.min(39, cx + 1); xx++) {
                        full &= map[yy * 40 + xx] != 0;
                    }
                }
                if (full && cy >= 0 && cy < 40 && cx >= 0 && cx < 40) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int count(byte[] map) {
        int n = 0;
        for (byte b : map) {
            n += b != 0 ? 1 : 0;
        }
        return n;
    }
}
