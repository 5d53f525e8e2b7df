package ai.brevetti.data.image;

import java.util.Locale;

/**
 * A linear map of pixel values, {@code y = x * scale + offset} (Python's {@code rescale}):
 * {@link #NONE} keeps 0–255, {@link #IMAGENET} gives −1…1, {@link #UNIT} gives 0–1.
 */
public record Rescale(float scale, float offset) {
    public static final Rescale NONE = new Rescale(1f, 0f);
    public static final Rescale IMAGENET = new Rescale(1f / 127.5f, -1f);
    public static final Rescale UNIT = new Rescale(1f / 255f, 0f);

    /** {@code none} (or {@code None}, or null), {@code imagenet}, {@code unit}. */
    public static Rescale of(String name) {
        if (name == null) {
            return NONE;
        }
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "none", "" -> NONE;
            case "imagenet" -> IMAGENET;
            case "unit" -> UNIT;
            default -> throw new IllegalArgumentException("Unknown rescale '" + name + "'; use none, imagenet, unit or a scale and offset");
        };
    }

    public boolean isIdentity() {
        return scale == 1f && offset == 0f;
    }

    /** Applies the map to {@code values} in place. */
    public void applyInPlace(float[] values) {
        applyInPlace(values, 0, values.length);
    }

    /** Applies the map to {@code values[from]} up to (not including) {@code values[to]}, in place. */
    public void applyInPlace(float[] values, int from, int to) {
        if (isIdentity()) {
            return;
        }
        for (int i = from; i < to; i++) {
            values[i] = values[i] * scale + offset;
        }
    }

    /** The image mapped (a new image; the input itself when the map is the identity). */
    public FloatImage apply(FloatImage image) {
        if (isIdentity()) {
            return image;
        }
        FloatImage out = image.copy();
        applyInPlace(out.data());
        return out;
    }

    @Override
    public String toString() {
        if (equals(NONE)) {
            return "none";
        }
        if (equals(IMAGENET)) {
            return "imagenet";
        }
        if (equals(UNIT)) {
            return "unit";
        }
        return "{scale=" + scale + ", offset=" + offset + "}";
    }
}
