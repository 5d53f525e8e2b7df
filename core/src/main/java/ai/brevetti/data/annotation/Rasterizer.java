package ai.brevetti.data.annotation;

import java.util.Arrays;

/**
 * Draws shapes given in view pixel coordinates into row spans of a {@code height × width} grid, without
 * antialiasing (masks are labels). Pixel (x, y) covers {@code [x, x + 1) × [y, y + 1)}; its centre is
 * (x + ½, y + ½). The rules (docs/annotations.md):
 * <ul>
 *   <li>polygons: a pixel is inside when its centre is, by the non-zero winding rule; a centre exactly on an
 *       edge counts when the edge is a left or top one ({@code [x0, x1) × [y0, y1)} for a rectangle), so
 *       polygons sharing an edge never share a pixel and a rectangle from (10, 20) to (30, 40) covers the
 *       20 × 20 pixels 10..29 × 20..39;</li>
 *   <li>strokes: the pixels whose centre is within {@code radius} of the polyline (round caps and joins);</li>
 *   <li>dots: the pixels whose centre is within {@code radius} of the point;</li>
 *   <li>{@link #pixelsUnder}: the pixel each point lies in.</li>
 * </ul>
 * Everything is clipped to the grid; coordinates far outside it cost nothing.
 */
final class Rasterizer {
    private Rasterizer() {}

    /** Receives the pixels {@code x0 ≤ x < x1} of row {@code y} (never empty, always inside the grid). */
    @FunctionalInterface
    interface Spans {
        void span(int y, int x0, int x1);
    }

    /** Fills the closed polygon (xs[i], ys[i]); returns whether it covered any pixel. */
    static boolean fillPolygon(double[] xs, double[] ys, int height, int width, Spans out) {
        int n = xs.length;
        double ymin = Arrays.stream(ys).min().orElse(0);
        double ymax = Arrays.stream(ys).max().orElse(0);
        int first = (int) clamp(Math.ceil(ymin - 0.5), 0, height);
        int last = (int) clamp(Math.ceil(ymax - 0.5), 0, height); // exclusive
        double[] at = new double[n];
        int[] dir = new int[n];
        Integer[] order = new Integer[n];
        boolean any = false;
        for (int y = first; y < last; y++) {
            double yc = y + 0.5;
            int k = 0;
            for (int i = 0; i < n; i++) {
                double xa = xs[i];
                double ya = ys[i];
                double xb = xs[(i + 1) % n];
                double yb = ys[(i + 1) % n];
                if (ya < yb ? ya <= yc && yc < yb : yb <= yc && yc < ya) {
                    at[k] = xa + (yc - ya) * (xb - xa) / (yb - ya);
                    dir[k] = ya < yb ? 1 : -1;
                    order[k] = k;
                    k++;
                }
            }
            Arrays.sort(order, 0, k, (a, b) -> Double.compare(at[a], at[b]));
            int winding = 0;
            double start = 0;
            for (int j = 0; j < k; j++) {
                int e = order[j];
                int before = winding;
                winding += dir[e];
                if (before == 0 && winding != 0) {
                    start = at[e];
                } else if (before != 0 && winding == 0) {
                    any |= emit(y, Math.ceil(start - 0.5), Math.ceil(at[e] - 0.5), width, out);
                }
            }
        }
        return any;
    }

    /** Strokes the open polyline (xs[i], ys[i]) with round ends: every pixel whose centre is within {@code radius}. */
    static void stroke(double[] xs, double[] ys, double radius, int height, int width, Spans out) {
        if (xs.length == 1) {
            dots(xs, ys, radius, height, width, out);
        }
        for (int i = 0; i + 1 < xs.length; i++) {
            segment(xs[i], ys[i], xs[i + 1], ys[i + 1], radius, height, width, out);
        }
    }

    /** A disc of {@code radius} about each point: every pixel whose centre is within it. */
    static void dots(double[] xs, double[] ys, double radius, int height, int width, Spans out) {
        for (int i = 0; i < xs.length; i++) {
            segment(xs[i], ys[i], xs[i], ys[i], radius, height, width, out);
        }
    }

    /** The pixel each point lies in (points on the grid only). */
    static void pixelsUnder(double[] xs, double[] ys, int height, int width, Spans out) {
        for (int i = 0; i < xs.length; i++) {
            double x = Math.floor(xs[i]);
            double y = Math.floor(ys[i]);
            if (x >= 0 && x < width && y >= 0 && y < height) {
                out.span((int) y, (int) x, (int) x + 1);
            }
        }
    }

    /** The capsule of points within {@code r} of the segment (x0, y0)–(x1, y1), row by row (it is convex: one interval a row). */
    private static void segment(double x0, double y0, double x1, double y1, double r, int height, int width, Spans out) {
        int first = (int) clamp(Math.ceil(Math.min(y0, y1) - r - 0.5), 0, height);
        int last = (int) clamp(Math.floor(Math.max(y0, y1) + r - 0.5) + 1, 0, height); // exclusive
        double dx = x1 - x0;
        double dy = y1 - y0;
        double length = Math.hypot(dx, dy);
        for (int y = first; y < last; y++) {
            double yc = y + 0.5;
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double[] disc : new double[][] {{x0, y0}, {x1, y1}}) {
                double h = r * r - (yc - disc[1]) * (yc - disc[1]);
                if (h >= 0) {
                    lo = Math.min(lo, disc[0] - Math.sqrt(h));
                    hi = Math.max(hi, disc[0] + Math.sqrt(h));
                }
            }
            if (length > 0) {
                double[] band = band(x0, y0, dx, dy, length, r, yc);
                if (band != null) {
                    lo = Math.min(lo, band[0]);
                    hi = Math.max(hi, band[1]);
                }
            }
            if (lo <= hi) {
                emit(y, Math.ceil(lo - 0.5), Math.floor(hi - 0.5) + 1, width, out);
            }
        }
    }

    /**
     * Where row {@code yc} meets the band of points projecting inside the segment within {@code r} of its
     * line: an interval [lo, hi], or null.
     */
    private static double[] band(double x0, double y0, double dx, double dy, double length, double r, double yc) {
        double lo = Double.NEGATIVE_INFINITY;
        double hi = Double.POSITIVE_INFINITY;
        double oy = yc - y0;
        // the projection t = ((x - x0) dx + oy dy) / length² within [0, 1]
        if (dx != 0) {
            double a = x0 - oy * dy / dx;
            double b = x0 + (length * length - oy * dy) / dx;
            lo = Math.max(lo, Math.min(a, b));
            hi = Math.min(hi, Math.max(a, b));
        } else {
            double t = oy * dy / (length * length);
            if (t < 0 || t > 1) {
                return null;
            }
        }
        // the distance |(x - x0) dy - oy dx| / length within r
        if (dy != 0) {
            double a = x0 + (oy * dx - r * length) / dy;
            double b = x0 + (oy * dx + r * length) / dy;
            lo = Math.max(lo, Math.min(a, b));
            hi = Math.min(hi, Math.max(a, b));
        } else if (Math.abs(oy) > r) {
            return null;
        }
        return lo <= hi ? new double[] {lo, hi} : null;
    }

    /** Emits pixels {@code from ≤ x < to} of row {@code y}, clipped; returns whether any was left. */
    private static boolean emit(int y, double from, double to, int width, Spans out) {
        int a = (int) clamp(from, 0, width);
        int b = (int) clamp(to, 0, width);
        if (a < b) {
            out.span(y, a, b);
            return true;
        }
        return false;
    }

    private static double clamp(double v, double lo, double hi) {
        return v < lo ? lo : Math.min(v, hi);
    }
}
