package ai.brevetti.data.image;

/**
 * The horizontal pass of a resize, eight rows at a time. Resampling along a row gathers a few neighbouring
 * pixels per output, which the JIT cannot vectorise (laying the rows side by side first costs more than
 * it saves); what limits it is the chain of dependent adds into each sum. Eight RGB rows give 24
 * independent sums per weight read, which the processor overlaps: for 224 to 64 RGB pixels several times
 * the speed of one row at a time, and about 1.5 times that of four rows at a time. Every output value is summed in
 * the same order (taps left to right, starting from 0) as one row alone would be, so the bits are the same.
 * Rows are queued by reference: the caller must not change a queued row until {@link #add} returns true
 * or {@link #flush} has run.
 */
final class HorizontalPass {
    static final int GROUP = 8;

    private final ResizeWeights cols;
    private final int channels;
    private final float[] out;
    private final int at;
    private final int outRowLength;
    private final float[][] rows = new float[GROUP][];
    private final int[] froms = new int[GROUP];
    private final int[] tos = new int[GROUP];
    private int queued;

    /** Resamples rows of {@code cols.inSize} pixels to {@code cols.outSize}; output row {@code r} goes to {@code out[at + r * outSize * channels]}. */
    HorizontalPass(ResizeWeights cols, int channels, float[] out, int at) {
        this.cols = cols;
        this.channels = channels;
        this.out = out;
        this.at = at;
        this.outRowLength = cols.outSize * channels;
    }

    /**
     * Queues the row at {@code in[from]} to become output row {@code outRow}; returns whether the queued rows
     * (this one included) have been resampled, so their arrays may be reused.
     */
    boolean add(float[] in, int from, int outRow) {
        rows[queued] = in;
        froms[queued] = from;
        tos[queued] = at + outRow * outRowLength;
        if (++queued < GROUP && (channels == 1 || channels == 3)) {
            return false;
        }
        flush();
        return true;
    }

    /** Resamples the queued rows. */
    void flush() {
        if (queued == GROUP && channels == 3) {
            eightRgb();
        } else if (queued == GROUP && channels == 1) {
            eightGrey();
        } else {
            for (int i = 0; i < queued; i++) {
                one(rows[i], froms[i], tos[i]);
            }
        }
        queued = 0;
        java.util.Arrays.fill(rows, null);
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

    private void eightRgb() {
        float[] p = rows[0], q = rows[1], r = rows[2], s = rows[3], t = rows[4], u = rows[5], v = rows[6], x = rows[7];
        int span = cols.span;
        float[] w = cols.weights;
        for (int o = 0; o < cols.outSize; o++) {
            int at = cols.start(o) * 3;
            int pi = froms[0] + at, qi = froms[1] + at, ri = froms[2] + at, si = froms[3] + at;
            int ti = froms[4] + at, ui = froms[5] + at, vi = froms[6] + at, xi = froms[7] + at;
            int n = cols.length(o);
            int wi = o * span;
            float p0 = 0, p1 = 0, p2 = 0, q0 = 0, q1 = 0, q2 = 0, r0 = 0, r1 = 0, r2 = 0, s0 = 0, s1 = 0, s2 = 0;
            float t0 = 0, t1 = 0, t2 = 0, u0 = 0, u1 = 0, u2 = 0, v0 = 0, v1 = 0, v2 = 0, x0 = 0, x1 = 0, x2 = 0;
            for (int k = 0; k < n; k++, pi += 3, qi += 3, ri += 3, si += 3, ti += 3, ui += 3, vi += 3, xi += 3) {
                float g = w[wi + k];
                p0 += g * p[pi];
                p1 += g * p[pi + 1];
                p2 += g * p[pi + 2];
                q0 += g * q[qi];
                q1 += g * q[qi + 1];
                q2 += g * q[qi + 2];
                r0 += g * r[ri];
                r1 += g * r[ri + 1];
                r2 += g * r[ri + 2];
                s0 += g * s[si];
                s1 += g * s[si + 1];
                s2 += g * s[si + 2];
                t0 += g * t[ti];
                t1 += g * t[ti + 1];
                t2 += g * t[ti + 2];
                u0 += g * u[ui];
                u1 += g * u[ui + 1];
                u2 += g * u[ui + 2];
                v0 += g * v[vi];
                v1 += g * v[vi + 1];
                v2 += g * v[vi + 2];
                x0 += g * x[xi];
                x1 += g * x[xi + 1];
                x2 += g * x[xi + 2];
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

    private void eightGrey() {
        float[] p = rows[0], q = rows[1], r = rows[2], s = rows[3], t = rows[4], u = rows[5], v = rows[6], x = rows[7];
        int span = cols.span;
        float[] w = cols.weights;
        for (int o = 0; o < cols.outSize; o++) {
            int at = cols.start(o);
            int pi = froms[0] + at, qi = froms[1] + at, ri = froms[2] + at, si = froms[3] + at;
            int ti = froms[4] + at, ui = froms[5] + at, vi = froms[6] + at, xi = froms[7] + at;
            int n = cols.length(o);
            int wi = o * span;
            float a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
            for (int k = 0; k < n; k++) {
                float g = w[wi + k];
                a0 += g * p[pi + k];
                a1 += g * q[qi + k];
                a2 += g * r[ri + k];
                a3 += g * s[si + k];
                a4 += g * t[ti + k];
                a5 += g * u[ui + k];
                a6 += g * v[vi + k];
                a7 += g * x[xi + k];
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
