package ai.brevetti.data.image.augmentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.data.image.FloatImage;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** RandomTransformer: options, draws and the geometry of what it draws. */
class RandomTransformerTest {
    /** Nothing random: every part off, to switch single parts on in a test. */
    private static final RandomTransformer NOTHING = new RandomTransformer().chance(0).rotateChance(0)
            .flipUpDown(false).flipLeftRight(false).scale(0).shear(0).translateHorizontal(0).translateVertical(0);

    @Test
    void defaultsAndWithers() {
        RandomTransformer t = new RandomTransformer();
        assertEquals(0.5, t.chance());
        assertEquals(Range.of(-90, 90), t.rotate());
        assertEquals(Range.of(-0.04, 0.04), t.shear());
        assertEquals(Interpolation.BILINEAR, t.interpolation());
        RandomTransformer changed = t.rotate(30).chance(1.0).translateVertical(0.1, 0.3).interpolation("nearest");
        assertEquals(Range.of(-30, 30), changed.rotate());
        assertEquals(1.0, changed.chance());
        assertEquals(Range.of(0.1, 0.3), changed.translateVertical());
        assertEquals(Interpolation.NEAREST, changed.interpolation());
        assertEquals(0.5, t.chance(), "withers return copies");
        assertEquals("RandomTransformer[chance=0.5, flipUpDown=true, flipLeftRight=true, scale=(-0.2, 0.2), rotateChance=0.5, "
                + "rotate=(-90.0, 90.0), translateHorizontal=(-0.1, 0.1), translateVertical=(-0.1, 0.1), shear=(-0.04, 0.04), "
                + "interpolation=bilinear, fillSegValue=0.0]", t.toString());
        assertThrows(IllegalArgumentException.class, () -> t.chance(1.5));
        assertThrows(IllegalArgumentException.class, () -> t.interpolation("bicubic"));
        assertThrows(IllegalArgumentException.class, () -> t.rotate(5, 1));
    }

    @Test
    void chanceZeroDrawsTheIdentity() {
        RandomTransformer t = new RandomTransformer().chance(0).rotateChance(0);
        for (long seed = 0; seed < 50; seed++) {
            assertSame(Affine.IDENTITY, t.draw(new SplittableRandom(seed), 10, 12));
        }
    }

    @Test
    void drawAlwaysTakesTwelveValues() {
        for (RandomTransformer t : new RandomTransformer[] {new RandomTransformer(), NOTHING, NOTHING.rotateChance(1)}) {
            SplittableRandom r = new SplittableRandom(3);
            var unused = t.draw(r, 8, 8);
            SplittableRandom expected = new SplittableRandom(3);
            for (int i = 0; i < 12; i++) {
                expected.nextDouble();
            }
            assertEquals(expected.nextLong(), r.nextLong(), t.toString());
        }
    }

    @Test
    void leftRightFlipsAreExactMirrorsAndHappenAboutHalfTheTime() {
        RandomTransformer t = NOTHING.chance(1).flipLeftRight(true);
        FloatImage in = TestImages.ramp(4, 7, 3);
        int flipped = 0;
        for (long seed = 0; seed < 200; seed++) {
            Affine a = t.draw(new SplittableRandom(seed), 4, 7);
            if (a.isIdentity()) {
                continue;
            }
            flipped++;
            FloatImage out = t.transformImage(in, a);
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 7; x++) {
                    assertEquals(in.get(y, 6 - x, 2), out.get(y, x, 2));
                }
            }
        }
        assertTrue(flipped > 70 && flipped < 130, "flipped " + flipped + " of 200");
    }

    @Test
    void upDownFlipsAreExactMirrors() {
        RandomTransformer t = NOTHING.chance(1).flipUpDown(true);
        FloatImage in = TestImages.ramp(5, 3, 1);
        int flipped = 0;
        for (long seed = 0; seed < 20; seed++) {
            Affine a = t.draw(new SplittableRandom(seed), 5, 3);
            if (!a.isIdentity()) {
                flipped++;
                FloatImage out = t.transformImage(in, a);
                for (int y = 0; y < 5; y++) {
                    for (int x = 0; x < 3; x++) {
                        assertEquals(in.get(4 - y, x, 0), out.get(y, x, 0));
                    }
                }
            }
        }
        assertTrue(flipped > 0);
    }

    @Test
    void fixedQuarterTurnMapsCorners() {
        RandomTransformer t = NOTHING.rotateChance(1).rotate(90, 90);
        int n = 5;
        FloatImage in = TestImages.ramp(n, n, 1);
        Affine a = t.draw(new SplittableRandom(1), n, n);
        FloatImage bilinear = t.transformImage(in, a);
        FloatImage nearest = t.interpolation("nearest").transformImage(in, a);
        assertEquals(nearest, bilinear);
        assertEquals(in.get(0, n - 1, 0), nearest.get(0, 0, 0));
        assertEquals(in.get(n - 1, n - 1, 0), nearest.get(0, n - 1, 0));
        assertEquals(in.get(n - 1, 0, 0), nearest.get(n - 1, n - 1, 0));
        assertEquals(in.get(0, 0, 0), nearest.get(n - 1, 0, 0));
    }

    @Test
    void rotationAnglesStayInTheirRange() {
        RandomTransformer t = NOTHING.rotateChance(1).rotate(30);
        Set<Long> signs = new HashSet<>();
        for (long seed = 0; seed < 100; seed++) {
            Affine a = t.draw(new SplittableRandom(seed), 11, 11);
            double degrees = Math.toDegrees(Math.atan2(a.d(), a.a()));
            assertTrue(Math.abs(degrees) <= 30, "angle " + degrees);
            assertEquals(1, a.a() * a.a() + a.d() * a.d(), 1e-12, "a rotation keeps lengths");
            signs.add((long) Math.signum(degrees));
        }
        assertEquals(Set.of(-1L, 1L), signs);
    }

    @Test
    void wholePixelTranslationShiftsExactly() {
        // 0.25 · 8 = 2 columns, 0.5 · 4 = 2 rows: output (y, x) reads input (y + 2, x + 2)
        RandomTransformer t = NOTHING.chance(1).translateHorizontal(0.25, 0.25).translateVertical(0.5, 0.5);
        FloatImage in = TestImages.ramp(4, 8, 2);
        FloatImage out = t.transformImage(in, t.draw(new SplittableRandom(0), 4, 8));
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 8; x++) {
                for (int c = 0; c < 2; c++) {
                    float expected = y + 2 < 4 && x + 2 < 8 ? in.get(y + 2, x + 2, c) : 0f;
                    assertEquals(expected, out.get(y, x, c));
                }
            }
        }
    }

    @Test
    void scaleFactorTwoAboutTheCentre() {
        RandomTransformer t = NOTHING.chance(1).scale(1, 1); // factor 1 + 1
        int n = 7; // centre 3
        FloatImage in = TestImages.ramp(n, n, 1);
        Affine a = t.draw(new SplittableRandom(0), n, n);
        assertEquals(new Affine(2, 0, -3, 0, 2, -3), a);
        FloatImage out = t.transformImage(in, a);
        assertEquals(in.get(3, 3, 0), out.get(3, 3, 0));
        assertEquals(in.get(1, 5, 0), out.get(2, 4, 0));
        assertEquals(0f, out.get(0, 0, 0));
    }

    @Test
    void shearAndTranslationStayWithinTheirRanges() {
        RandomTransformer t = new RandomTransformer().chance(1).rotateChance(0).flipLeftRight(false).flipUpDown(false).scale(0);
        for (long seed = 0; seed < 100; seed++) {
            Affine a = t.draw(new SplittableRandom(seed), 20, 40);
            assertEquals(1, a.a());
            assertEquals(1, a.e());
            assertTrue(Math.abs(a.b()) <= 0.04 && Math.abs(a.d()) <= 0.04);
            // the centre (19.5, 9.5) moves by the translation only (plus the shear of nothing)
            assertTrue(Math.abs(a.mapX(19.5, 9.5) - 19.5) <= 4 + 1e-9);
            assertTrue(Math.abs(a.mapY(19.5, 9.5) - 9.5) <= 2 + 1e-9);
        }
    }

    @Test
    void labelsUseNearestAndTheFillValue() {
        float[] mask = new float[8 * 8];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = (i * 7 % 5) < 2 ? 1 : 0;
        }
        FloatImage label = new FloatImage(8, 8, 1, mask);
        RandomTransformer t = new RandomTransformer().chance(1).rotateChance(1).fillSegValue(3);
        boolean filled = false;
        for (long seed = 0; seed < 30; seed++) {
            Affine a = t.draw(new SplittableRandom(seed), 8, 8);
            FloatImage out = t.transformLabel(label, a);
            for (float v : out.data()) {
                assertTrue(v == 0 || v == 1 || v == 3, "label value " + v);
                filled |= v == 3;
            }
            assertNotEquals(label, out);
        }
        assertTrue(filled, "some pixels come from outside");
    }
}
