package ai.brevetti.data.image.augmentation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.data.generator.Batch;
import ai.brevetti.data.generator.StepRandom;
import ai.brevetti.data.generator.Tensor;
import ai.brevetti.data.image.FloatImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ImageAugmenter as a generator step: keys, shared geometry, determinism and independent streams. */
class ImageAugmenterTest {
    private static Tensor images(int n, int h, int w, int c, long seed) {
        List<FloatImage> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(TestImages.uniform(h, w, c, seed + i, 0, 1));
        }
        return FloatImage.stack(list);
    }

    /** 0/1 masks: 1 where the image's first channel is above {@code threshold}. */
    private static Tensor masks(Tensor images, float threshold) {
        int[] s = images.shape();
        float[] d = new float[s[0] * s[1] * s[2]];
        for (int p = 0; p < d.length; p++) {
            d[p] = images.data()[p * s[3]] > threshold ? 1 : 0;
        }
        return new Tensor(d, s[0], s[1], s[2], 1);
    }

    private static Batch run(ImageAugmenter a, Batch b, long seed) {
        return a.apply(b, new StepRandom(seed, b));
    }

    @Test
    void defaults() {
        ImageAugmenter a = new ImageAugmenter();
        assertEquals(List.of("img"), a.imageKeys());
        assertEquals(List.of("segmentation", "annotation"), a.labelKeys());
        assertEquals(new RandomTransformer(), a.randomTransformer());
        assertEquals(new ImageNoise(), a.imageNoise());
        assertEquals(new ImageFiltering(), a.imageFilter());
        assertEquals(null, a.imageDeformation());
        assertTrue(a.toString().startsWith("ImageAugmenter[imageKeys=[img], labelKeys=[segmentation, annotation], "
                + "randomTransformer=RandomTransformer[chance=0.5,"), a.toString());
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherOutput() {
        Tensor img = images(6, 16, 12, 3, 1);
        Batch b = Batch.of(Map.of("img", img, "segmentation", masks(img, 0.5f)));
        ImageAugmenter a = new ImageAugmenter().imageDeformation(new ImageDeformation().alpha(2).chance(0.5));
        Batch one = run(a, b, 42);
        Batch two = run(a, b, 42);
        assertEquals(one.tensor("img"), two.tensor("img"));
        assertEquals(one.tensor("segmentation"), two.tensor("segmentation"));
        assertNotEquals(one.tensor("img"), run(a, b, 43).tensor("img"));
        assertNotEquals(b.tensor("img"), one.tensor("img"));
        assertArrayEquals(img.shape(), one.tensor("img").shape());
    }

    @Test
    void eachSampleDependsOnlyOnItsOwnPosition() {
        Tensor img = images(4, 10, 10, 3, 7);
        Batch four = Batch.of(Map.of("img", img));
        Batch two = Batch.of(Map.of("img", new Tensor(Arrays.copyOf(img.data(), 2 * 300), 2, 10, 10, 3)));
        Tensor a = run(new ImageAugmenter(), four, 5).tensor("img");
        Tensor b = run(new ImageAugmenter(), two, 5).tensor("img");
        assertEquals(a.slice(0), b.slice(0));
        assertEquals(a.slice(1), b.slice(1));
    }

    @Test
    void chanceZeroLeavesEverythingExactlyAsItWas() {
        ImageAugmenter a = new ImageAugmenter()
                .randomTransformer(new RandomTransformer().chance(0).rotateChance(0))
                .imageNoise(new ImageNoise().chance(0))
                .imageFilter(new ImageFiltering().chance(0))
                .imageDeformation(new ImageDeformation().alpha(5).chance(0))
                .saltAndPepper(new ImageSaltAndPepper().chance(0));
        Tensor img = images(5, 9, 11, 3, 3);
        Tensor seg = masks(img, 0.3f);
        Batch out = run(a, Batch.of(Map.of("img", img, "segmentation", seg)), 1);
        assertEquals(img, out.tensor("img"));
        assertEquals(seg, out.tensor("segmentation"));
    }

    @Test
    void labelsUseNearestAndStayBinary() {
        Tensor img = images(8, 12, 12, 3, 11);
        Tensor seg = masks(img, 0.5f);
        ImageAugmenter a = new ImageAugmenter().randomTransformer(new RandomTransformer().chance(1).rotateChance(1))
                .imageDeformation(new ImageDeformation().alpha(2).chance(1));
        Tensor out = run(a, Batch.of(Map.of("img", img, "segmentation", seg)), 9).tensor("segmentation");
        assertNotEquals(seg, out);
        for (float v : out.data()) {
            assertTrue(v == 0 || v == 1, "label value " + v);
        }
    }

    @Test
    void labelsFollowExactlyTheImagesGeometry() {
        // images in (0.5, 1], masks = image > 0.75; with nearest images and fill 0 for both, the augmented
        // mask must be exactly the augmented image thresholded again
        List<FloatImage> list = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            list.add(TestImages.uniform(14, 10, 1, 100 + i, 0.5f + 1e-3f, 1));
        }
        Tensor img = FloatImage.stack(list);
        Tensor seg = masks(img, 0.75f);
        ImageAugmenter a = ImageAugmenter.none()
                .randomTransformer(new RandomTransformer().chance(0.8).rotateChance(0.8).interpolation("nearest"))
                .imageDeformation(new ImageDeformation().alpha(2).chance(0.5));
        Batch out = run(a, Batch.of(Map.of("img", img, "segmentation", seg)), 17);
        Tensor expected = masks(out.tensor("img"), 0.75f);
        assertEquals(expected, out.tensor("segmentation"));
        assertNotEquals(seg, out.tensor("segmentation"));
    }

    @Test
    void flipsAloneMirrorEachSampleOrLeaveItAndItsLabelAsItWas() {
        // a chain of flips only copies whole pixels straight into the batch: every sample must be its input
        // or the input's mirror image, the label the same, and both kinds must occur
        Tensor img = images(16, 5, 7, 3, 40);
        Tensor seg = masks(img, 0.5f);
        ImageAugmenter a = ImageAugmenter.none().randomTransformer(new RandomTransformer().chance(1).flipUpDown(false)
                .rotateChance(0).scale(0).shear(0).translateHorizontal(0).translateVertical(0));
        Batch out = run(a, Batch.of(Map.of("img", img, "segmentation", seg)), 5);
        int flipped = 0;
        for (int i = 0; i < 16; i++) {
            FloatImage in = image(img, i);
            FloatImage got = image(out.tensor("img"), i);
            boolean mirrored = got.equals(mirror(in));
            assertTrue(mirrored || got.equals(in), "sample " + i + " is neither its input nor its mirror");
            FloatImage label = image(seg, i);
            assertEquals(mirrored ? mirror(label) : label, image(out.tensor("segmentation"), i), "label " + i);
            flipped += mirrored ? 1 : 0;
        }
        assertTrue(flipped > 0 && flipped < 16, flipped + " of 16 flipped");
    }

    private static FloatImage image(Tensor t, int i) {
        int h = t.dim(1);
        int w = t.dim(2);
        int c = t.rank() == 4 ? t.dim(3) : 1;
        return new FloatImage(h, w, c, Arrays.copyOfRange(t.data(), i * h * w * c, (i + 1) * h * w * c));
    }

    private static FloatImage mirror(FloatImage in) {
        int h = in.height();
        int w = in.width();
        int c = in.channels();
        float[] out = new float[in.data().length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                System.arraycopy(in.data(), (y * w + x) * c, out, (y * w + (w - 1 - x)) * c, c);
            }
        }
        return new FloatImage(h, w, c, out);
    }

    @Test
    void switchingAComponentOffKeepsTheOthersDraws() {
        Tensor img = images(6, 16, 16, 3, 21);
        Batch b = Batch.of(Map.of("img", img, "segmentation", masks(img, 0.5f)));
        ImageAugmenter full = new ImageAugmenter().imageDeformation(new ImageDeformation().alpha(2).chance(1))
                .saltAndPepper(new ImageSaltAndPepper());
        ImageAugmenter geometryOnly = full.imageNoise(null).imageFilter(null).saltAndPepper(null);
        // the labels see only geometry: without noise and filtering they are the same
        assertEquals(run(full, b, 3).tensor("segmentation"), run(geometryOnly, b, 3).tensor("segmentation"));
        // an identity transformer (that still draws) and no transformer give the same filtering and noise
        ImageAugmenter still = full.imageDeformation(null).randomTransformer(new RandomTransformer().chance(0).rotateChance(0));
        assertEquals(run(still, b, 3).tensor("img"), run(still.randomTransformer(null), b, 3).tensor("img"));
        // and noise drawn without the filter is the filter-less part of the full chain
        ImageAugmenter noiseOnly = ImageAugmenter.none().imageNoise(new ImageNoise().chance(1));
        ImageAugmenter noiseAndIdleFilter = noiseOnly.imageFilter(new ImageFiltering().chance(0));
        assertEquals(run(noiseOnly, b, 3).tensor("img"), run(noiseAndIdleFilter, b, 3).tensor("img"));
    }

    @Test
    void everyKeyGetsTheSameDraws() {
        Tensor img = images(3, 8, 8, 3, 31);
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("img", img);
        columns.put("img2", img);
        Batch out = run(new ImageAugmenter().imageKeys("img", "img2"), Batch.of(columns), 8);
        assertEquals(out.tensor("img"), out.tensor("img2"));
    }

    @Test
    void otherColumnsAndMissingKeysAreLeftAlone() {
        Tensor img = images(2, 6, 6, 1, 41);
        String[] paths = {"a.png", "b.png"};
        Tensor onehot = new Tensor(new float[] {1, 0, 0, 1}, 2, 2);
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("path", paths);
        columns.put("img", img);
        columns.put("onehot", onehot);
        Batch out = run(new ImageAugmenter().randomTransformer(new RandomTransformer().chance(1)), Batch.of(columns), 2);
        assertSame(paths, out.strings("path"));
        assertSame(onehot, out.tensor("onehot"));
        assertEquals(List.of("path", "img", "onehot"), List.copyOf(out.keys()));
        Batch textOnly = Batch.of(Map.of("path", paths));
        assertSame(textOnly, run(new ImageAugmenter(), textOnly, 1));
    }

    @Test
    void rankThreeTensorsAreSingleChannelImages() {
        Tensor img = images(2, 6, 6, 1, 51);
        Tensor nhw = img.reshape(2, 6, 6);
        ImageAugmenter a = ImageAugmenter.none().randomTransformer(new RandomTransformer().chance(1));
        Tensor out3 = run(a, Batch.of(Map.of("img", nhw)), 4).tensor("img");
        Tensor out4 = run(a, Batch.of(Map.of("img", img)), 4).tensor("img");
        assertArrayEquals(new int[] {2, 6, 6}, out3.shape());
        assertArrayEquals(out4.data(), out3.data());
    }

    @Test
    void wrongColumnsFailClearly() {
        Batch text = Batch.of(Map.of("img", new String[] {"x"}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(new ImageAugmenter(), text, 1));
        assertTrue(e.getMessage().contains("'img'"), e.getMessage());
        Batch flat = Batch.of(Map.of("img", new Tensor(new float[4], 2, 2)));
        e = assertThrows(IllegalArgumentException.class, () -> run(new ImageAugmenter(), flat, 1));
        assertTrue(e.getMessage().contains("NHWC"), e.getMessage());
    }
}
