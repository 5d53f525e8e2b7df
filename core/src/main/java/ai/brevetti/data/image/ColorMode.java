package ai.brevetti.data.image;

import java.util.Locale;

/**
 * How the image pipeline turns a decoded image into its channels (Python's {@code color_mode}).
 * <ul>
 * <li>{@code rgb}: 3 channels; grey images are replicated.</li>
 * <li>{@code greyscale}: 1 channel; colour images become luma {@code 0.2989 R + 0.587 G + 0.114 B}
 *     (TensorFlow's {@code rgb_to_grayscale} weights; kept as float, not rounded).</li>
 * <li>{@code bayer}: channel 0 is a Bayer mosaic (blue top-left, red bottom-right of each 2×2 cell)
 *     demosaiced by a 2×2 stride-2 convolution to RGB at half resolution: R = bottom-right,
 *     G = mean of the other diagonal, B = top-left. An odd height or width reads zeros past the edge
 *     (TensorFlow's {@code SAME} padding), so the output is {@code ceil(h/2) × ceil(w/2)}.</li>
 * </ul>
 */
public enum ColorMode {
    RGB(3), GREYSCALE(1), BAYER(3);

    private final int channels;

    ColorMode(int channels) {
        this.channels = channels;
    }

    /** The channels of this mode's output. */
    public int channels() {
        return channels;
    }

    /** {@code rgb}, {@code greyscale} (or {@code grayscale}), {@code bayer}; case does not matter. */
    public static ColorMode of(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "rgb" -> RGB;
            case "greyscale", "grayscale", "grey", "gray" -> GREYSCALE;
            case "bayer" -> BAYER;
            default -> throw new IllegalArgumentException("Unknown color mode '" + name + "'; use rgb, greyscale or bayer");
        };
    }

    /** The image in this mode (the input itself when it already is). */
    public FloatImage apply(FloatImage image) {
        return switch (this) {
            case RGB -> image.channels() == 3 ? image : toRgb(image);
            case GREYSCALE -> image.channels() == 1 ? image : toGrey(image);
            case BAYER -> demosaic(image);
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    private static FloatImage toRgb(FloatImage image) {
        float[] out = new float[image.height() * image.width() * 3];
        convertRow(image.data(), image.channels(), out, 0, 3, image.height() * image.width());
        return new FloatImage(image.height(), image.width(), 3, out);
    }

    private static FloatImage toGrey(FloatImage image) {
        float[] out = new float[image.height() * image.width()];
        convertRow(image.data(), image.channels(), out, 0, 1, image.height() * image.width());
        return new FloatImage(image.height(), image.width(), 1, out);
    }

    /**
     * {@code pixels} pixels of {@code from} channels to {@code to} channels (1 or 3): grey is replicated,
     * colour becomes luma, extra channels (alpha) are dropped.
     */
    static void convertRow(float[] in, int from, float[] out, int offset, int to, int pixels) {
        for (int i = 0, o = offset; i < pixels; i++, o += to) {
            int p = i * from;
            if (to == 1) {
                out[o] = from < 3 ? in[p] : 0.2989f * in[p] + 0.587f * in[p + 1] + 0.114f * in[p + 2];
            } else if (from < 3) {
                out[o] = in[p];
                out[o + 1] = in[p];
                out[o + 2] = in[p];
            } else {
                out[o] = in[p];
                out[o + 1] = in[p + 1];
                out[o + 2] = in[p + 2];
            }
        }
    }

    private static FloatImage demosaic(FloatImage image) {
        int h = image.height();
        int w = image.width();
        int c = image.channels();
        float[] in = image.data();
        int oh = (h + 1) / 2;
        int ow = (w + 1) / 2;
        float[] out = new float[oh * ow * 3];
        for (int y = 0; y < oh; y++) {
            int y0 = 2 * y;
            int y1 = y0 + 1;
            for (int x = 0; x < ow; x++) {
                int x0 = 2 * x;
                int x1 = x0 + 1;
                float topLeft = in[(y0 * w + x0) * c];
                float topRight = x1 < w ? in[(y0 * w + x1) * c] : 0f;
                float bottomLeft = y1 < h ? in[(y1 * w + x0) * c] : 0f;
                float bottomRight = x1 < w && y1 < h ? in[(y1 * w + x1) * c] : 0f;
                int o = (y * ow + x) * 3;
                out[o] = bottomRight;
                out[o + 1] = 0.5f * topRight + 0.5f * bottomLeft;
                out[o + 2] = topLeft;
            }
        }
        return new FloatImage(oh, ow, 3, out);
    }
}
