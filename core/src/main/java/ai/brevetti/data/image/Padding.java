package ai.brevetti.data.image;

/**
 * Pads an image to a size with a {@link PaddingMode}: at the bottom and right, or centred (the extra
 * pixel of an odd difference goes to the bottom/right, as the original's {@code diff // 2} on top).
 */
final class Padding {
    private Padding() {}

    /**
     * {@code image} padded to {@code height × width} (each at least the image's own size); the input
     * itself when it already has that size.
     */
    public static FloatImage pad(FloatImage image, int height, int width, PaddingMode mode, boolean center) {
        int h = image.height();
        int w = image.width();
        if (height < h || width < w) {
            throw new IllegalArgumentException("Cannot pad a " + h + "x" + w + " image to " + height + "x" + width);
        }
        if (height == h && width == w) {
            return image;
        }
        int top = center ? (height - h) / 2 : 0;
        int left = center ? (width - w) / 2 : 0;
        int c = image.channels();
        float[] in = image.data();
        float[] out = new float[height * width * c];
        if (h == 0 || w == 0) {
            return new FloatImage(height, width, c, out);
        }
        int[] columns = new int[width];
        for (int x = 0; x < width; x++) {
            columns[x] = mode.source(x - left, w);
        }
        for (int y = 0; y < height; y++) {
            int sy = mode.source(y - top, h);
            if (sy < 0) {
                continue;
            }
            int dst = y * width * c;
            int row = sy * w * c;
            for (int x = 0; x < width; x++, dst += c) {
                int sx = columns[x];
                if (sx >= 0) {
                    System.arraycopy(in, row + sx * c, out, dst, c);
                }
            }
        }
        return new FloatImage(height, width, c, out);
    }
}
