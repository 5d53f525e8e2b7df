package ai.brevetti.data.image.augmentation;

import java.util.SplittableRandom;

/**
 * A closed interval {@code [low, high]} that random parameters are drawn from uniformly. A scalar
 * {@code s} in the Python API means {@code [-s, s]}: {@link #symmetric(double)}.
 */
public record Range(double low, double high) {
    public Range {
        if (!(low <= high)) {
            throw new IllegalArgumentException("A range needs low <= high, not (" + low + ", " + high + ")");
        }
    }

    /** {@code [-s, s]} (a negative {@code s} means the same as its magnitude). */
    public static Range symmetric(double s) {
        double m = Math.abs(s);
        return new Range(-m, m);
    }

    public static Range of(double low, double high) {
        return new Range(low, high);
    }

    /** The single value {@code v}. */
    public static Range fixed(double v) {
        return new Range(v, v);
    }

    /**
     * One uniform draw; always consumes exactly one value from {@code r} (also for a fixed range), so
     * later draws do not depend on the range's width.
     */
    public double draw(SplittableRandom r) {
        double u = r.nextDouble();
        return low == high ? low : low + (high - low) * u;
    }

    @Override
    public String toString() {
        return "(" + low + ", " + high + ")";
    }
}
