package ai.brevetti.data.image;

import java.util.Locale;

/**
 * What fills the padding around an image (TensorFlow's {@code tf.pad} modes): {@code constant} zeros,
 * {@code reflect} (mirrored without repeating the edge: {@code c b | a b c | b a}) or {@code symmetric}
 * (mirrored with the edge: {@code b a | a b c | c b}).
 */
public enum PaddingMode {
    CONSTANT, REFLECT, SYMMETRIC;

    /** {@code constant}, {@code reflect} or {@code symmetric}; case does not matter. */
    public static PaddingMode of(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown padding mode '" + name + "'; use constant, reflect or symmetric", e);
        }
    }

    /**
     * The source index for index {@code i} of a padded axis of {@code n} values (or -1 for a constant
     * zero). Mirrors repeat as often as needed, so padding wider than the image works too.
     */
    int source(int i, int n) {
        if (i >= 0 && i < n) {
            return i;
        }
        if (this == CONSTANT) {
            return -1;
        }
        if (n == 1) {
            return 0;
        }
        int period = this == REFLECT ? 2 * n - 2 : 2 * n;
        int m = Math.floorMod(i, period);
        if (this == REFLECT) {
            return m < n ? m : period - m;
        }
        return m < n ? m : period - 1 - m;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
