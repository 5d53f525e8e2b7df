package ai.brevetti.data.image;

import java.util.Locale;

/**
 * How the image pipeline joins the crops of several regions of interest (Python's {@code roi_mode}):
 * <ul>
 * <li>{@code concatenate_height}: crops stacked top to bottom into one image (they must share a width),
 *     then resized as one; output {@code (B, H, W, C)}.</li>
 * <li>{@code as_timeseries}: each crop resized on its own and stacked on a new axis;
 *     output {@code (B, N, H, W, C)}.</li>
 * <li>{@code none}: each crop resized on its own into a column of its own, {@code <outputKey>_0},
 *     {@code <outputKey>_1}, … (Python returned a tuple under one key; a batch column holds one tensor).</li>
 * </ul>
 */
public enum RoiMode {
    CONCATENATE_HEIGHT, AS_TIMESERIES, NONE;

    /** {@code concatenate_height}, {@code as_timeseries}, {@code none} (or null, or {@code None}). */
    public static RoiMode of(String name) {
        if (name == null) {
            return NONE;
        }
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown roi mode '" + name + "'; use concatenate_height, as_timeseries or none", e);
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
