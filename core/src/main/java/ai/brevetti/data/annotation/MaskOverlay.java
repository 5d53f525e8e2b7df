package ai.brevetti.data.annotation;

import ai.brevetti.data.generator.Tensor;

/**
 * Images with their masks over them, to look at (Python's {@code alpha_blend}): each class in its own
 * colour, blended into the image with {@code alpha}. The images are mapped to [0, 1] by the batch's lowest
 * and highest value (so any rescale works) and shown in grey when they have one channel; the result is an
 * RGB batch in [0, 1] for {@code show(...)}/{@code Tiles.tile2d}.
 */
public final class MaskOverlay {
    /** One colour per class (RGB in [0, 1]), repeated after the last. */
    private static final float[][] PALETTE = {
        {1f, 0.15f, 0.15f}, {0.1f, 0.9f, 0.2f}, {0.2f, 0.45f, 1f}, {1f, 0.85f, 0.1f},
        {0.9f, 0.2f, 0.9f}, {0.1f, 0.9f, 0.9f}, {1f, 0.55f, 0.1f}, {0.6f, 0.4f, 1f},
    };

    private MaskOverlay() {}

    /** {@link #alphaBlend(Tensor, Tensor, double)} with alpha 0.4. */
    public static Tensor alphaBlend(Tensor images, Tensor masks) {
        return alphaBlend(images, masks, 0.4);
    }

    /**
     * The NHWC {@code images} with the NHWC {@code masks} of the same size blended over them. Masks with
     * several channels are dense (channel c in colour c, weighted by its value); a mask with one channel is
     * sparse (value k in colour k − 1) or a single class (values in [0, 1]).
     *
     * @throws IllegalArgumentException when the batches' sizes differ or are not NHWC
     */
    public static Tensor alphaBlend(Tensor images, Tensor masks, double alpha) {
        if (images.rank() != 4 || masks.rank() != 4 || images.dim(0) != masks.dim(0) || images.dim(1) != masks.dim(1)
                || images.dim(2) != masks.dim(2)) {
            throw new IllegalArgumentException("An overlay needs NHWC images and masks of the same batch size and image size, not "
                    + images + " and " + masks);
        }
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha is within [0, 1], not " + alpha);
        }
        int n = images.dim(0);
        int h = images.dim(1);
        int w = images.dim(2);
        int ic = images.dim(3);
        int mc = masks.dim(3);
        float[] in = images.data();
        float[] m = masks.data();
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float v : in) {
            if (Float.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        float range = hi > lo ? hi - lo : 1f;
        float base = Float.isFinite(lo) ? lo : 0f;
        float[] out = new float[n * h * w * 3];
        float[] colour = new float[3];
        for (int p = 0; p < n * h * w; p++) {
            float strength = mask(m, p, mc, colour);
            float a = (float) alpha * strength;
            for (int k = 0; k < 3; k++) {
                float v = in[p * ic + (ic >= 3 ? k : 0)];
                float g = Float.isFinite(v) ? (v - base) / range : 0f;
                out[p * 3 + k] = (1 - a) * g + a * colour[k];
            }
        }
        return new Tensor(out, n, h, w, 3);
    }

    /** The colour of pixel {@code p}'s mask into {@code colour}; returns its strength in [0, 1]. */
    private static float mask(float[] m, int p, int channels, float[] colour) {
        colour[0] = colour[1] = colour[2] = 0f;
        if (channels == 1) {
            float v = m[p];
            if (!(v > 0)) {
                return 0f;
            }
            float[] c = PALETTE[(Math.max(1, (int) Math.ceil(v)) - 1) % PALETTE.length];
            System.arraycopy(c, 0, colour, 0, 3);
            return Math.min(1f, v);
        }
        float total = 0f;
        float strongest = 0f;
        for (int ch = 0; ch < channels; ch++) {
            float v = m[p * channels + ch];
            if (v > 0) {
                float[] c = PALETTE[ch % PALETTE.length];
                for (int k = 0; k < 3; k++) {
                    colour[k] += v * c[k];
                }
                total += v;
                strongest = Math.max(strongest, v);
            }
        }
        if (total > 0) {
            for (int k = 0; k < 3; k++) {
                colour[k] /= total;
            }
        }
        return Math.min(1f, strongest);
    }
}
