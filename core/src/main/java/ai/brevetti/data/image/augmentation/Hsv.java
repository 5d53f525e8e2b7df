package ai.brevetti.data.image.augmentation;

/**
 * Saturation and hue changes of RGB pixels through HSV (hue as a fraction of the colour circle, 0–1),
 * as {@code tf.image.adjust_saturation} / {@code adjust_hue}. Hue and saturation do not depend on the
 * scale of the values, so 0–1 and 0–255 images both work; pixels whose largest channel is ≤ 0 are left
 * as they are (HSV is not defined for negative values).
 */
final class Hsv {
    private Hsv() {}

    /** In place on interleaved RGB {@code data}: saturation × {@code saturationFactor} (clipped to 0–1), hue + {@code hueDelta}. */
    static void adjust(float[] data, double saturationFactor, double hueDelta) {
        float factor = (float) saturationFactor;
        float shift = (float) (hueDelta - Math.floor(hueDelta)); // in [0, 1)
        for (int i = 0; i + 2 < data.length; i += 3) {
            float r = data[i];
            float g = data[i + 1];
            float b = data[i + 2];
            float max = Math.max(r, Math.max(g, b));
            if (!(max > 0)) {
                continue;
            }
            float min = Math.min(r, Math.min(g, b));
            float delta = max - min;
            // hue in sixths of the circle, 0 ≤ h6 < 6
            float h6;
            if (delta == 0) {
                h6 = 0;
            } else if (max == r) {
                h6 = (g - b) / delta;
                h6 = h6 < 0 ? h6 + 6 : h6;
            } else if (max == g) {
                h6 = (b - r) / delta + 2;
            } else {
                h6 = (r - g) / delta + 4;
            }
            h6 += 6 * shift;
            h6 = h6 >= 6 ? h6 - 6 : h6;
            float s = Math.min(1f, Math.max(0f, delta / max * factor));
            int sector = Math.min((int) h6, 5);
            float f = h6 - sector;
            float v = max;
            float p = v * (1 - s);
            float q = v * (1 - s * f);
            float t = v * (1 - s * (1 - f));
            switch (sector) {
                case 0 -> { r = v; g = t; b = p; }
                case 1 -> { r = q; g = v; b = p; }
                case 2 -> { r = p; g = v; b = t; }
                case 3 -> { r = p; g = q; b = v; }
                case 4 -> { r = t; g = p; b = v; }
                default -> { r = v; g = p; b = q; }
            }
            data[i] = r;
            data[i + 1] = g;
            data[i + 2] = b;
        }
    }
}
