package ai.brevetti.data.image;

import java.util.Locale;

/**
 * The resampling methods of TensorFlow's {@code tf.image.resize}, with its half-pixel centres.
 * {@code nearest} and {@code area} have no kernel (and ignore {@code antialias}, as in TensorFlow);
 * the others are filters of a radius, widened by the scale factor when downscaling with antialias.
 */
public enum ResizeMethod {
    BILINEAR(1), NEAREST(0), BICUBIC(2), AREA(0), LANCZOS3(3), LANCZOS5(5), GAUSSIAN(1.5), MITCHELLCUBIC(2);

    private final double radius;

    ResizeMethod(double radius) {
        this.radius = radius;
    }

    /** The filter's support, in input pixels at scale 1. */
    public double radius() {
        return radius;
    }

    /** Whether the method is a filter kernel ({@link #kernel}); {@code nearest} and {@code area} are not. */
    public boolean hasKernel() {
        return this != NEAREST && this != AREA;
    }

    /** {@code bilinear}, {@code nearest} (or {@code nearest_neighbor}), {@code bicubic}, {@code area}, {@code lanczos3}, … */
    public static ResizeMethod of(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("nearest_neighbor") || n.equals("nearest-neighbor")) {
            return NEAREST;
        }
        for (ResizeMethod m : values()) {
            if (m.toString().equals(n)) {
                return m;
            }
        }
        throw new IllegalArgumentException("Unknown resize method '" + name + "'; use bilinear, nearest, bicubic, area, lanczos3, lanczos5, gaussian or mitchellcubic");
    }

    /** The filter's weight at distance {@code x} (input pixels, after any antialias widening). */
    public double kernel(double x) {
        x = Math.abs(x);
        return switch (this) {
            case BILINEAR -> Math.max(0, 1 - x);
            case BICUBIC -> keysCubic(x);
            case LANCZOS3, LANCZOS5 -> lanczos(x, radius);
            case GAUSSIAN -> x >= radius ? 0 : Math.exp(-x * x / (2 * 0.5 * 0.5));
            case MITCHELLCUBIC -> mitchell(x);
            case NEAREST, AREA -> throw new UnsupportedOperationException(this + " has no kernel");
        };
    }

    /** Keys' cubic convolution with a = -0.5 (TensorFlow's bicubic). */
    private static double keysCubic(double x) {
        if (x >= 2) {
            return 0;
        }
        if (x >= 1) {
            return ((-0.5 * x + 2.5) * x - 4) * x + 2;
        }
        return (1.5 * x - 2.5) * x * x + 1;
    }

    private static double lanczos(double x, double a) {
        if (x >= a) {
            return 0;
        }
        if (x < 1e-3) {
            return 1;
        }
        if (x == Math.rint(x)) {
            return 0; // the zeros at whole distances, exactly (so a same-size resize is the identity)
        }
        double px = Math.PI * x;
        return a * Math.sin(px) * Math.sin(px / a) / (px * px);
    }

    /** Mitchell–Netravali with B = C = 1/3. */
    private static double mitchell(double x) {
        if (x >= 2) {
            return 0;
        }
        if (x >= 1) {
            return ((-7.0 / 18 * x + 2) * x - 10.0 / 3) * x + 16.0 / 9;
        }
        return (7.0 / 6 * x - 2) * x * x + 8.0 / 9;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
