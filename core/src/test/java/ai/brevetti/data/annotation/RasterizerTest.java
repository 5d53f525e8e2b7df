package ai.brevetti.data.annotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The drawing rules: pixel centres, non-zero winding, top-left ties, strokes and dots by distance, clipping. */
class RasterizerTest {
    private static boolean[][] fill(double[] xs, double[] ys, int h, int w) {
        boolean[][] out = new boolean[h][w];
        Rasterizer.fillPolygon(xs, ys, h, w, (y, x0, x1) -> {
            for (int x = x0; x < x1; x++) {
                assertFalse(out[y][x], "each pixel is emitted once");
                out[y][x] = true;
            }
        });
        return out;
    }

    private static int count(boolean[][] mask) {
        int n = 0;
        for (boolean[] row : mask) {
            for (boolean b : row) {
                n += b ? 1 : 0;
            }
        }
        return n;
    }

    /** The winding number of the polygon about (px, py), by the same half-open crossing rule, computed independently. */
    private static int winding(double[] xs, double[] ys, double px, double py) {
        int w = 0;
        for (int i = 0; i < xs.length; i++) {
            double xa = xs[i], ya = ys[i], xb = xs[(i + 1) % xs.length], yb = ys[(i + 1) % xs.length];
            if (ya <= py && py < yb && (xb - xa) * (py - ya) - (px - xa) * (yb - ya) > 0) {
                w++; // upward edge (in y) with the point on its left
            } else if (yb <= py && py < ya && (xb - xa) * (py - ya) - (px - xa) * (yb - ya) < 0) {
                w--;
            }
        }
        return w;
    }

    @Test
    void aRectangleCoversThePixelsWhoseCentresItHoldsLeftAndTopEdgesIncluded() {
        boolean[][] m = fill(new double[] {10, 30, 30, 10}, new double[] {20, 20, 40, 40}, 50, 50);
        assertEquals(400, count(m), "(10, 20)-(30, 40) is 20 x 20 pixels, as its area");
        assertTrue(m[20][10] && m[39][29]);
        assertFalse(m[40][29] || m[39][30] || m[19][10] || m[20][9]);
        // two rectangles sharing an edge share no pixel; together they cover their joint area
        boolean[][] right = fill(new double[] {30, 45, 45, 30}, new double[] {20, 20, 40, 40}, 50, 50);
        for (int y = 0; y < 50; y++) {
            for (int x = 0; x < 50; x++) {
                assertFalse(m[y][x] && right[y][x], "shared pixel " + x + "," + y);
            }
        }
        assertEquals(300, count(right));
        // the same rectangle given the other way round
        assertEquals(400, count(fill(new double[] {10, 10, 30, 30}, new double[] {20, 40, 40, 20}, 50, 50)));
    }

    @Test
    void randomPolygonsMatchTheWindingNumberAtEachPixelCentre() {
        SplittableRandom r = new SplittableRandom(7);
        for (int t = 0; t < 200; t++) {
            int n = 3 + r.nextInt(9);
            double[] xs = new double[n];
            double[] ys = new double[n];
            for (int i = 0; i < n; i++) {
                xs[i] = -10 + 60 * r.nextDouble();
                ys[i] = -10 + 50 * r.nextDouble();
            }
            boolean[][] m = fill(xs, ys, 30, 40);
            for (int y = 0; y < 30; y++) {
                for (int x = 0; x < 40; x++) {
                    assertEquals(winding(xs, ys, x + 0.5, y + 0.5) != 0, m[y][x], "polygon " + t + " at pixel " + x + "," + y);
                }
            }
        }
    }

    @Test
    void aSelfOverlappingOutlineFillsByNonZeroWindingAndFarCoordinatesAreClipped() {
        // a loop drawn twice round: winding 2 inside, filled
        double[] xs = {2, 8, 8, 2, 2, 8, 8, 2};
        double[] ys = {2, 2, 8, 8, 2, 2, 8, 8};
        assertEquals(36, count(fill(xs, ys, 10, 10)));
        boolean[][] huge = fill(new double[] {-1e12, 1e12, 1e12, -1e12}, new double[] {-1e12, -1e12, 5, 5}, 10, 10);
        assertEquals(50, count(huge), "rows 0..4 of a 10-wide grid");
        assertEquals(0, count(fill(new double[] {100, 120, 110}, new double[] {100, 100, 120}, 10, 10)), "outside: nothing");
    }

    private static boolean[][] spans(int h, int w, java.util.function.Consumer<Rasterizer.Spans> draw) {
        boolean[][] out = new boolean[h][w];
        draw.accept((y, x0, x1) -> {
            for (int x = x0; x < x1; x++) {
                out[y][x] = true;
            }
        });
        return out;
    }

    @Test
    void strokesAreThePixelsWithinHalfTheWidthOfTheLine() {
        SplittableRandom r = new SplittableRandom(3);
        for (int t = 0; t < 100; t++) {
            double[] xs = {40 * r.nextDouble(), 40 * r.nextDouble(), 40 * r.nextDouble()};
            double[] ys = {30 * r.nextDouble(), 30 * r.nextDouble(), 30 * r.nextDouble()};
            double radius = 0.3 + 3 * r.nextDouble();
            boolean[][] m = spans(30, 40, s -> Rasterizer.stroke(xs, ys, radius, 30, 40, s));
            for (int y = 0; y < 30; y++) {
                for (int x = 0; x < 40; x++) {
                    double d = Math.min(distance(x + 0.5, y + 0.5, xs[0], ys[0], xs[1], ys[1]),
                            distance(x + 0.5, y + 0.5, xs[1], ys[1], xs[2], ys[2]));
                    if (Math.abs(d - radius) > 1e-9) {
                        assertEquals(d <= radius, m[y][x], "line " + t + " (r " + radius + ") at " + x + "," + y + ", distance " + d);
                    }
                }
            }
        }
        // a 1-pixel line along a row of centres is that row; across x it is one pixel per column
        boolean[][] row = spans(10, 10, s -> Rasterizer.stroke(new double[] {0.5, 9.5}, new double[] {4.5, 4.5}, 0.5, 10, 10, s));
        assertEquals(10, count(row));
        boolean[][] diagonal = spans(20, 20, s -> Rasterizer.stroke(new double[] {0, 20}, new double[] {3, 13}, 0.5, 20, 20, s));
        for (int x = 0; x < 20; x++) {
            int column = x;
            assertTrue(java.util.stream.IntStream.range(0, 20).anyMatch(y -> diagonal[y][column]), "column " + x + " of a shallow line");
        }
    }

    private static double distance(double px, double py, double ax, double ay, double bx, double by) {
        double dx = bx - ax, dy = by - ay;
        double l2 = dx * dx + dy * dy;
        double t = l2 == 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / l2));
        return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
    }

    @Test
    void dotsArePixelsWithinTheRadiusAndPixelsUnderArePointsFloored() {
        boolean[][] dot = spans(20, 20, s -> Rasterizer.dots(new double[] {10}, new double[] {10}, 3, 20, 20, s));
        int expected = 0;
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 20; x++) {
                expected += Math.hypot(x + 0.5 - 10, y + 0.5 - 10) <= 3 ? 1 : 0;
            }
        }
        assertEquals(expected, count(dot));
        boolean[][] under = spans(5, 5, s -> Rasterizer.pixelsUnder(new double[] {2.0, 4.99, 5.0, -0.01}, new double[] {3.7, 0, 1, 1}, 5, 5, s));
        assertTrue(under[3][2] && under[0][4]);
        assertEquals(2, count(under), "points on or past the right edge, or left of 0, are outside");
    }
}
