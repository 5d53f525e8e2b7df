package ai.brevetti.internal;

/** Seed arithmetic: independent, reproducible streams from (seed, salt) pairs. */
public final class Seeds {
    private Seeds() {}

    /** SplitMix64 of {@code seed} and {@code salt}. */
    public static long mix(long seed, long salt) {
        long z = seed * 0x9E3779B97F4A7C15L + salt + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
