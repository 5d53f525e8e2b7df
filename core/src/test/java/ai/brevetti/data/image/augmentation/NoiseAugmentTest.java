package ai.brevetti.data.image.augmentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.data.image.FloatImage;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** ImageNoise: each part's effect on image statistics, and its draws. */
class NoiseAugmentTest {
    /** Every part neutral, to switch single parts on. */
    private static final ImageNoise NEUTRAL = new ImageNoise().chance(1).brightness(0).contrast(1, 1).hue(0)
            .saturation(1, 1).stddev(0);

    @Test
    void defaults() {
        ImageNoise n = new ImageNoise();
        assertEquals(Range.of(-0.25, 0.25), n.brightness());
        assertEquals(Range.of(0.5, 1.25), n.contrast());
        assertEquals(Range.of(-0.05, 0.05), n.hue());
        assertEquals(Range.of(0, 2.0), n.saturation());
        assertEquals(0.01, n.stddev());
        assertEquals(0.5, n.chance());
        assertEquals("ImageNoise[brightness=(-0.25, 0.25), contrast=(0.5, 1.25), hue=(-0.05, 0.05), saturation=(0.0, 2.0), "
                + "stddev=0.01, chance=0.5]", n.toString());
    }

    @Test
    void chanceZeroChangesNothing() {
        FloatImage in = TestImages.uniform(6, 5, 3, 1, 0, 1);
        ImageNoise n = new ImageNoise().chance(0);
        for (long seed = 0; seed < 20; seed++) {
            assertSame(in, n.apply(in, new SplittableRandom(seed)));
        }
    }

    @Test
    void brightnessShiftsTheMeanByTheDrawnDelta() {
        ImageNoise n = NEUTRAL.brightness(0.25);
        FloatImage in = TestImages.uniform(16, 16, 3, 2, 0, 1);
        for (long seed = 0; seed < 10; seed++) {
            double delta = n.draw(new SplittableRandom(seed)).brightness();
            assertTrue(Math.abs(delta) <= 0.25);
            FloatImage out = n.apply(in, new SplittableRandom(seed));
            assertEquals(TestImages.mean(in) + delta, TestImages.mean(out), 1e-5);
            assertEquals(TestImages.std(in), TestImages.std(out), 1e-5);
        }
    }

    @Test
    void contrastKeepsEachChannelsMeanAndScalesTheSpread() {
        ImageNoise n = NEUTRAL.contrast(0.5, 1.25);
        FloatImage in = TestImages.uniform(16, 16, 1, 3, 0, 1);
        for (long seed = 0; seed < 10; seed++) {
            double factor = n.draw(new SplittableRandom(seed)).contrast();
            assertTrue(factor >= 0.5 && factor <= 1.25);
            FloatImage out = n.apply(in, new SplittableRandom(seed));
            assertEquals(TestImages.mean(in), TestImages.mean(out), 1e-5);
            assertEquals(TestImages.std(in) * factor, TestImages.std(out), 1e-5);
        }
    }

    @Test
    void contrastUsesPerChannelMeans() {
        float[] d = {0, 10, 2, 30}; // 2 pixels, 2 channels: means 1 and 20
        FloatImage out = NEUTRAL.apply(new FloatImage(1, 2, 2, d), new ImageNoise.Draw(1, 0, 2, 0, 0), null);
        assertEquals(-1f, out.get(0, 0, 0));
        assertEquals(0f, out.get(0, 0, 1));
        assertEquals(3f, out.get(0, 1, 0));
        assertEquals(40f, out.get(0, 1, 1));
    }

    @Test
    void saturationZeroMakesGreyAndHueRotatesColours() {
        FloatImage red = new FloatImage(1, 2, 3, new float[] {0.8f, 0.2f, 0.2f, 200, 100, 50});
        FloatImage grey = NEUTRAL.apply(red, new ImageNoise.Draw(0, 0, 1, 0, 0), null);
        assertEquals(0.8f, grey.get(0, 0, 0), 1e-6);
        assertEquals(0.8f, grey.get(0, 0, 1), 1e-6);
        assertEquals(0.8f, grey.get(0, 0, 2), 1e-6);
        assertEquals(200f, grey.get(0, 1, 2), 1e-4, "works on 0-255 values too");
        FloatImage turned = NEUTRAL.apply(red, new ImageNoise.Draw(1, 1.0 / 3, 1, 0, 0), null);
        assertEquals(0.2f, turned.get(0, 0, 0), 1e-6);
        assertEquals(0.8f, turned.get(0, 0, 1), 1e-6); // red → green
        assertEquals(0.2f, turned.get(0, 0, 2), 1e-6);
        FloatImage back = NEUTRAL.apply(turned, new ImageNoise.Draw(1, -1.0 / 3, 1, 0, 0), null);
        assertEquals(0.8f, back.get(0, 0, 0), 1e-6);
        FloatImage same = NEUTRAL.apply(red, new ImageNoise.Draw(1.0000001, 1.0, 1, 0, 0), null);
        for (int i = 0; i < 6; i++) {
            assertEquals(red.data()[i], same.data()[i], 1e-4 * Math.abs(red.data()[i]));
        }
    }

    @Test
    void colourIsSkippedForOtherChannelCounts() {
        FloatImage grey = TestImages.uniform(4, 4, 1, 5, 0, 1);
        assertSame(grey, NEUTRAL.apply(grey, new ImageNoise.Draw(0, 0.3, 1, 0, 0), null));
    }

    @Test
    void gaussianNoiseHasTheGivenSpread() {
        FloatImage in = TestImages.constant(64, 64, 3, 0.5f);
        FloatImage out = NEUTRAL.stddev(0.1).apply(in, new SplittableRandom(9));
        assertEquals(0.5, TestImages.mean(out), 0.01);
        assertEquals(0.1, TestImages.std(out), 0.005);
        assertNotEquals(out, NEUTRAL.stddev(0.1).apply(in, new SplittableRandom(10)));
        assertEquals(out, NEUTRAL.stddev(0.1).apply(in, new SplittableRandom(9)));
    }

    @Test
    void partsHappenIndependentlyWithTheChance() {
        ImageNoise n = new ImageNoise().chance(0.5);
        int contrast = 0;
        int brightness = 0;
        int both = 0;
        for (long seed = 0; seed < 1000; seed++) {
            ImageNoise.Draw d = n.draw(new SplittableRandom(seed));
            contrast += d.contrast() != 1 ? 1 : 0;
            brightness += d.brightness() != 0 ? 1 : 0;
            both += d.contrast() != 1 && d.brightness() != 0 ? 1 : 0;
        }
        assertTrue(Math.abs(contrast - 500) < 60, "contrast " + contrast);
        assertTrue(Math.abs(brightness - 500) < 60, "brightness " + brightness);
        assertTrue(Math.abs(both - 250) < 50, "both " + both);
    }

    @Test
    void drawTakesEightValues() {
        SplittableRandom r = new SplittableRandom(4);
        var unused = new ImageNoise().draw(r);
        SplittableRandom expected = new SplittableRandom(4);
        for (int i = 0; i < 8; i++) {
            expected.nextDouble();
        }
        assertEquals(expected.nextLong(), r.nextLong());
    }
}
