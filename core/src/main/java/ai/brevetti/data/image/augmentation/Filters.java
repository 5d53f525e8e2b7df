package ai.brevetti.data.image.augmentation;

import ai.brevetti.data.image.FloatImage;
import java.util.Arrays;

/**
 * Separable 2-D filters (correlation, each channel on its own) with reflected edges: the image is
 * mirrored about its first and last pixel without repeating them ({@code d c b | a b c d | c b a}),
 * TensorFlow's {@code REFLECT} padding. A kernel of length {@code k} is anchored at {@code (k-1)/2}, so
 * even lengths reach one pixel further forward than back ({@code SAME} padding).
 */
final class Filters {
    private static final float[] SOBEL_SMOOTH = {1, 2, 1};
    private static final float[] SOBEL_DIFF = {-1, 0, 1};

    private Filters() {}

    /** The normalised Gaussian of {@code sigma} over {@code 2·ceil(2.5·sigma)+1} taps ({@code [1]} for sigma ≤ 0). */
    public static float[] gaussianKernel(double sigma) {
        if (!(sigma > 0)) {
            return new float[] {1};
        }
        int radius = (int) Math.ceil(2.5 * sigma);
        double[] k = new double[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            k[i + radius] = Math.exp(-(i * (double) i) / (2 * sigma * sigma));
            sum += k[i + radius];
        }
        float[] out = new float[k.length];
        for (int i = 0; i < k.length; i++) {
            out[i] = (float) (k[i] / sum);
        }
        return out;
    }

    /** A mean filter's kernel: {@code size} taps of {@code 1/size}. */
    public static float[] boxKernel(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("A mean filter needs a size of at least 1, not " + size);
        }
        float[] k = new float[size];
        Arrays.fill(k, 1f / size);
        return k;
    }

    /** Gaussian blur with the same sigma along both axes. */
    public static FloatImage gaussianBlur(FloatImage image, double sigma) {
        float[] k = gaussianKernel(sigma);
        return separable(image, k, k);
    }

    /** Mean over a {@code height × width} window. */
    public static FloatImage meanBlur(FloatImage image, int height, int width) {
        return separable(image, boxKernel(height), boxKernel(width));
    }

    /** Sobel derivative along y (rows): the smoothed next row minus the smoothed previous row. */
    public static FloatImage sobelY(FloatImage image) {
        return separable(image, SOBEL_DIFF, SOBEL_SMOOTH);
    }

    /** Sobel derivative along x (columns). */
    public static FloatImage sobelX(FloatImage image) {
        return separable(image, SOBEL_SMOOTH, SOBEL_DIFF);
    }

    /** The image correlated with {@code kernelY} down the columns and {@code kernelX} along the rows. */
    public static FloatImage separable(FloatImage image, float[] kernelY, float[] kernelX) {
        int h = image.height();
        int w = image.width();
        int ch = image.channels();
        if (h == 0 || w == 0) {
            return image;
        }
        float[] src = image.data();
        float[] tmp = kernelX.length == 1 && kernelX[0] == 1 ? src : new float[src.length];
        if (tmp != src) {
            // each row is copied once into a reflected, padded buffer; every tap is then a contiguous run
            int before = (kernelX.length - 1) / 2;
            int[] xs = reflectedIndices(w, kernelX.length);
            int stride = w * ch;
            float[] padded = new float[(w + kernelX.length - 1) * ch];
            for (int y = 0; y < h; y++) {
                int row = y * stride;
                System.arraycopy(src, row, padded, before * ch, stride);
                for (int j = 0; j < xs.length; j++) {
                    if (j < before || j >= before + w) {
                        System.arraycopy(src, row + xs[j] * ch, padded, j * ch, ch);
                    }
                }
                for (int t = 0; t < kernelX.length; t++) {
                    float k = kernelX[t];
                    int off = t * ch;
                    for (int i = 0; i < stride; i++) {
                        tmp[row + i] += k * padded[off + i];
                    }
                }
            }
        }
        if (kernelY.length == 1 && kernelY[0] == 1) {
            return tmp == src ? image : new FloatImage(h, w, ch, tmp);
        }
        float[] out = new float[src.length];
        int[] ys = reflectedIndices(h, kernelY.length);
        int stride = w * ch;
        for (int y = 0; y < h; y++) {
            int o = y * stride;
            for (int t = 0; t < kernelY.length; t++) {
                float k = kernelY[t];
                int s = ys[y + t] * stride;
                for (int i = 0; i < stride; i++) {
                    out[o + i] += k * tmp[s + i];
                }
            }
        }
        return new FloatImage(h, w, ch, out);
    }

    /** For a padded position {@code j} (0 ≤ j < n + k − 1), the source index it reads. */
    private static int[] reflectedIndices(int n, int kernelLength) {
        int before = (kernelLength - 1) / 2;
        int[] out = new int[n + kernelLength - 1];
        for (int j = 0; j < out.length; j++) {
            out[j] = reflect(j - before, n);
        }
        return out;
    }

    /** {@code i} mirrored into {@code [0, n)} about the edge pixels (period {@code 2(n-1)}). */
    static int reflect(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * (n - 1);
        int m = Math.floorMod(i, period);
        return m < n ? m : period - m;
    }
}
