package ai.brevetti.data.image.augmentation;

import java.util.Locale;

/** How a resampled pixel is read from the source: from the nearest pixel or the four around it. */
public enum Interpolation {
    /** Round to the nearest source pixel (half-way coordinates round up); values stay in the source's set. */
    NEAREST,
    /** Weighted mean of the four surrounding source pixels. */
    BILINEAR;

    /** {@code "nearest"} or {@code "bilinear"} (any case), the Python option's values. */
    public static Interpolation parse(String name) {
        for (Interpolation i : values()) {
            if (i.name().equalsIgnoreCase(name.trim())) {
                return i;
            }
        }
        throw new IllegalArgumentException("Interpolation is 'nearest' or 'bilinear', not '" + name + "'");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
