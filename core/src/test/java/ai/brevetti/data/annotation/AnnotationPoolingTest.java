package ai.brevetti.data.annotation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.data.generator.Batch;
import ai.brevetti.data.generator.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pooling masks as Keras' MaxPool2D / AveragePooling2D with strides = pool and valid padding; and the overlay of masks on images. */
class AnnotationPoolingTest {
    /** One 1x4x5x2 mask: channel 0 a pattern, channel 1 its complement. */
    static Tensor masks() {
        float[] c0 = {
            1, 0, 0, 0, 1,
            0, 0, 1, 1, 1,
            0, 0, 0, 0, 1,
            0, 1, 0, 0, 1};
        float[] data = new float[40];
        for (int p = 0; p < 20; p++) {
            data[2 * p] = c0[p];
            data[2 * p + 1] = 1 - c0[p];
        }
        return new Tensor(data, 1, 4, 5, 2);
    }

    @Test
    void maxAndAveragePoolingPerChannelDroppingWhatDoesNotFillABlock() {
        Tensor max = new AnnotationPooling().pool(masks());
        assertEquals("Tensor[1, 2, 2, 2]", max.toString(), "4x5 in 2x2 blocks: the fifth column is dropped (valid)");
        assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1, 0, 1}, max.data());
        Tensor avg = new AnnotationPooling(2).poolingMethod("average").pool(masks());
        assertArrayEquals(new float[] {0.25f, 0.75f, 0.5f, 0.5f, 0.25f, 0.75f, 0, 1}, avg.data());
        Tensor wide = new AnnotationPooling(1, 5).poolingMethod("avg").pool(masks());
        assertEquals("Tensor[1, 4, 1, 2]", wide.toString());
        assertEquals(0.6f, wide.data()[2], 1e-6);
        Batch batch = Batch.of(Map.of("annotation", masks()));
        assertEquals(max, new AnnotationPooling().apply(batch, null).tensor("annotation"), "replaces its input by default");
        Batch both = new AnnotationPooling().outputKey("small").apply(batch, null);
        assertEquals(masks(), both.tensor("annotation"));
        assertEquals(max, both.tensor("small"));
        assertThrows(IllegalArgumentException.class, () -> new AnnotationPooling(0));
        IllegalArgumentException method = assertThrows(IllegalArgumentException.class, () -> new AnnotationPooling().poolingMethod("median"));
        assertEquals("Unknown pooling method 'median'; use max or average", method.getMessage());
    }

    @Test
    void theOverlayColoursEachClassOverTheImage() {
        Tensor images = new Tensor(new float[] {0, 255, 0, 255, 0, 255, 0, 255, 0, 255, 0, 255, 0, 255, 0, 255, 0, 255, 0, 255}, 1, 4, 5, 1);
        Tensor blended = MaskOverlay.alphaBlend(images, masks(), 0.5);
        assertEquals("Tensor[1, 4, 5, 3]", blended.toString());
        float[] b = blended.data();
        // pixel 0: image 0, class 0 (red): half red
        assertArrayEquals(new float[] {0.5f, 0.075f, 0.075f}, new float[] {b[0], b[1], b[2]}, 1e-6f);
        // pixel 1: image 1 (white), class 1 (green): half white, half green
        assertArrayEquals(new float[] {0.55f, 0.95f, 0.6f}, new float[] {b[3], b[4], b[5]}, 1e-6f);
        for (float v : b) {
            assertTrue(v >= 0 && v <= 1);
        }
        Tensor sparse = new Tensor(new float[] {0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 1, 4, 5, 1);
        float[] s = MaskOverlay.alphaBlend(images, sparse, 1).data();
        assertArrayEquals(new float[] {0, 0, 0, 0.1f, 0.9f, 0.2f}, new float[] {s[0], s[1], s[2], s[3], s[4], s[5]}, 1e-6f);
        assertThrows(IllegalArgumentException.class, () -> MaskOverlay.alphaBlend(images, new Tensor(new float[8], 1, 2, 2, 2)));
    }
}
