package ai.brevetti.data.image;

/**
 * An image handed out one row at a time (HWC floats): lets a resize stream through a decoded file
 * without first building the whole full-size {@link FloatImage}, which for a large picture costs more
 * memory traffic than the resize itself.
 */
interface PixelRows {
    int height();

    int width();

    int channels();

    /** Writes row {@code y} ({@code width * channels} values) into {@code dst} from {@code offset}. */
    void row(int y, float[] dst, int offset);

    /** All rows as an image. */
    default FloatImage toImage() {
        int rowLength = width() * channels();
        float[] out = new float[height() * rowLength];
        for (int y = 0; y < height(); y++) {
            row(y, out, y * rowLength);
        }
        return new FloatImage(height(), width(), channels(), out);
    }

    /** The rows of an image. */
    static PixelRows of(FloatImage image) {
        return new PixelRows() {
            @Override
            public int height() {
                return image.height();
            }

            @Override
            public int width() {
                return image.width();
            }

            @Override
            public int channels() {
                return image.channels();
            }

            @Override
            public void row(int y, float[] dst, int offset) {
                int n = image.width() * image.channels();
                System.arraycopy(image.data(), y * n, dst, offset, n);
            }

            @Override
            public FloatImage toImage() {
                return image;
            }
        };
    }

    /**
     * These rows in the channels of {@code mode} ({@link ColorMode#RGB} or {@link ColorMode#GREYSCALE},
     * converted row by row exactly as {@link ColorMode#apply} does).
     */
    default PixelRows inColorMode(ColorMode mode) {
        if (mode == ColorMode.BAYER) {
            throw new IllegalArgumentException("Bayer demosaicing needs two rows at a time; apply it to the image");
        }
        int target = mode.channels();
        if (channels() == target) {
            return this;
        }
        PixelRows source = this;
        float[] buffer = new float[width() * channels()];
        return new PixelRows() {
            @Override
            public int height() {
                return source.height();
            }

            @Override
            public int width() {
                return source.width();
            }

            @Override
            public int channels() {
                return target;
            }

            @Override
            public void row(int y, float[] dst, int offset) {
                source.row(y, buffer, 0);
                ColorMode.convertRow(buffer, source.channels(), dst, offset, target, source.width());
            }
        };
    }
}
