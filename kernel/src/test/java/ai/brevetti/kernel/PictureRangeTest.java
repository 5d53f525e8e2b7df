package ai.brevetti.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.data.generator.Tensor;
import ai.brevetti.data.image.FloatImage;
import ai.brevetti.data.image.Rescale;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Float images as pictures: mapped from what they hold, never a flat colour when their values differ. */
class PictureRangeTest {

    /** The grey of pixel (x, y) (red for RGB) as the PNG a notebook or terminal shows stores it. */
    private static int grey(BufferedImage picture, int x, int y) {
        return picture.getRaster().getSample(x, y, 0);
    }

    private static BufferedImage shown(Object value) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(Png.ofValue(value).orElseThrow()));
    }

    private static int[] greyRange(BufferedImage picture) {
        int lo = 255;
        int hi = 0;
        for (int y = 0; y < picture.getHeight(); y++) {
            for (int x = 0; x < picture.getWidth(); x++) {
                for (int band = 0; band < picture.getRaster().getNumBands(); band++) {
                    lo = Math.min(lo, picture.getRaster().getSample(x, y, band));
                    hi = Math.max(hi, picture.getRaster().getSample(x, y, band));
                }
            }
        }
        return new int[] {lo, hi};
    }

    @Test
    void augmentedImagenetValuesBeyondMinusOneToOneUseTheirOwnRange() throws Exception {
        // imagenet-rescaled, then augmented: about -1.5 ... 1.2 (the notebook's mosaics, black before)
        FloatImage augmented = new FloatImage(1, 4, 1, new float[] {-1.5f, -0.15f, 0.525f, 1.2f});
        BufferedImage p = shown(augmented);
        assertEquals(0, grey(p, 0, 0));
        assertEquals(127.5, grey(p, 1, 0), 1, "the middle of -1.5 .. 1.2 is mid-grey");
        assertEquals(191.25, grey(p, 2, 0), 1);
        assertEquals(255, grey(p, 3, 0));
    }

    @Test
    void valuesInARescalesRangeAreShownInIt() throws Exception {
        assertEquals(128, grey(shown(new FloatImage(1, 2, 1, new float[] {0.5f, 0.9f})), 0, 0), "unit: 0.5 is mid-grey");
        assertEquals(64, grey(shown(new FloatImage(1, 2, 1, new float[] {-0.5f, 0.9f})), 0, 0), "imagenet: -0.5 is a quarter");
        assertEquals(100, grey(shown(new FloatImage(1, 2, 1, new float[] {100, 140})), 0, 0), "decoded 0-255 values as they are");
        BufferedImage rgb = shown(new FloatImage(1, 2, 3, new float[] {255, 0, 0, 0, 0, 200}));
        assertEquals(0xff0000, rgb.getRGB(0, 0) & 0xffffff);
        // too faint to see in 0-255 (1.2 grey levels): their own range instead
        BufferedImage faint = shown(new FloatImage(1, 2, 1, new float[] {0, 1.2f}));
        assertEquals(0, grey(faint, 0, 0));
        assertEquals(255, grey(faint, 1, 0));
    }

    @Test
    void aConstantImageIsItsValuesGrey() throws Exception {
        assertEquals(128, grey(shown(new FloatImage(2, 2, 1, new float[] {0.5f, 0.5f, 0.5f, 0.5f})), 1, 1));
        assertEquals(0, grey(shown(FloatImage.zeros(2, 2, 3)), 1, 1));
        assertEquals(64, grey(shown(new FloatImage(1, 1, 1, new float[] {-0.5f})), 0, 0));
        assertEquals(100, grey(shown(new FloatImage(1, 1, 1, new float[] {100})), 0, 0));
        assertEquals(255, grey(shown(new FloatImage(1, 1, 1, new float[] {300})), 0, 0));
        assertEquals(0, grey(shown(new FloatImage(1, 1, 1, new float[] {-5})), 0, 0));
    }

    @Test
    void nanAndInfinitiesDoNotBreakThePicture() throws Exception {
        BufferedImage p = shown(new FloatImage(1, 5, 1, new float[] {Float.NaN, 2, 4, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}));
        assertEquals(0, grey(p, 0, 0), "NaN is black");
        assertEquals(0, grey(p, 1, 0));
        assertEquals(255, grey(p, 2, 0), "the finite values choose the range (2 .. 4 is too faint for 0-255)");
        assertEquals(255, grey(p, 3, 0));
        assertEquals(0, grey(p, 4, 0));
        assertEquals(0, grey(shown(new FloatImage(1, 2, 1, new float[] {Float.NaN, Float.NaN})), 1, 0));
        BufferedImage huge = shown(new FloatImage(1, 2, 1, new float[] {-3e38f, 3e38f}));
        assertEquals(0, grey(huge, 0, 0));
        assertEquals(255, grey(huge, 1, 0));
    }

    @Test
    void anImageWhoseValuesDifferIsNeverAFlatPicture() throws Exception {
        SplittableRandom random = new SplittableRandom(13);
        for (int trial = 0; trial < 500; trial++) {
            int channels = random.nextBoolean() ? 1 : 3;
            int h = 1 + random.nextInt(6);
            int w = 2 + random.nextInt(6);
            double scale = Math.pow(10, random.nextDouble(-6, 6));
            double offset = random.nextDouble(-2, 2) * scale * (random.nextBoolean() ? 1 : 100);
            float[] values = new float[h * w * channels];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (offset + scale * random.nextDouble());
            }
            values[0] = (float) offset;
            values[values.length - 1] = (float) (offset + scale); // values differ
            if (values[0] == values[values.length - 1]) {
                continue;
            }
            if (values.length > 2 && random.nextInt(4) == 0) {
                values[1 + random.nextInt(values.length - 2)] = Float.NaN; // not the lowest or highest
            }
            FloatImage image = new FloatImage(h, w, channels, values);
            int[] range = greyRange(shown(image));
            assertTrue(range[1] - range[0] >= PictureRange.MIN_LEVELS - 1, "trial " + trial + ": values from " + offset + " over "
                    + scale + " shown in grey levels " + range[0] + " .. " + range[1]);
        }
    }

    @Test
    void aBatchIsShownInItsImagesRangeNotThatOfTheMosaicsEmptyTiles() throws Exception {
        // 3 images of 2..3 in a 2x2 mosaic: the empty tile (0) does not stretch the range
        float[] data = new float[3 * 2 * 2];
        for (int i = 0; i < data.length; i++) {
            data[i] = i % 2 == 0 ? 2 : 3;
        }
        BufferedImage mosaic = shown(new Tensor(data, 3, 2, 2, 1));
        assertEquals(4, mosaic.getWidth());
        assertEquals(0, grey(mosaic, 0, 0));
        assertEquals(255, grey(mosaic, 1, 0));
    }

    @Test
    void aKnownRescaleDrawsTheImageAsItsFileLooked() {
        FloatImage imagenet = new FloatImage(1, 4, 1, new float[] {-1, 0, 1, 1.4f});
        BufferedImage p = imagenet.toBufferedImage(Rescale.IMAGENET);
        assertEquals(0, grey(p, 0, 0));
        assertEquals(127.5, grey(p, 1, 0), 1);
        assertEquals(255, grey(p, 2, 0));
        assertEquals(255, grey(p, 3, 0), "beyond the rescale's white: clamped");
    }
}
