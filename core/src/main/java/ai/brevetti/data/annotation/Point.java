package ai.brevetti.data.annotation;

/**
 * A point of a shape, in pixels of the full image: {@code x} to the right, {@code y} down, the image's
 * top-left corner at (0, 0), so pixel (i, j) covers {@code [i, i + 1) × [j, j + 1)} and its centre is at
 * (i + ½, j + ½).
 */
public record Point(double x, double y) {
    public Point {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            throw new IllegalArgumentException("A point has finite coordinates, not (" + x + ", " + y + ")");
        }
    }
}
