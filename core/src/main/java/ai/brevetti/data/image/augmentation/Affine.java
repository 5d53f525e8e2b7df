package ai.brevetti.data.image.augmentation;

/**
 * A 2-D affine map as a 2×3 matrix acting on {@code (x, y, 1)}, with {@code x} the column and {@code y}
 * the row, in pixel-index coordinates (pixel centres at whole numbers):
 * <pre>
 *   x' = a·x + b·y + c
 *   y' = d·x + e·y + f
 * </pre>
 * In {@link Warp} the map goes from output to input coordinates (where each output pixel is read
 * from). {@link #then} and {@link #times} compose; all factories build maps about the origin, and
 * {@link #aboutCentre} moves one to an image's centre.
 */
public record Affine(double a, double b, double c, double d, double e, double f) {
    public static final Affine IDENTITY = new Affine(1, 0, 0, 0, 1, 0);

    public static Affine translation(double tx, double ty) {
        return new Affine(1, 0, tx, 0, 1, ty);
    }

    /** Scales x by {@code sx} and y by {@code sy}; negative factors flip. */
    public static Affine scaling(double sx, double sy) {
        return new Affine(sx, 0, 0, 0, sy, 0);
    }

    /** Rotation by {@code degrees} (counter-clockwise in x-right, y-up axes; clockwise on screen, where y points down). */
    public static Affine rotation(double degrees) {
        double cos;
        double sin;
        // whole quarter turns exactly, so 90° maps pixel centres onto pixel centres
        if (degrees % 90 == 0) {
            int q = Math.floorMod((int) (degrees / 90), 4);
            cos = q == 0 ? 1 : q == 2 ? -1 : 0;
            sin = q == 1 ? 1 : q == 3 ? -1 : 0;
        } else {
            double t = Math.toRadians(degrees);
            cos = Math.cos(t);
            sin = Math.sin(t);
        }
        return new Affine(cos, -sin, 0, sin, cos, 0);
    }

    /** {@code x' = x + shx·y}, {@code y' = shy·x + y}. */
    public static Affine shear(double shx, double shy) {
        return new Affine(1, shx, 0, shy, 1, 0);
    }

    /** {@code this · other}: apply {@code other} first, then this. */
    public Affine times(Affine o) {
        return new Affine(
                a * o.a + b * o.d, a * o.b + b * o.e, a * o.c + b * o.f + c,
                d * o.a + e * o.d, d * o.b + e * o.e, d * o.c + e * o.f + f);
    }

    /** {@code next · this}: apply this first, then {@code next}. */
    public Affine then(Affine next) {
        return next.times(this);
    }

    /**
     * This map taken about the centre of a {@code height × width} image: {@code T2 · this · T1}, where T1
     * moves the centre {@code ((width-1)/2, (height-1)/2)} to the origin and T2 moves it back.
     */
    public Affine aboutCentre(int height, int width) {
        double cx = (width - 1) / 2.0;
        double cy = (height - 1) / 2.0;
        return translation(cx, cy).times(this).times(translation(-cx, -cy));
    }

    public double mapX(double x, double y) {
        return a * x + b * y + c;
    }

    public double mapY(double x, double y) {
        return d * x + e * y + f;
    }

    /** The inverse map (input to output for a warp's matrix). */
    public Affine inverse() {
        double det = a * e - b * d;
        if (det == 0 || !Double.isFinite(det)) {
            throw new IllegalStateException("The map " + this + " cannot be inverted");
        }
        double ia = e / det;
        double ib = -b / det;
        double id = -d / det;
        double ie = a / det;
        return new Affine(ia, ib, -(ia * c + ib * f), id, ie, -(id * c + ie * f));
    }

    /** True when this map changes nothing (compared with {@code ==}, so -0.0 counts as 0). */
    public boolean isIdentity() {
        return a == 1 && b == 0 && c == 0 && d == 0 && e == 1 && f == 0;
    }

    @Override
    public String toString() {
        return "Affine[[" + a + ", " + b + ", " + c + "], [" + d + ", " + e + ", " + f + "]]";
    }
}
