package ai.brevetti.data.image;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Resizing as TensorFlow's {@code tf.image.resize} does it (half-pixel centres; see {@link ResizeMethod}):
 * a separable resampler that runs one pass per direction with cached {@link ResizeWeights}, the
 * cheaper direction first. When the vertical pass goes first, each output row goes through the
 * horizontal pass as soon as its last input row has been added, so only the few output rows still being
 * summed are held, never a whole intermediate image. No per-pixel allocation.
 */
public final class Resize {
    private static final long HORIZONTAL_COST = 4;

    private Resize() {}

    /** {@code image} resized to {@code height × width}; the input itself when nothing would change. */
    public static FloatImage resize(FloatImage image, int height, int width, ResizeMethod method, boolean antialias) {
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
        float[] mid = new float[image.height() * width * c];
        horizontal(image.data(), image.height(), image.width(), c, cols, mid, 0);
        float[] out = new float[height * width * c];
        vertical(PixelRows.of(new FloatImage(image.height(), width, c, mid)), rows, null, out, 0);
        return new FloatImage(height, width, c, out);
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
        return resize(source, SampleGrid.full(source.height()), SampleGrid.full(source.width()), height, width, method, antialias);
    }

    /**
     * Rows that sample a file on the grids {@code ys} and {@code xs} (a reduced-scale decode) resized to
     * {@code height × width}: the result approximates resizing the whole file, each sample weighed at its
     * position in the file.
     */
    static FloatImage resize(PixelRows source, SampleGrid ys, SampleGrid xs, int height, int width, ResizeMethod method,
                             boolean antialias) {
        if (ys.samples() != source.height() || xs.samples() != source.width()) {
            throw new IllegalArgumentException("Grids of " + ys.samples() + "x" + xs.samples() + " samples for rows of "
                    + source.height() + "x" + source.width());
        }
        return resize(source, ResizeWeights.of(ys, height, method, antialias), ResizeWeights.of(xs, width, method, antialias));
    }

    /**
     * As {@link #resize(PixelRows, SampleGrid, SampleGrid, int, int, ResizeMethod, boolean)}, written into
     * {@code into} from {@code at} ({@code height × width × channels} values), e.g. a batch's array.
     */
    static void resize(PixelRows source, SampleGrid ys, SampleGrid xs, int height, int width, ResizeMethod method,
                       boolean antialias, float[] into, int at) {
        if (ys.samples() != source.height() || xs.samples() != source.width()) {
            throw new IllegalArgumentException("Grids of " + ys.samples() + "x" + xs.samples() + " samples for rows of "
                    + source.height() + "x" + source.width());
        }
        resize(source, ResizeWeights.of(ys, height, method, antialias), ResizeWeights.of(xs, width, method, antialias), into, at);
    }

    /** The rows resized; the source's own image when nothing changes. */
    private static FloatImage resize(PixelRows source, ResizeWeights rows, ResizeWeights cols) {
        if (rows.isIdentity() && cols.isIdentity()) {
            return source.toImage();
        }
        int c = source.channels();
        float[] out = new float[rows.outSize * cols.outSize * c];
        resize(source, rows, cols, out, 0);
        return new FloatImage(rows.outSize, cols.outSize, c, out);
    }

    /** Vertical pass first (skipped when the height stays), then horizontal (skipped when the width stays), into {@code into[at]}. */
    private static void resize(PixelRows source, ResizeWeights rows, ResizeWeights cols, float[] into, int at) {
        int c = source.channels();
        if (!rows.isIdentity()) {
            vertical(source, rows, cols.isIdentity() ? null : cols, into, at);
            return;
        }
        FloatImage same = source.toImage();
        if (cols.isIdentity()) {
            System.arraycopy(same.data(), 0, into, at, same.data().length);
        } else {
            horizontal(same.data(), same.height(), same.width(), c, cols, into, at);
        }
    }

    /**
     * The size an image of {@code height × width} gets when fitted inside the target with its aspect ratio
     * kept, as TensorFlow's {@code preserve_aspect_ratio}: scale by the smaller of the two ratios and round
     * (half to even); never below 1.
     */
    public static int[] aspectPreservingSize(int height, int width, int targetHeight, int targetWidth) {
        float scale = Math.min((float) targetHeight / height, (float) targetWidth / width);
        int h = (int) Math.rint(scale * height);
        int w = (int) Math.rint(scale * width);
        return new int[] {Math.max(1, Math.min(h, targetHeight)), Math.max(1, Math.min(w, targetWidth))};
    }

    /** Resamples each of {@code rows} rows of {@code inWidth × channels} values to {@code cols.outSize} pixels, into {@code out[at]}. */
    private static void horizontal(float[] in, int rows, int inWidth, int channels, ResizeWeights cols, float[] out, int at) {
        for (int r = 0; r < rows; r++) {
            horizontalRow(in, r * inWidth * channels, out, at + r * cols.outSize * channels, channels, cols);
        }
    }

    /** One row of {@code cols.inSize} pixels from {@code in[from]} resampled into {@code out[to]}. */
    private static void horizontalRow(float[] in, int from, float[] out, int to, int channels, ResizeWeights cols) {
        int span = cols.span;
        float[] w = cols.weights;
        int dst = to;
        for (int o = 0; o < cols.outSize; o++) {
            int src = from + cols.start(o) * channels;
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

    /**
     * Resamples whole rows into {@code out[at]}: output row {@code o} is a weighted sum of input rows, which
     * then goes through the horizontal pass {@code cols} (or is taken as it is when {@code cols} is null). Each input row is
     * read once and added to the output rows that read it; every open output row is its own array so the
     * adds run on equal indices, which the JIT turns into vector instructions. An output row is finished
     * after its last input row (the arrays are reused), so only the few rows still being summed are held.
     * An output row that reads no input (none does for these weight tables) stays 0, as its sum would be.
     */
    private static void vertical(PixelRows source, ResizeWeights rows, ResizeWeights cols, float[] out, int at) {
        int c = source.channels();
        int rowLength = source.width() * c;
        int outRowLength = cols == null ? rowLength : cols.outSize * c;
        OpenRows open = new OpenRows(rows.outSize, rowLength);
        float[] row = new float[rowLength];
        int pending = -1;
        for (int y = 0; y < rows.inSize; y++) {
            int[] readers = rows.readers(y);
            if (readers.length == 0) {
                continue;
            }
            float[] weights = rows.readerWeights(y);
            source.row(y, row, 0);
            for (int r = 0; r < readers.length; r++) {
                addScaled(open.sum(readers[r]), row, weights[r]);
            }
            for (int o : rows.lastReadAt(y)) {
                if (cols == null) {
                    System.arraycopy(open.sum(o), 0, out, at + o * outRowLength, rowLength);
                    open.close(o);
                } else if (c == 3 && pending < 0) {
                    pending = o; // RGB rows go through the horizontal pass in pairs
                } else if (c == 3) {
                    horizontalRgbPair(open.sum(pending), open.sum(o), out, at + pending * outRowLength, at + o * outRowLength, cols);
                    open.close(pending);
                    open.close(o);
                    pending = -1;
                } else {
                    horizontalRow(open.sum(o), 0, out, at + o * outRowLength, c, cols);
                    open.close(o);
                }
            }
        }
        if (pending >= 0) {
            horizontalRow(open.sum(pending), 0, out, at + pending * outRowLength, c, cols);
        }
    }

    /**
     * {@link #horizontalRow} for two RGB rows {@code p} and {@code q} at once, into {@code out[toP]} and
     * {@code out[toQ]}: the same sums, each weight read once for both (about a quarter faster).
     */
    private static void horizontalRgbPair(float[] p, float[] q, float[] out, int toP, int toQ, ResizeWeights cols) {
        int span = cols.span;
        float[] w = cols.weights;
        int dp = toP;
        int dq = toQ;
        for (int o = 0; o < cols.outSize; o++) {
            int src = cols.start(o) * 3;
            int n = cols.length(o);
            int wi = o * span;
            float pr = 0;
            float pg = 0;
            float pb = 0;
            float qr = 0;
            float qg = 0;
            float qb = 0;
            for (int k = 0; k < n; k++, src += 3) {
                float weight = w[wi + k];
                pr += weight * p[src];
                pg += weight * p[src + 1];
                pb += weight * p[src + 2];
                qr += weight * q[src];
                qg += weight * q[src + 1];
                qb += weight * q[src + 2];
            }
            out[dp++] = pr;
            out[dp++] = pg;
            out[dp++] = pb;
            out[dq++] = qr;
            out[dq++] = qg;
            out[dq++] = qb;
        }
    }

    /** {@code sum += weight * row}, element by element. */
    private static void addScaled(float[] sum, float[] row, float weight) {
        for (int j = 0; j < sum.length; j++) {
            sum[j] += weight * row[j];
        }
    }

    /** The sums of the output rows of a vertical pass that have started and not finished, each its own zeroed array, reused. */
    private static final class OpenRows {
        private final float[][] byOutput;
        private final ArrayDeque<float[]> spare = new ArrayDeque<>();
        private final int rowLength;

        OpenRows(int outputs, int rowLength) {
            this.byOutput = new float[outputs][];
            this.rowLength = rowLength;
        }

        /** Output row {@code o}'s sum, zeros when it starts. */
        float[] sum(int o) {
            float[] sum = byOutput[o];
            if (sum == null) {
                sum = spare.isEmpty() ? new float[rowLength] : spare.pop();
                byOutput[o] = sum;
            }
            return sum;
        }

        /** Output row {@code o} is finished: its array is zeroed for the next one. */
        void close(int o) {
            float[] sum = byOutput[o];
            Arrays.fill(sum, 0f);
            spare.push(sum);
            byOutput[o] = null;
        }
    }
}
