package ai.brevetti.data.image;

/**
 * The horizontal pass of a resize, eight rows at a time. Resampling along a row gathers a few neighbouring
 * pixels per output, which the JIT cannot vectorise (laying the rows side by side first costs more than
 * it saves); what limits it is the chain of dependent adds into each sum. Eight RGB rows at a fixed
 * distance in one array give 24 independent sums per weight read, which the processor overlaps: for 224
 * to 64 RGB pixels several times the speed of one row at a time. Every output value is summed in the same
 * order (taps left to right, starting from 0) as one row alone would be, so the bits are the same.
 *
 * <p>Rows come either as consecutive rows of an image ({@link #rows}) or one by one through a staging
 * buffer: the vertical pass writes each finished row straight into {@link #staging()} at {@link #slot()}
 * and {@link #commit commits} it.
 */
final class HorizontalPass {
    private static final int GROUP = 8;

    private final ResizeWeights cols;
    private final int channels;
    private final float[] out;
    private final int at;
    private final int inRowLength;
    private final int outRowLength;
    private final int[] tos = new int[GROUP];
    private float[] staging;
    private int staged;

    /** Resamples rows of {@code cols.inSize} pixels to {@code cols.outSize}; output row {@code r} goes to {@code out[at + r * outSize * channels]}. */
    HorizontalPass(ResizeWeights cols, int channels, float[] out, int at) {
        this.cols = cols;
        this.channels = channels;
        this.out = out;
        this.at = at;
        this.inRowLength = cols.inSize * channels;
        this.outRowLength = cols.outSize * channels;
    }

    /** Resamples {@code count} consecutive rows of {@code in} from {@code in[from]} into output rows {@code firstOutRow…}. */
    void rows(float[] in, int from, int count, int firstOutRow) {
        int r = 0;
        for (; r + GROUP <= count; r += GROUP) {
            for (int k = 0; k < GROUP; k++) {
                tos[k] = at + (firstOutRow + r + k) * outRowLength;
            }
            group(in, from + r * inRowLength);
        }
        for (; r < count; r++) {
            one(in, from + r * inRowLength, at + (firstOutRow + r) * outRowLength);
        }
    }

    /** The staging buffer: room for {@value #GROUP} rows of {@code inSize × channels} values. */
    float[] staging() {
        if (staging == null) {
            staging = new float[GROUP * inRowLength];
        }
        return staging;
    }

    /** Where in {@link #staging()} the next row goes. */
    int slot() {
        return staged * inRowLength;
    }

    /** The row written at {@link #slot()} becomes output row {@code outRow}; a full buffer is resampled. */
    void commit(int outRow) {
        tos[staged++] = at + outRow * outRowLength;
        if (staged == GROUP) {
            group(staging, 0);
            staged = 0;
        }
    }

    /** Resamples the rows still staged. */
    void flush() {
        for (int k = 0; k < staged; k++) {
            one(staging, k * inRowLength, tos[k]);
        }
        staged = 0;
    }

    /** {@value #GROUP} rows {@code inRowLength} apart from {@code in[from]} into output rows {@code tos}. */
    private void group(float[] in, int from) {
        if (channels == 3) {
            eightRgb(in, from);
        } else if (channels == 1) {
            eightGrey(in, from);
        } else {
            for (int k = 0; k < GROUP; k++) {
                one(in, from + k * inRowLength, tos[k]);
            }
        }
    }

    private void one(float[] in, int from, int to) {
        int span = cols.span;
        float[] w = cols.weights;
        int c = channels;
        int dst = to;
        for (int o = 0; o < cols.outSize; o++) {
            int src = from + cols.start(o) * c;
            int n = cols.length(o);
            int wi = o * span;
            for (int ch = 0; ch < c; ch++) {
                float a = 0;
                for (int k = 0; k < n; k++) {
                    a += w[wi + k] * in[src + k * c + ch];
                }
                out[dst++] = a;
            }
        }
    }

    /** Eight RGB rows {@code inRowLength} apart from {@code in[from]} into output rows {@code tos}. */
    private void eightRgb(float[] in, int from) {
        int stride = inRowLength;
        int span = cols.span;
        float[] w = cols.weights;
        for (int o = 0; o < cols.outSize; o++) {
            int i = from + cols.start(o) * 3;
            int n = cols.length(o);
            int wi = o * span;
            float p0 = 0, p1 = 0, p2 = 0, q0 = 0, q1 = 0, q2 = 0, r0 = 0, r1 = 0, r2 = 0, s0 = 0, s1 = 0, s2 = 0;
            float t0 = 0, t1 = 0, t2 = 0, u0 = 0, u1 = 0, u2 = 0, v0 = 0, v1 = 0, v2 = 0, x0 = 0, x1 = 0, x2 = 0;
            for (int k = 0; k < n; k++, i += 3) {
                float g = w[wi + k];
                int j = i;
                p0 += g * in[j];
                p1 += g * in[j + 1];
                p2 += g * in[j + 2];
                j += stride;
                q0 += g * in[j];
                q1 += g * in[j + 1];
                q2 += g * in[j + 2];
                j += stride;
                r0 += g * in[j];
                r1 += g * in[j + 1];
                r2 += g * in[j + 2];
                j += stride;
                s0 += g * in[j];
                s1 += g * in[j + 1];
                s2 += g * in[j + 2];
                j += stride;
                t0 += g * in[j];
                t1 += g * in[j + 1];
                t2 += g * in[j + 2];
                j += stride;
                u0 += g * in[j];
                u1 += g * in[j + 1];
                u2 += g * in[j + 2];
                j += stride;
                v0 += g * in[j];
                v1 += g * in[j + 1];
                v2 += g * in[j + 2];
                j += stride;
                x0 += g * in[j];
                x1 += g * in[j + 1];
                x2 += g * in[j + 2];
            }
            int d = o * 3;
            put3(tos[0] + d, p0, p1, p2);
            put3(tos[1] + d, q0, q1, q2);
            put3(tos[2] + d, r0, r1, r2);
            put3(tos[3] + d, s0, s1, s2);
            put3(tos[4] + d, t0, t1, t2);
            put3(tos[5] + d, u0, u1, u2);
            put3(tos[6] + d, v0, v1, v2);
            put3(tos[7] + d, x0, x1, x2);
        }
    }

    private void put3(int d, float a, float b, float c) {
        out[d] = a;
        out[d + 1] = b;
        out[d + 2] = c;
    }

    /** Eight one-channel rows {@code inRowLength} apart from {@code in[from]} into output rows {@code tos}. */
    private void eightGrey(float[] in, int from) {
        int stride = inRowLength;
        int span = cols.span;
        float[] w = cols.weights;
        for (int o = 0; o < cols.outSize; o++) {
            int i = from + cols.start(o);
            int n = cols.length(o);
            int wi = o * span;
            float a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
            for (int k = 0; k < n; k++, i++) {
                float g = w[wi + k];
                int j = i;
                a0 += g * in[j];
                j += stride;
                a1 += g * in[j];
                j += stride;
                a2 += g * in[j];
                j += stride;
                a3 += g * in[j];
                j += stride;
                a4 += g * in[j];
                j += stride;
                a5 += g * in[j];
                j += stride;
                a6 += g * in[j];
                j += stride;
                a7 += g * in[j];
            }
            out[tos[0] + o] = a0;
            out[tos[1] + o] = a1;
            out[tos[2] + o] = a2;
            out[tos[3] + o] = a3;
            out[tos[4] + o] = a4;
            out[tos[5] + o] = a5;
            out[tos[6] + o] = a6;
            out[tos[7] + o] = a7;
        }
    }
}
