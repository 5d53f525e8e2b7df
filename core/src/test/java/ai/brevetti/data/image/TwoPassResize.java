package ai.brevetti.data.image;

/**
 * The test oracle for {@link Resize}: its implementation before the vertical and horizontal passes were
 * fused row by row (commit b69194d), a whole vertical pass into an intermediate image, then a whole
 * horizontal pass. {@link Resize} must give the same bits for every input.
 */
final class TwoPassResize {
    private static final long HORIZONTAL_COST = 4;

    private TwoPassResize() {}

    /** {@code image} resized to {@code height × width}; the input itself when nothing would change. */
    static FloatImage resize(FloatImage image, int height, int width, ResizeMethod method, boolean antialias) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("Cannot resize to " + height + "x" + width);
        }
        if (image.height() == 0 || image.width() == 0) {
            return FloatImage.zeros(height, width, image.channels());
        }
        ResizeWeights rows = ResizeWeights.of(image.height(), height, method, antialias);
        ResizeWeights cols = ResizeWeights.of(image.width(), width, method, antialias);
        if (rows.isIdentity() && cols.isIdentity()) {
            return image;
        }
        // the vertical pass runs along contiguous rows (the JIT vectorises it), the horizontal one gathers
        // pixels: weigh the horizontal work more when choosing which direction goes first
        long horizontalFirst = HORIZONTAL_COST * image.height() * width * cols.span + (long) height * width * rows.span;
        long verticalFirst = (long) height * image.width() * rows.span + HORIZONTAL_COST * height * width * cols.span;
        if (rows.isIdentity() || cols.isIdentity() || verticalFirst <= horizontalFirst) {
            return resize(PixelRows.of(image), rows, cols);
        }
        int c = image.channels();
        float[] mid = horizontal(image.data(), image.height(), image.width(), c, cols);
        return new FloatImage(height, width, c, vertical(PixelRows.of(new FloatImage(image.height(), width, c, mid)), rows));
    }

    /**
     * Rows (of a file being decoded) resized to {@code height × width}: the vertical pass reads each row
     * once as it comes, so the full-size image is never built.
     */
    static FloatImage resize(PixelRows source, int height, int width, ResizeMethod method, boolean antialias) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("Cannot resize to " + height + "x" + width);
        }
        if (source.height() == 0 || source.width() == 0) {
            return FloatImage.zeros(height, width, source.channels());
        }
        return resize(source, ResizeWeights.of(source.height(), height, method, antialias),
                ResizeWeights.of(source.width(), width, method, antialias));
    }

    /** Vertical pass first (skipped when the height stays), then horizontal (skipped when the width stays). */
    private static FloatImage resize(PixelRows source, ResizeWeights rows, ResizeWeights cols) {
        int c = source.channels();
        if (rows.isIdentity()) {
            FloatImage same = source.toImage();
            return cols.isIdentity() ? same
                    : new FloatImage(rows.outSize, cols.outSize, c, horizontal(same.data(), same.height(), same.width(), c, cols));
        }
        float[] mid = vertical(source, rows);
        if (cols.isIdentity()) {
            return new FloatImage(rows.outSize, cols.outSize, c, mid);
        }
        return new FloatImage(rows.outSize, cols.outSize, c, horizontal(mid, rows.outSize, source.width(), c, cols));
    }

    /** Resamples each of {@code rows} rows of {@code inWidth × channels} values to {@code cols.outSize} pixels. */
    private static float[] horizontal(float[] in, int rows, int inWidth, int channels, ResizeWeights cols) {
        int outWidth = cols.outSize;
        int span = cols.span;
        float[] w = cols.weights;
        float[] out = new float[rows * outWidth * channels];
        for (int r = 0; r < rows; r++) {
            int rowIn = r * inWidth * channels;
            int dst = r * outWidth * channels;
            for (int o = 0; o < outWidth; o++) {
                int src = rowIn + cols.start(o) * channels;
                int n = cols.length(o);
                int wi = o * span;
                if (channels == 3) {
                    float a = 0;
                    float b = 0;
                    float d = 0;
                    for (int k = 0; k < n; k++, src += 3) {
                        float weight = w[wi + k];
                        a += weight * in[src];
                        b += weight * in[src + 1];
                        d += weight * in[src + 2];
                    }
                    out[dst++] = a;
                    out[dst++] = b;
                    out[dst++] = d;
                } else if (channels == 1) {
                    float a = 0;
                    for (int k = 0; k < n; k++) {
                        a += w[wi + k] * in[src + k];
                    }
                    out[dst++] = a;
                } else {
                    for (int ch = 0; ch < channels; ch++) {
                        float a = 0;
                        for (int k = 0; k < n; k++) {
                            a += w[wi + k] * in[src + k * channels + ch];
                        }
                        out[dst++] = a;
                    }
                }
            }
        }
        return out;
    }

    /**
     * Resamples whole rows: output row {@code o} is a weighted sum of input rows.
     * Each input row is visited once and added to the output rows that read it; every row is its own
     * array so the adds run on equal indices, which the JIT turns into vector instructions.
     */
    private static float[] vertical(PixelRows source, ResizeWeights rows) {
        int rowLength = source.width() * source.channels();
        float[][] sums = new float[rows.outSize][rowLength];
        float[] row = new float[rowLength];
        for (int y = 0; y < rows.inSize; y++) {
            int[] readers = rows.readers(y);
            if (readers.length == 0) {
                continue;
            }
            float[] weights = rows.readerWeights(y);
            source.row(y, row, 0);
            for (int r = 0; r < readers.length; r++) {
                addScaled(sums[readers[r]], row, weights[r]);
            }
        }
        float[] out = new float[rows.outSize * rowLength];
        for (int o = 0; o < rows.outSize; o++) {
            System.arraycopy(sums[o], 0, out, o * rowLength, rowLength);
        }
        return out;
    }

    /** {@code sum += weight * row}, element by element. */
    private static void addScaled(float[] sum, float[] row, float weight) {
        for (int j = 0; j < sum.length; j++) {
            sum[j] += weight * row[j];
        }
    }
}
