package ai.brevetti.cli;

/**
 * The value a {@code .} line typed at the shell computes for a {@code var} whose type changes
 * ({@link DotContinuation}): {@code keep(s.first())} runs the chain, then {@code var s = ChainValue.<T>kept()}
 * declares the variable again with it (JShell cannot refer to the old {@code s} in the new one's initializer).
 * Public because the shell's snippets call it; not for other use.
 */
public final class ChainValue {
    private static volatile Object kept;

    private ChainValue() {
    }

    /** Holds the continued value until {@link #kept()} takes it (a type argument checks the value fits the variable). */
    public static <T> void keep(T value) {
        kept = value;
    }

    /** The value {@link #keep} held (typed as the snippet's variable), no longer held. */
    @SuppressWarnings("unchecked")
    public static <T> T kept() {
        Object value = kept;
        kept = null;
        return (T) value;
    }
}
