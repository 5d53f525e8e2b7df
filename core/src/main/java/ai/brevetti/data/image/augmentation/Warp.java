package ai.brevetti.data.image.augmentation;

import ai.brevetti.data.image.FloatImage;

/**
 * Resampling of a {@link FloatImage} to an output of the same size: each output pixel {@code (y, x)} is
 * read from input coordinates given by an affine map ({@link #affine}, pixels outside the input take a
 * constant) or by a displacement field ({@link #displace}, coordinates clamped to the image). Pixel
 * centres are at whole-number coordinates, so a map with whole-number results copies pixels exactly
 * with either interpolation.
 */
final class Warp {
    private Warp() {}

    /**
     * The image resampled through {@code outputToInput}: output pixel {@code (y, x)} is the input at
     * {@code (outputToInput.mapY(x, y), outputToInput.mapX(x, y))}. Bilinear reads treat each of the four
     * neighbours that lies outside the input as {@code fill}; nearest reads outside give {@code fill}. A map
     * that moves whole pixels (a flip, a quarter turn of a square, a whole-number shift: {@link GridMap})
     * copies them instead when that gives the same values bit for bit.
     */
    public static FloatImage affine(FloatImage image, Affine outputToInput, Interpolation interpolation, float fill) {
        GridMap grid = GridMap.of(outputToInput);
        if (grid != null && GridMap.copyIsExact(image, interpolation, fill)) {
            return grid.copy(image, fill);
        }
        return interpolate(image, outputToInput, interpolation, fill);
    }

    /**
     * {@link #affine} of the {@code h × w × ch} image at {@code src[from]} written into {@code dst[to]}, when
     * the map moves whole pixels and copying them gives the same bits: returns whether it did (nothing is
     * written otherwise).
     */
    static boolean copyWholePixels(float[] src, int from, int h, int w, int ch, Affine outputToInput, Interpolation interpolation,
                                   float fill, float[] dst, int to) {
        GridMap grid = GridMap.of(outputToInput);
        if (grid == null || !GridMap.copyIsExact(src, from, h * w * ch, interpolation, fill)) {
            return false;
        }
        grid.copy(src, from, h, w, ch, fill, dst, to);
        return true;
    }

    /** {@link #affine} by interpolation at every pixel, whatever the map (the general path). */
    static FloatImage interpolate(FloatImage image, Affine outputToInput, Interpolation interpolation, float fill) {
        int h = image.height();
        int w = image.width();
        int ch = image.channels();
        float[] out = new float[h * w * ch];
        double[] sx = new double[w];
        double[] sy = new double[w];
        Affine m = outputToInput;
        for (int y = 0; y < h; y++) {
            // the inverse map of one output row: a start point and a step per column
            double rowX = m.b() * y + m.c();
            double rowY = m.e() * y + m.f();
            for (int x = 0; x < w; x++) {
                sx[x] = rowX + m.a() * x;
                sy[x] = rowY + m.d() * x;
            }
            sampleRow(image, sx, sy, interpolation, false, fill, out, y * w * ch);
        }
        return new FloatImage(h, w, ch, out);
    }

    /**
     * The image resampled at {@code (y + dy, x + dx)} for every pixel, with {@code dy} and {@code dx}
     * given per pixel (row-major, {@code height × width}); coordinates outside the image are clamped to
     * its edge.
     */
    public static FloatImage displace(FloatImage image, float[] dy, float[] dx, Interpolation interpolation) {
        int h = image.height();
        int w = image.width();
        int ch = image.channels();
        if (dy.length != h * w || dx.length != h * w) {
            throw new IllegalArgumentException("A displacement field for " + h + "x" + w + " needs " + h * w + " values per axis");
        }
        float[] out = new float[h * w * ch];
        double[] sx = new double[w];
        double[] sy = new double[w];
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int x = 0; x < w; x++) {
                sx[x] = x + (double) dx[row + x];
                sy[x] = y + (double) dy[row + x];
            }
            sampleRow(image, sx, sy, interpolation, true, 0f, out, row * ch);
        }
        return new FloatImage(h, w, ch, out);
    }

    /** Samples one output row at the given input coordinates into {@code out} from {@code offset}. */
    private static void sampleRow(FloatImage image, double[] sx, double[] sy, Interpolation interpolation,
                                  boolean clamp, float fill, float[] out, int offset) {
        int h = image.height();
        int w = image.width();
        int ch = image.channels();
        float[] src = image.data();
        int o = offset;
        for (int x = 0; x < sx.length; x++, o += ch) {
            double fx = sx[x];
            double fy = sy[x];
            if (clamp) {
                fx = fx < 0 ? 0 : Math.min(fx, w - 1);
                fy = fy < 0 ? 0 : Math.min(fy, h - 1);
            }
            if (interpolation == Interpolation.NEAREST) {
                if (!(fx >= -0.5 && fx < w - 0.5 && fy >= -0.5 && fy < h - 0.5)) {
                    fill(out, o, ch, fill);
                    continue;
                }
                int i = ((int) (fy + 0.5) * w + (int) (fx + 0.5)) * ch; // fx + 0.5 >= 0: truncation rounds
                System.arraycopy(src, i, out, o, ch);
                continue;
            }
            if (!(fx > -1 && fx < w && fy > -1 && fy < h)) {
                fill(out, o, ch, fill);
                continue;
            }
            int x0 = (int) (fx + 1) - 1; // floor, as fx > -1
            int y0 = (int) (fy + 1) - 1;
            float ax = (float) (fx - x0);
            float ay = (float) (fy - y0);
            float w00 = (1 - ax) * (1 - ay);
            float w01 = ax * (1 - ay);
            float w10 = (1 - ax) * ay;
            float w11 = ax * ay;
            if (x0 >= 0 && x0 < w - 1 && y0 >= 0 && y0 < h - 1) {
                int i00 = (y0 * w + x0) * ch;
                int i10 = i00 + w * ch;
                if (ch == 3) {
                    out[o] = src[i00] * w00 + src[i00 + 3] * w01 + src[i10] * w10 + src[i10 + 3] * w11;
                    out[o + 1] = src[i00 + 1] * w00 + src[i00 + 4] * w01 + src[i10 + 1] * w10 + src[i10 + 4] * w11;
                    out[o + 2] = src[i00 + 2] * w00 + src[i00 + 5] * w01 + src[i10 + 2] * w10 + src[i10 + 5] * w11;
                } else {
                    for (int c = 0; c < ch; c++) {
                        out[o + c] = src[i00 + c] * w00 + src[i00 + ch + c] * w01 + src[i10 + c] * w10 + src[i10 + ch + c] * w11;
                    }
                }
            } else {
                // at the border: neighbours outside the image read as the fill value
                boolean xIn0 = x0 >= 0;
                boolean xIn1 = x0 + 1 < w;
                boolean yIn0 = y0 >= 0;
                boolean yIn1 = y0 + 1 < h;
                for (int c = 0; c < ch; c++) {
                    float v00 = xIn0 && yIn0 ? src[(y0 * w + x0) * ch + c] : fill;
                    float v01 = xIn1 && yIn0 ? src[(y0 * w + x0 + 1) * ch + c] : fill;
                    float v10 = xIn0 && yIn1 ? src[((y0 + 1) * w + x0) * ch + c] : fill;
                    float v11 = xIn1 && yIn1 ? src[((y0 + 1) * w + x0 + 1) * ch + c] : fill;
                    out[o + c] = v00 * w00 + v01 * w01 + v10 * w10 + v11 * w11;
                }
            }
        }
    }

    private static void fill(float[] out, int offset, int channels, float value) {
        for (int c = 0; c < channels; c++) {
            out[offset + c] = value;
        }
    }
}
