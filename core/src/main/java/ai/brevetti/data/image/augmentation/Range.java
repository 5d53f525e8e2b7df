package ai.brevetti.data.image.augmentation;

import java.util.SplittableRandom;

/**
 * A closed interval {@code [low, high]} that random parameters are drawn from uniformly. A scalar
 * {@code s} in the Python API means {@code [-s, s]}: {@link #symmetric(double)}.
 */
public record Range(double low, double high) {
    public Range {
        problem(low, high).ifPresent(why -> {
            throw new IllegalArgumentException("range [" + low + ", " + high + "]: " + why);
        });
    }

    private static java.util.Optional<String> problem(double low, double high) {
        if (!Double.isFinite(low) || !Double.isFinite(high)) {
            return java.util.Optional.of("both ends must be finite numbers");
        }
        if (low > high) {
            return java.util.Optional.of("min must be <= max (swap them: [" + high + ", " + low + "])");
        }
        return java.util.Optional.empty();
    }

    /** {@code [-s, s]} (a negative {@code s} means the same as its magnitude). */
    public static Range symmetric(double s) {
        double m = Math.abs(s);
        return new Range(-m, m);
    }

    /** {@link #symmetric(double)} for the option {@code parameter}, which a failure names. */
    public static Range symmetric(String parameter, double s) {
        return of(parameter, -Math.abs(s), Math.abs(s));
    }

    public static Range of(double low, double high) {
        return new Range(low, high);
    }

    /** {@code [low, high]} for the option {@code parameter}, which a failure names: "rotate range [5.0, -5.0]: min must be <= max …". */
    public static Range of(String parameter, double low, double high) {
        problem(low, high).ifPresent(why -> {
            throw new IllegalArgumentException(parameter + " range [" + low + ", " + high + "]: " + why);
        });
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
