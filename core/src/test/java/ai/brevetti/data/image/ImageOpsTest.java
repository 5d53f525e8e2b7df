package ai.brevetti.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** Colour modes, padding, rescaling and regions of interest on small known images. */
class ImageOpsTest {
    private static final float EPS = 1e-4f;

    @Test
    void aPictureConvertsToTheValuesADecodedFileOfItGets() {
        BufferedImage rgb = TestImages.randomRgb(7, 5, 3);
        BufferedImage grey = TestImages.randomGrey(7, 5, 4);
        FloatImage decodedRgb = ImageDecoder.decode(TestImages.write(rgb, "png"));
        FloatImage decodedGrey = ImageDecoder.decode(TestImages.write(grey, "png"));
        assertEquals(decodedRgb, FloatImage.fromBufferedImage(rgb, 3));
        assertEquals(ColorMode.GREYSCALE.apply(decodedRgb), FloatImage.fromBufferedImage(rgb, 1));
        // grey samples as stored: getRGB would put them through a gamma curve
        assertEquals(decodedGrey, FloatImage.fromBufferedImage(grey, 1));
        assertEquals(ColorMode.RGB.apply(decodedGrey), FloatImage.fromBufferedImage(grey, 3));
        assertEquals(grey.getRaster().getSample(2, 1, 0), FloatImage.fromBufferedImage(grey, 1).get(1, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> FloatImage.fromBufferedImage(rgb, 2));
    }

    @Test
    void greyscaleIsLumaAndGreyStaysGrey() {
        FloatImage rgb = new FloatImage(1, 2, 3, new float[] {255, 0, 0, 10, 20, 30});
        FloatImage grey = ColorMode.GREYSCALE.apply(rgb);
        assertEquals(1, grey.channels());
        assertArrayEquals(new float[] {0.2989f * 255, 0.2989f * 10 + 0.587f * 20 + 0.114f * 30}, grey.data(), EPS);
        FloatImage already = TestImages.grey(new float[][] {{7, 8}});
        assertSame(already, ColorMode.GREYSCALE.apply(already));
    }

    @Test
    void rgbReplicatesGrey() {
        FloatImage rgb = ColorMode.RGB.apply(TestImages.grey(new float[][] {{7, 8}}));
        assertArrayEquals(new float[] {7, 7, 7, 8, 8, 8}, rgb.data());
    }

    @Test
    void bayerDemosaicsEachTwoByTwoCell() {
        // cell: blue top-left, green on the other diagonal (averaged), red bottom-right
        FloatImage mosaic = TestImages.grey(new float[][] {
            {1, 2, 3, 4},
            {11, 12, 13, 14},
            {21, 22, 23, 24},
            {31, 32, 33, 34}});
        FloatImage rgb = ColorMode.BAYER.apply(mosaic);
        assertEquals(2, rgb.height());
        assertEquals(2, rgb.width());
        assertArrayEquals(new float[] {12, 6.5f, 1, 14, 8.5f, 3, 32, 26.5f, 21, 34, 28.5f, 23}, rgb.data(), EPS);
        // a colour source: channel 0 is the mosaic
        FloatImage asRgb = ColorMode.RGB.apply(mosaic);
        assertArrayEquals(rgb.data(), ColorMode.BAYER.apply(asRgb).data(), EPS);
        // odd sizes read zeros past the edge (SAME padding)
        FloatImage odd = ColorMode.BAYER.apply(TestImages.grey(new float[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}));
        assertEquals(2, odd.height());
        assertEquals(2, odd.width());
        assertArrayEquals(new float[] {5, 3, 1, 0, 3, 3, 0, 4, 7, 0, 0, 9}, odd.data(), EPS);
    }

    @Test
    void colourModeNames() {
        assertEquals(ColorMode.GREYSCALE, ColorMode.of("grayscale"));
        assertEquals(ColorMode.BAYER, ColorMode.of("Bayer"));
        assertThrows(IllegalArgumentException.class, () -> ColorMode.of("cmyk"));
    }

    private static final FloatImage TWO_BY_THREE = TestImages.grey(new float[][] {{1, 2, 3}, {4, 5, 6}});

    @Test
    void constantPaddingAtBottomRightOrCentred() {
        FloatImage bottom = Padding.pad(TWO_BY_THREE, 4, 5, PaddingMode.CONSTANT, false);
        assertArrayEquals(new float[][] {{1, 2, 3, 0, 0}, {4, 5, 6, 0, 0}, {0, 0, 0, 0, 0}, {0, 0, 0, 0, 0}},
                TestImages.plane(bottom, 0));
        FloatImage centred = Padding.pad(TWO_BY_THREE, 5, 6, PaddingMode.CONSTANT, true);
        // 3 extra rows: 1 above, 2 below; 3 extra columns: 1 left, 2 right
        assertArrayEquals(new float[][] {
            {0, 0, 0, 0, 0, 0}, {0, 1, 2, 3, 0, 0}, {0, 4, 5, 6, 0, 0}, {0, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0}},
                TestImages.plane(centred, 0));
    }

    @Test
    void reflectAndSymmetricPadding() {
        FloatImage row = TestImages.grey(new float[][] {{1, 2, 3}});
        assertArrayEquals(new float[] {1, 2, 3, 2, 1, 2},
                TestImages.plane(Padding.pad(row, 1, 6, PaddingMode.REFLECT, false), 0)[0]);
        assertArrayEquals(new float[] {1, 2, 3, 3, 2, 1},
                TestImages.plane(Padding.pad(row, 1, 6, PaddingMode.SYMMETRIC, false), 0)[0]);
        // centred: 2 left, 2 right
        assertArrayEquals(new float[] {3, 2, 1, 2, 3, 2, 1},
                TestImages.plane(Padding.pad(row, 1, 7, PaddingMode.REFLECT, true), 0)[0]);
        assertArrayEquals(new float[] {2, 1, 1, 2, 3, 3, 2},
                TestImages.plane(Padding.pad(row, 1, 7, PaddingMode.SYMMETRIC, true), 0)[0]);
        // rows too, and channels move together
        FloatImage rgb = ColorMode.RGB.apply(TWO_BY_THREE);
        FloatImage tall = Padding.pad(rgb, 4, 3, PaddingMode.SYMMETRIC, false);
        assertArrayEquals(new float[][] {{1, 2, 3}, {4, 5, 6}, {4, 5, 6}, {1, 2, 3}}, TestImages.plane(tall, 2));
        // wider than the image: the mirror repeats
        assertArrayEquals(new float[] {1, 2, 1, 2, 1},
                TestImages.plane(Padding.pad(TestImages.grey(new float[][] {{1, 2}}), 1, 5, PaddingMode.REFLECT, false), 0)[0]);
        assertSame(TWO_BY_THREE, Padding.pad(TWO_BY_THREE, 2, 3, PaddingMode.REFLECT, true));
    }

    @Test
    void rescaleModes() {
        FloatImage in = TestImages.grey(new float[][] {{0, 127.5f, 255}});
        assertSame(in, Rescale.of("None").apply(in));
        assertArrayEquals(new float[] {-1, 0, 1}, Rescale.of("imagenet").apply(in).data(), EPS);
        assertArrayEquals(new float[] {0, 0.5f, 1}, Rescale.of("unit").apply(in).data(), EPS);
        assertArrayEquals(new float[] {10, 137.5f, 265}, new Rescale(1, 10).apply(in).data(), EPS);
        assertArrayEquals(new float[] {0, 127.5f, 255}, in.data(), "input unchanged");
        assertEquals("imagenet", Rescale.IMAGENET.toString());
        assertThrows(IllegalArgumentException.class, () -> Rescale.of("percent"));
    }

    @Test
    void roiCropsAndZeroFillsOutsideTheImage() {
        FloatImage image = TestImages.grey(new float[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}});
        Roi middle = Roi.of(new int[][] {{1, 0}, {3, 2}});
        assertArrayEquals(new float[][] {{2, 3}, {5, 6}}, TestImages.plane(middle.crop(image), 0));
        Roi beyond = new Roi(2, 1, 4, 4);
        assertArrayEquals(new float[][] {{6, 0}, {9, 0}, {0, 0}}, TestImages.plane(beyond.crop(image), 0));
        Roi outside = new Roi(5, 5, 7, 6);
        assertArrayEquals(new float[][] {{0, 0}}, TestImages.plane(outside.crop(image), 0));
        assertThrows(IllegalArgumentException.class, () -> new Roi(3, 0, 1, 2));
    }
}
