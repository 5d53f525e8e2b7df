package ai.brevetti.data.image.augmentation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.data.image.FloatImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The whole-pixel copy of {@link Warp#affine} gives the same bits as interpolating, on random images and maps. */
class GridMapTest {
    private static final float[] SPECIAL = {-0f, 0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -1f};

    @Test
    void flipsQuarterTurnsAndShiftsCopyTheSameBitsAsInterpolation() {
        Random random = new Random(17);
        int copied = 0;
        for (int i = 0; i < 3000; i++) {
            int h = 1 + random.nextInt(9);
            int w = random.nextBoolean() ? h : 1 + random.nextInt(9);
            FloatImage image = randomImage(random, h, w, 1 + random.nextInt(4));
            Affine map = randomGridMap(random, h, w);
            float fill = random.nextInt(8) == 0 ? SPECIAL[random.nextInt(SPECIAL.length)] : (float) random.nextGaussian();
            for (Interpolation interpolation : Interpolation.values()) {
                assertNotNull(GridMap.of(map), map::toString);
                copied += GridMap.copyIsExact(image, interpolation, fill) ? 1 : 0;
                assertArrayEquals(bits(Warp.interpolate(image, map, interpolation, fill)), bits(Warp.affine(image, map, interpolation, fill)),
                        () -> map + " " + interpolation + " fill " + fill);
            }
        }
        assertTrue(copied > 3000, "the copy was taken " + copied + " times");
    }

    @Test
    void theAugmentersFlipsAreGridMapsAndOtherMapsAreNot() {
        assertNotNull(GridMap.of(Affine.scaling(-1, 1).aboutCentre(64, 64)));
        assertNotNull(GridMap.of(Affine.scaling(1, -1).aboutCentre(63, 10)));
        assertNotNull(GridMap.of(Affine.rotation(270).aboutCentre(8, 8)));
        assertNull(GridMap.of(Affine.rotation(90).aboutCentre(8, 9)), "a quarter turn of an odd-sided oblong lands between pixels");
        assertNull(GridMap.of(Affine.rotation(30)));
        assertNull(GridMap.of(Affine.translation(0.5, 0)));
        assertNull(GridMap.of(Affine.scaling(2, 1)));
        assertNull(GridMap.of(Affine.translation(1e12, 0)));
    }

    @Test
    void bilinearCopiesOnlyFiniteValuesWithoutNegativeZero() {
        FloatImage plain = new FloatImage(1, 2, 1, new float[] {1f, 0f});
        assertTrue(GridMap.copyIsExact(plain, Interpolation.BILINEAR, 0f));
        assertFalse(GridMap.copyIsExact(plain, Interpolation.BILINEAR, Float.NaN));
        assertFalse(GridMap.copyIsExact(new FloatImage(1, 2, 1, new float[] {1f, -0f}), Interpolation.BILINEAR, 0f));
        assertFalse(GridMap.copyIsExact(new FloatImage(1, 2, 1, new float[] {1f, Float.POSITIVE_INFINITY}), Interpolation.BILINEAR, 0f));
        assertTrue(GridMap.copyIsExact(new FloatImage(1, 2, 1, new float[] {Float.NaN, -0f}), Interpolation.NEAREST, Float.NaN));
    }

    private static FloatImage randomImage(Random random, int h, int w, int channels) {
        float[] values = new float[h * w * channels];
        boolean special = random.nextInt(4) == 0;
        for (int i = 0; i < values.length; i++) {
            values[i] = special && random.nextInt(5) == 0 ? SPECIAL[random.nextInt(SPECIAL.length)] : (float) random.nextGaussian() * 100;
        }
        return new FloatImage(h, w, channels, values);
    }

    /** A flip, quarter turn or transpose (about the centre, or not) and a whole-number shift that may leave the image. */
    private static Affine randomGridMap(Random random, int h, int w) {
        int sa = random.nextBoolean() ? 1 : -1;
        int sb = random.nextBoolean() ? 1 : -1;
        boolean swap = h == w && random.nextBoolean();
        Affine axes = swap ? new Affine(0, sa, 0, sb, 0, 0) : Affine.scaling(sa, sb);
        Affine map = random.nextBoolean() ? axes.aboutCentre(h, w) : axes;
        if (GridMap.of(map) == null) {
            map = axes; // about the centre of an odd-by-even image: half-pixel offsets
        }
        return random.nextBoolean() ? map : map.then(Affine.translation(random.nextInt(2 * w + 3) - w - 1, random.nextInt(2 * h + 3) - h - 1));
    }

    /**
     * The values' bits, every NaN as the one canonical NaN (as {@code FloatImage.equals} compares): which NaN
     * a sum gives depends on the order of its operands in the compiled code, so it can change between JIT tiers.
     */
    private static int[] bits(FloatImage image) {
        float[] v = image.data();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Float.floatToIntBits(v[i]);
        }
        return out;
    }
}
