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
            double hue;
            if (delta == 0) {
                hue = 0;
            } else if (max == r) {
                hue = (g - b) / delta / 6.0;
            } else if (max == g) {
                hue = ((b - r) / delta + 2) / 6.0;
            } else {
                hue = ((r - g) / delta + 4) / 6.0;
            }
            double s = Math.min(1, Math.max(0, delta / max * saturationFactor));
            hue += hueDelta;
            hue -= Math.floor(hue);
            double h6 = hue * 6;
            int sector = (int) Math.floor(h6);
            double f = h6 - sector;
            double v = max;
            double p = v * (1 - s);
            double q = v * (1 - s * f);
            double t = v * (1 - s * (1 - f));
            double nr;
            double ng;
            double nb;
            switch (sector % 6) {
                case 0 -> { nr = v; ng = t; nb = p; }
                case 1 -> { nr = q; ng = v; nb = p; }
                case 2 -> { nr = p; ng = v; nb = t; }
                case 3 -> { nr = p; ng = q; nb = v; }
                case 4 -> { nr = t; ng = p; nb = v; }
                default -> { nr = v; ng = p; nb = q; }
            }
            data[i] = (float) nr;
            data[i + 1] = (float) ng;
            data[i + 2] = (float) nb;
        }
    }
}
