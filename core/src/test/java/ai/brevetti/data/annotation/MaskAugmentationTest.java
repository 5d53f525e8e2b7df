package ai.brevetti.data.annotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.data.generator.Batch;
import ai.brevetti.data.generator.DataGenerator;
import ai.brevetti.data.generator.Tensor;
import ai.brevetti.data.image.ImagePipeline;
import ai.brevetti.data.image.augmentation.ImageAugmenter;
import ai.brevetti.data.image.augmentation.ImageDeformation;
import ai.brevetti.data.image.augmentation.RandomTransformer;
import ai.brevetti.data.samples.Samples;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Masks stay on their images under every geometric augmentation: an L-shaped polygon (asymmetric under any
 * flip or turn) drawn by the loader, and the same L drawn as pixels in the image, go through one augmenter
 * (the image bilinear, the mask nearest); for every transform and seed the augmented image, thresholded at
 * half, and the augmented mask agree (IoU). A mask moved the wrong way, or not at all, scores far lower.
 */
class MaskAugmentationTest {
    @TempDir
    Path dir;

    static Map<String, ImageAugmenter> transforms() {
        RandomTransformer off = new RandomTransformer().chance(0).rotateChance(0).flipUpDown(false).flipLeftRight(false)
                .scale(0).shear(0).translateHorizontal(0).translateVertical(0);
        ImageAugmenter none = new ImageAugmenter().imageNoise(null).imageFilter(null);
        Map<String, ImageAugmenter> all = new LinkedHashMap<>();
        all.put("flip left-right", none.randomTransformer(off.chance(1).flipLeftRight(true)));
        all.put("flip up-down", none.randomTransformer(off.chance(1).flipUpDown(true)));
        all.put("rotation", none.randomTransformer(off.rotateChance(1).rotate(90)));
        all.put("scale", none.randomTransformer(off.chance(1).scale(0.3)));
        all.put("shear", none.randomTransformer(off.chance(1).shear(0.2)));
        all.put("translation", none.randomTransformer(off.chance(1).translateHorizontal(0.2).translateVertical(0.2)));
        all.put("all at once", none.randomTransformer(new RandomTransformer().chance(1).rotateChance(1).shear(0.1)));
        all.put("elastic deformation", none.randomTransformer(null).imageDeformation(new ImageDeformation().alpha(6).sigma(4).chance(1)));
        return all;
    }

    @Test
    void masksFollowTheirImagesUnderEveryGeometricTransformAndSeed() throws Exception {
        AnnotationLoaderTest samplesMaker = new AnnotationLoaderTest();
        samplesMaker.dir = dir;
        Samples samples = samplesMaker.samples(4, "defect");
        // twice the file's size (nearest: the L stays sharp), so the blurred edge of a bilinear warp is a small part of it
        ImagePipeline pipeline = new ImagePipeline().targetSize(88, 96).resizeMethod("nearest");
        double worst = 1;
        for (Map.Entry<String, ImageAugmenter> t : transforms().entrySet()) {
            for (long seed = 1; seed <= 6; seed++) {
                Batch batch = new DataGenerator(samples).batchSize(4).seed(seed).map(pipeline).map(new AnnotationLoader("defect"))
                        .map(t.getValue()).first();
                Tensor img = batch.tensor("img");
                Tensor mask = batch.tensor("annotation");
                for (int i = 0; i < 4; i++) {
                    double iou = AnnotationLoaderTest.iou(slice(img, i), slice(mask, i), 0);
                    worst = Math.min(worst, iou);
                    assertTrue(iou >= 0.98, t.getKey() + ", seed " + seed + ", sample " + i + ": IoU " + iou);
                    float[] m = slice(mask, i).data();
                    for (float v : m) {
                        assertTrue(v == 0f || v == 1f, t.getKey() + ": nearest keeps label values, not " + v);
                    }
                }
            }
        }
        assertTrue(worst < 1, "the bilinear image and the nearest mask differ somewhere, so the test measures something");
    }

    /** The flips move whole pixels: the mask is exactly the thresholded image. */
    @Test
    void flipsAreExact() throws Exception {
        AnnotationLoaderTest samplesMaker = new AnnotationLoaderTest();
        samplesMaker.dir = dir;
        Samples samples = samplesMaker.samples(4, "defect");
        for (String flip : new String[] {"flip left-right", "flip up-down"}) {
            for (long seed = 1; seed <= 4; seed++) {
                Batch batch = new DataGenerator(samples).batchSize(4).seed(seed).map(new ImagePipeline()).map(new AnnotationLoader("defect"))
                        .map(transforms().get(flip)).first();
                assertEquals(1.0, AnnotationLoaderTest.iou(batch.tensor("img"), batch.tensor("annotation"), 0), 1e-12, flip + ", seed " + seed);
            }
        }
    }

    private static Tensor slice(Tensor batch, int i) {
        int each = batch.data().length / batch.dim(0);
        float[] out = new float[each];
        System.arraycopy(batch.data(), i * each, out, 0, each);
        int[] shape = batch.shape().clone();
        shape[0] = 1;
        return new Tensor(out, shape);
    }
}
