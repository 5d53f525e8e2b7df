package ai.brevetti.data.image;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The weights of one resampling direction: for each output coordinate, the first input coordinate it
 * reads ({@link #start}), how many it reads ({@link #length}) and their weights (summing to 1), at
 * {@code weights[o * span + k]}. Half-pixel centres: output pixel {@code o} sits at input position
 * {@code (o + 0.5) * in / out}. When the input holds samples of a larger file ({@link SampleGrid}), the
 * output positions, the filter's width and the antialias decision are those of the file, so the samples
 * are weighed at their true positions (weights renormalised to sum 1). Tables are immutable and cached
 * per (grid, out, method, antialias).
 */
final class ResizeWeights {
    private static final int CACHE_LIMIT = 1024;
    private static final Map<Key, ResizeWeights> CACHE = new ConcurrentHashMap<>();

    private record Key(SampleGrid in, int out, ResizeMethod method, boolean antialias) {}

    private static final Map<ViewKey, ResizeWeights> VIEW_CACHE = new ConcurrentHashMap<>();

    private record ViewKey(int in, int out, double scale, double shift) {}

    final int inSize;
    final int outSize;
    final int span;
    private final int[] starts;
    private final int[] lengths;
    final float[] weights;

    /** The transposed table: for each input coordinate, the outputs that read it (weight non-zero) and their weights. */
    private final int[][] readers;
    private final float[][] readerWeights;
    /** For each output, the input coordinate of its last non-zero weight (-1: none). */
    private final int[] lastInputs;

    private ResizeWeights(int inSize, int outSize, int span, int[] starts, int[] lengths, float[] weights) {
        this.inSize = inSize;
        this.outSize = outSize;
        this.span = span;
        this.starts = starts;
        this.lengths = lengths;
        this.weights = weights;
        int[] counts = new int[inSize];
        for (int o = 0; o < outSize; o++) {
            for (int k = 0; k < lengths[o]; k++) {
                if (weights[o * span + k] != 0f) {
                    counts[starts[o] + k]++;
                }
            }
        }
        readers = new int[inSize][];
        readerWeights = new float[inSize][];
        for (int i = 0; i < inSize; i++) {
            readers[i] = new int[counts[i]];
            readerWeights[i] = new float[counts[i]];
            counts[i] = 0;
        }
        int[] last = new int[outSize];
        Arrays.fill(last, -1);
        for (int o = 0; o < outSize; o++) {
            for (int k = 0; k < lengths[o]; k++) {
                float w = weights[o * span + k];
                if (w != 0f) {
                    int i = starts[o] + k;
                    readers[i][counts[i]] = o;
                    readerWeights[i][counts[i]++] = w;
                    last[o] = i;
                }
            }
        }
        lastInputs = last;
    }

    /** The outputs that read input {@code i}, in increasing order. */
    int[] readers(int i) {
        return readers[i];
    }

    /** Their weights for input {@code i}, matching {@link #readers}. */
    float[] readerWeights(int i) {
        return readerWeights[i];
    }

    /** The input coordinate of output {@code o}'s last non-zero weight; -1 when it has none. */
    int lastInput(int o) {
        return lastInputs[o];
    }

    int start(int o) {
        return starts[o];
    }

    int length(int o) {
        return lengths[o];
    }

    float weight(int o, int k) {
        return weights[o * span + k];
    }

    /** Whether every output is exactly the input at its own index (weight 1 there, 0 elsewhere). */
    boolean isIdentity() {
        if (inSize != outSize) {
            return false;
        }
        for (int o = 0; o < outSize; o++) {
            for (int k = 0; k < lengths[o]; k++) {
                if (weights[o * span + k] != (starts[o] + k == o ? 1f : 0f)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The (cached) table for resampling {@code inSize} to {@code outSize} values. */
    static ResizeWeights of(int inSize, int outSize, ResizeMethod method, boolean antialias) {
        if (inSize <= 0 || outSize <= 0) {
            throw new IllegalArgumentException("Cannot resize " + inSize + " pixels to " + outSize);
        }
        return of(SampleGrid.full(inSize), outSize, method, antialias);
    }

    /** The (cached) table for resampling the samples of {@code grid} to {@code outSize} values of the file's axis. */
    static ResizeWeights of(SampleGrid grid, int outSize, ResizeMethod method, boolean antialias) {
        if (outSize <= 0) {
            throw new IllegalArgumentException("Cannot resize " + grid.samples() + " pixels to " + outSize);
        }
        // antialias only changes kernel filters that downscale (the file)
        boolean widen = antialias && method.hasKernel() && outSize < grid.fileSize();
        Key key = new Key(grid, outSize, method, widen);
        ResizeWeights cached = CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        ResizeWeights made = switch (method) {
            case NEAREST -> nearest(grid, outSize);
            case AREA -> area(grid, outSize);
            default -> kernel(grid, outSize, method, widen);
        };
        if (CACHE.size() >= CACHE_LIMIT) {
            CACHE.clear();
        }
        CACHE.put(key, made);
        return made;
    }

    /** TensorFlow's half-pixel nearest neighbour: {@code min(floor((o + 0.5) * in / out), in - 1)} in float. */
    private static ResizeWeights nearest(SampleGrid grid, int out) {
        int in = grid.samples();
        float scale = (float) grid.fileSize() / (out * grid.step());
        float shift = (float) grid.shift();
        int[] starts = new int[out];
        int[] lengths = new int[out];
        float[] weights = new float[out];
        for (int o = 0; o < out; o++) {
            starts[o] = Math.max(0, Math.min((int) Math.floor((o + 0.5f) * scale + shift), in - 1));
            lengths[o] = 1;
            weights[o] = 1f;
        }
        return new ResizeWeights(in, out, 1, starts, lengths, weights);
    }

    /**
     * Box averaging by exact coverage: output {@code o} covers input {@code [o, o+1) * in / out}. On a
     * sample grid the cover is renormalised, as the last samples may end before the file does.
     */
    private static ResizeWeights area(SampleGrid grid, int out) {
        int in = grid.samples();
        double scale = grid.scale(out);
        double shift = grid.shift();
        int span = (int) Math.ceil(scale) + 1;
        int[] starts = new int[out];
        int[] lengths = new int[out];
        float[] weights = new float[out * span];
        for (int o = 0; o < out; o++) {
            double from = o * scale + shift;
            double to = (o + 1) * scale + shift;
            int first = (int) Math.floor(from);
            int end = Math.min((int) Math.ceil(to), in);
            starts[o] = first;
            int n = 0;
            for (int i = first; i < end; i++) {
                double cover = Math.min(i + 1, to) - Math.max(i, from);
                if (cover > 0) {
                    weights[o * span + n] = (float) (cover / scale);
                    n++;
                } else if (n == 0) {
                    starts[o] = i + 1;
                }
            }
            lengths[o] = n;
            if (!grid.isFull()) {
                normalise(weights, o * span, n);
            }
        }
        return new ResizeWeights(in, out, span, starts, lengths, weights);
    }

    private static void normalise(float[] weights, int from, int n) {
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += weights[from + k];
        }
        for (int k = 0; k < n; k++) {
            weights[from + k] = (float) (weights[from + k] / sum);
        }
    }

    /**
     * A filter kernel sampled at the input pixel centres around each output position, normalised to sum
     * 1 over the pixels inside the image (TensorFlow's {@code scale_and_translate}, and PIL's resampling).
     */
    private static ResizeWeights kernel(SampleGrid grid, int out, ResizeMethod method, boolean widen) {
        double inverseScale = grid.scale(out);
        // the kernel's unit in samples: an output pixel when widened, else a file pixel
        double kernelScale = widen ? inverseScale : 1.0 / grid.step();
        return kernel(grid.samples(), out, inverseScale, grid.shift(), kernelScale, method);
    }

    /**
     * The weights of an axis of an {@link ImageView}: {@code in} samples, each {@code step} file pixels
     * wide (a Deep Zoom level's pixels; 1 for the file itself), resampled to {@code out} view pixels
     * whose centres sit at sample position {@code (o + 0.5) * scale + shift}, by a triangle (bilinear)
     * filter one view pixel wide: antialiased when the view is coarser than the file, plain linear
     * interpolation between the samples when it is not. Cached per arguments.
     */
    static ResizeWeights view(int in, int out, double scale, double shift) {
        if (in <= 0 || out <= 0 || !(scale > 0) || !(shift >= 0 && shift < 1)) {
            throw new IllegalArgumentException("A view axis of " + in + " samples to " + out + " pixels, scale " + scale
                    + ", shift " + shift);
        }
        ViewKey key = new ViewKey(in, out, scale, shift);
        ResizeWeights cached = VIEW_CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        ResizeWeights made = kernel(in, out, scale, shift, scale, ResizeMethod.BILINEAR);
        if (VIEW_CACHE.size() >= CACHE_LIMIT) {
            VIEW_CACHE.clear();
        }
        VIEW_CACHE.put(key, made);
        return made;
    }

    /**
     * A filter kernel whose unit is {@code kernelScale} samples, sampled at the input pixel centres around
     * each output position {@code (o + 0.5) * inverseScale + shift} and normalised to sum 1 over the
     * samples there are.
     */
    private static ResizeWeights kernel(int in, int out, double inverseScale, double shift, double kernelScale,
                                        ResizeMethod method) {
        double support = method.radius() * kernelScale;
        int span = Math.min(2 * (int) Math.ceil(support) + 1, in);
        int[] starts = new int[out];
        int[] lengths = new int[out];
        float[] weights = new float[out * span];
        double[] raw = new double[span + 1];
        for (int o = 0; o < out; o++) {
            double centre = (o + 0.5) * inverseScale + shift;
            int first = Math.max(0, (int) Math.ceil(centre - support - 0.5));
            int last = Math.min(in - 1, (int) Math.floor(centre + support - 0.5));
            int n = Math.min(last - first + 1, span);
            double sum = 0;
            for (int k = 0; k < n; k++) {
                raw[k] = method.kernel((first + k + 0.5 - centre) / kernelScale);
                sum += raw[k];
            }
            if (Math.abs(sum) < 1e-12) {
                // nothing in reach (cannot happen for these kernels): take the nearest pixel
                first = Math.max(0, Math.min((int) Math.floor(centre), in - 1));
                n = 1;
                raw[0] = sum = 1;
            }
            starts[o] = first;
            lengths[o] = n;
            for (int k = 0; k < n; k++) {
                weights[o * span + k] = (float) (raw[k] / sum);
            }
        }
        return new ResizeWeights(in, out, span, starts, lengths, weights);
    }
}
