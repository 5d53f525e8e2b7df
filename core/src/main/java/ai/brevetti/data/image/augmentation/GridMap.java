package ai.brevetti.data.image.augmentation;

import ai.brevetti.data.image.FloatImage;

/**
 * An affine map that takes whole-number coordinates to whole-number coordinates: each output axis reads
 * one input axis, forwards or backwards (flips, quarter turns, transposes), plus a whole-number
 * translation. Resampling through it reads every pixel at a pixel centre, so {@link Warp#affine} can copy
 * pixels instead of interpolating: nearest reads copy anyway; a bilinear read at a centre weighs its pixel
 * 1 and the three neighbours 0, which gives the pixel's value back exactly when every value (and the
 * fill) is finite ({@code ∞·0} is NaN) and none is {@code -0.0} ({@code -0 + 0} is {@code +0}).
 */
final class GridMap {
    /** Translations beyond this are not taken (the copy's int arithmetic stays far from overflow). */
    private static final double LIMIT = 1 << 28;

    private final int a;
    private final int b;
    private final int c;
    private final int d;
    private final int e;
    private final int f;

    private GridMap(int a, int b, int c, int d, int e, int f) {
        this.a = a;
        this.b = b;
        this.c = c;
        this.d = d;
        this.e = e;
        this.f = f;
    }

    /** The map as whole numbers, or null when it does not take the pixel grid onto itself. */
    static GridMap of(Affine m) {
        boolean axesKept = m.b() == 0 && m.d() == 0 && Math.abs(m.a()) == 1 && Math.abs(m.e()) == 1;
        boolean axesSwapped = m.a() == 0 && m.e() == 0 && Math.abs(m.b()) == 1 && Math.abs(m.d()) == 1;
        if (!(axesKept || axesSwapped) || !isWhole(m.c()) || !isWhole(m.f())) {
            return null;
        }
        return new GridMap((int) m.a(), (int) m.b(), (int) m.c(), (int) m.d(), (int) m.e(), (int) m.f());
    }

    private static boolean isWhole(double v) {
        return Math.abs(v) <= LIMIT && v == Math.rint(v);
    }

    /** Whether copying gives exactly what {@code interpolation} computes at pixel centres (see the class comment). */
    static boolean copyIsExact(FloatImage image, Interpolation interpolation, float fill) {
        return copyIsExact(image.data(), 0, image.data().length, interpolation, fill);
    }

    /** {@link #copyIsExact(FloatImage, Interpolation, float)} for the {@code length} values at {@code data[from]}. */
    static boolean copyIsExact(float[] data, int from, int length, Interpolation interpolation, float fill) {
        if (interpolation == Interpolation.NEAREST) {
            return true;
        }
        if (!Float.isFinite(fill)) {
            return false;
        }
        for (int i = from; i < from + length; i++) {
            int bits = Float.floatToRawIntBits(data[i]);
            if ((bits & 0x7f800000) == 0x7f800000 || bits == 0x80000000) {
                return false;
            }
        }
        return true;
    }

    /** Output pixel {@code (y, x)} is the input pixel at {@code (d·x + e·y + f, a·x + b·y + c)}, or {@code fill} outside. */
    FloatImage copy(FloatImage image, float fill) {
        float[] out = new float[image.data().length];
        copy(image.data(), 0, image.height(), image.width(), image.channels(), fill, out, 0);
        return new FloatImage(image.height(), image.width(), image.channels(), out);
    }

    /** {@link #copy(FloatImage, float)} of the {@code h × w × ch} image at {@code src[from]} into {@code out[to]}. */
    void copy(float[] src, int from, int h, int w, int ch, float fill, float[] out, int to) {
        if (b == 0 && d == 0 && e == 1) {
            copyRows(src, from, out, to, h, w, ch, fill);
            return;
        }
        int o = to;
        for (int y = 0; y < h; y++) {
            int sx = b * y + c;
            int sy = e * y + f;
            for (int x = 0; x < w; x++, sx += a, sy += d, o += ch) {
                if (sx >= 0 && sx < w && sy >= 0 && sy < h) {
                    int i = from + (sy * w + sx) * ch;
                    for (int k = 0; k < ch; k++) {
                        out[o + k] = src[i + k];
                    }
                } else {
                    for (int k = 0; k < ch; k++) {
                        out[o + k] = fill;
                    }
                }
            }
        }
    }

    /**
     * {@link #copy} for maps that keep each row a row ({@code b = d = 0, e = 1}): identities, left-right
     * flips, shifts. Whole runs of pixels are copied instead of checking every pixel against the borders.
     */
    private void copyRows(float[] src, int srcFrom, float[] out, int to, int h, int w, int ch, float fill) {
        int rowLength = w * ch;
        // the output columns x with 0 <= a·x + c < w
        int first = a == 1 ? Math.max(0, -c) : Math.max(0, c - w + 1);
        int end = a == 1 ? Math.min(w, w - c) : Math.min(w, c + 1);
        for (int y = 0; y < h; y++) {
            int sy = y + f;
            int o = to + y * rowLength;
            if (sy < 0 || sy >= h || first >= end) {
                java.util.Arrays.fill(out, o, o + rowLength, fill);
                continue;
            }
            java.util.Arrays.fill(out, o, o + first * ch, fill);
            java.util.Arrays.fill(out, o + end * ch, o + rowLength, fill);
            int from = srcFrom + sy * rowLength;
            if (a == 1) {
                System.arraycopy(src, from + (first + c) * ch, out, o + first * ch, (end - first) * ch);
            } else if (ch == 3) {
                for (int x = first, i = from + (c - first) * 3, j = o + first * 3; x < end; x++, i -= 3, j += 3) {
                    out[j] = src[i];
                    out[j + 1] = src[i + 1];
                    out[j + 2] = src[i + 2];
                }
            } else {
                for (int x = first, i = from + (c - first) * ch, j = o + first * ch; x < end; x++, i -= ch, j += ch) {
                    for (int k = 0; k < ch; k++) {
                        out[j + k] = src[i + k];
                    }
                }
            }
        }
    }
}
