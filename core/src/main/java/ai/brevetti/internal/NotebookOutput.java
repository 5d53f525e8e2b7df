package ai.brevetti.internal;

/**
 * Outputs of the notebook cell that runs now: the hook through which code of the core packages (a task's
 * progress) shows in a notebook without depending on the kernel. The kernel provides it as a service
 * ({@code META-INF/services/ai.brevetti.internal.NotebookOutput}); without a provider, or when no cell
 * runs, there is no notebook ({@link Progress} then uses the terminal).
 */
public interface NotebookOutput {

    /** Whether a notebook cell runs now (a kernel serves and its display is attached). */
    boolean active();

    /** Shows {@code text} (text/plain) and {@code html} (text/html) as one output that {@link Updatable#update} replaces in place. */
    Updatable show(String text, String html);

    /** An output shown by {@link #show}. */
    interface Updatable {
        /** Replaces the output's content. */
        void update(String text, String html);
    }
}
