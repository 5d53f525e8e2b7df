package ai.brevetti.data.image;

import java.util.ArrayDeque;

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
        checkGrids(source, ys, xs);
        return resize(source, ResizeWeights.of(ys, height, method, antialias), ResizeWeights.of(xs, width, method, antialias));
    }

    /**
     * As {@link #resize(PixelRows, SampleGrid, SampleGrid, int, int, ResizeMethod, boolean)}, written into
     * {@code into} from {@code at} ({@code height × width × channels} values), e.g. a batch's array.
     */
    static void resize(PixelRows source, SampleGrid ys, SampleGrid xs, int height, int width, ResizeMethod method,
                       boolean antialias, float[] into, int at) {
        checkGrids(source, ys, xs);
        resize(source, ResizeWeights.of(ys, height, method, antialias), ResizeWeights.of(xs, width, method, antialias), into, at);
    }

    private static void checkGrids(PixelRows source, SampleGrid ys, SampleGrid xs) {
        if (ys.samples() != source.height() || xs.samples() != source.width()) {
            throw new IllegalArgumentException("Grids of " + ys.samples() + "x" + xs.samples() + " samples for rows of "
                    + source.height() + "x" + source.width());
        }
    }

    /** The rows resized; the source's own image when nothing changes. */
    static FloatImage resize(PixelRows source, ResizeWeights rows, ResizeWeights cols) {
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
        new HorizontalPass(cols, channels, out, at).rows(in, 0, rows, 0);
    }

    /**
     * Resamples whole rows into {@code out[at]}: output row {@code o} is a weighted sum of input rows, which
     * then goes through the horizontal pass {@code cols} (or is taken as it is when {@code cols} is null). Each input row is
     * read once and added to the output rows that read it; every open output row is its own array so the
     * adds run on equal indices, which the JIT turns into vector instructions. After its last input row an
     * output row is copied to where it goes next (the output, or the horizontal pass's staging buffer) and
     * its array is reused, so only the few rows still being summed are held. An output row that reads
     * no input (none does for these weight tables) is not written.
     */
    private static void vertical(PixelRows source, ResizeWeights rows, ResizeWeights cols, float[] out, int at) {
        int c = source.channels();
        int rowLength = source.width() * c;
        int outRowLength = cols == null ? rowLength : cols.outSize * c;
        OpenRows open = new OpenRows(rows.outSize, rowLength);
        HorizontalPass horizontal = cols == null ? null : new HorizontalPass(cols, c, out, at);
        float[] row = new float[rowLength];
        for (int y = 0; y < rows.inSize; y++) {
            int[] readers = rows.readers(y);
            if (readers.length == 0) {
                continue;
            }
            float[] weights = rows.readerWeights(y);
            source.row(y, row, 0);
            if (readers.length == 2 && open.isOpen(readers[0]) && open.isOpen(readers[1])) {
                addScaled(open.sum(readers[0]), open.sum(readers[1]), row, weights[0], weights[1]);
            } else {
                for (int r = 0; r < readers.length; r++) {
                    int o = readers[r];
                    if (open.isOpen(o)) {
                        addScaled(open.sum(o), row, weights[r]);
                    } else {
                        startScaled(open.start(o), row, weights[r]);
                    }
                }
            }
            for (int o : readers) {
                if (rows.lastInput(o) == y) {
                    // finished: copied to where it goes next (a loop that wrote there directly, at an
                    // offset, would not be vectorised)
                    if (horizontal == null) {
                        System.arraycopy(open.sum(o), 0, out, at + o * outRowLength, rowLength);
                    } else {
                        System.arraycopy(open.sum(o), 0, horizontal.staging(), horizontal.slot(), rowLength);
                        horizontal.commit(o);
                    }
                    open.close(o);
                }
            }
        }
        if (horizontal != null) {
            horizontal.flush();
        }
    }

    /** {@code sum = 0 + weight * row}: the first input row of an output row, with the bits of adding it to zeros. */
    private static void startScaled(float[] sum, float[] row, float weight) {
        for (int j = 0; j < sum.length; j++) {
            sum[j] = 0f + weight * row[j];
        }
    }

    /** {@code sum += weight * row}, element by element. */
    private static void addScaled(float[] sum, float[] row, float weight) {
        for (int j = 0; j < sum.length; j++) {
            sum[j] += weight * row[j];
        }
    }

    /** One input row added to two output rows in one sweep (the row is read once). */
    private static void addScaled(float[] sum, float[] other, float[] row, float weight, float otherWeight) {
        for (int j = 0; j < sum.length; j++) {
            float v = row[j];
            sum[j] += weight * v;
            other[j] += otherWeight * v;
        }
    }

    /** The sums of the output rows of a vertical pass that have started and not finished, each its own array, reused. */
    private static final class OpenRows {
        private final float[][] byOutput;
        private final ArrayDeque<float[]> spare = new ArrayDeque<>();
        private final int rowLength;

        OpenRows(int outputs, int rowLength) {
            this.byOutput = new float[outputs][];
            this.rowLength = rowLength;
        }

        boolean isOpen(int o) {
            return byOutput[o] != null;
        }

        /** Output row {@code o}'s sum (open). */
        float[] sum(int o) {
            return byOutput[o];
        }

        /** Opens output row {@code o}: an array whose values the first row added overwrites. */
        float[] start(int o) {
            float[] sum = spare.isEmpty() ? new float[rowLength] : spare.pop();
            byOutput[o] = sum;
            return sum;
        }

        /** Output row {@code o} is finished: its array goes back to the spares. */
        void close(int o) {
            spare.push(byOutput[o]);
            byOutput[o] = null;
        }
    }
}
