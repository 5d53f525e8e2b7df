package ai.brevetti.kernel;

import ai.brevetti.data.image.FloatImage;
import java.awt.image.BufferedImage;

/**
 * The values a float image's picture shows as black ({@code low}) and white ({@code high}), chosen from
 * what the image holds, so that an image whose values differ is never drawn as one flat colour:
 *
 * <ul>
 *   <li>the output range of the pipeline's rescale the values lie in, first that fits: {@code unit} 0–1,
 *       {@code imagenet} −1–1, {@code none} 0–255 (what decoded images hold), when the values cover at
 *       least {@value #MIN_LEVELS} of its 256 grey levels, so a picture looks as its file would;</li>
 *   <li>else the values' own range (augmented values that left the rescale's range, e.g. −1.5…1.2;
 *       any other scale; an image too faint to see in its rescale's range): lowest black, highest white.</li>
 * </ul>
 * An image of one value is drawn in that value's grey of the first of those ranges holding it (values
 * beyond them as black or white). NaN and ±∞ are left out of the choice; NaN is drawn black, ∞ white.
 * Tensors and float images carry no rescale: when it is known, {@link FloatImage#toBufferedImage(Rescale)}
 * draws with it.
 */
record PictureRange(double low, double high) {
    static final int MIN_LEVELS = 8;
    private static final PictureRange UNIT = new PictureRange(0, 1);
    private static final PictureRange IMAGENET = new PictureRange(-1, 1);
    private static final PictureRange BYTES = new PictureRange(0, 255);
    private static final PictureRange[] RESCALES = {UNIT, IMAGENET, BYTES};

    /** The range for {@code values} (an image's or a whole batch's). */
    static PictureRange of(float[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float v : values) {
            if (Float.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (min > max) {
            return UNIT; // nothing finite: NaN black, +∞ white, −∞ black
        }
        if (min == max) {
            for (PictureRange r : RESCALES) {
                if (r.holds(min, max)) {
                    return r;
                }
            }
            return min < 0 ? IMAGENET : BYTES; // below −1: black; above 255: white
        }
        for (PictureRange r : RESCALES) {
            if (r.holds(min, max) && (max - min) / (r.high - r.low) * 255 >= MIN_LEVELS) {
                return r;
            }
        }
        return new PictureRange(min, max);
    }

    private boolean holds(double min, double max) {
        return min >= low && max <= high;
    }

    /** The picture of {@code image} in this range (clamped). */
    BufferedImage draw(FloatImage image) {
        return image.toBufferedImage(low, high);
    }
}
