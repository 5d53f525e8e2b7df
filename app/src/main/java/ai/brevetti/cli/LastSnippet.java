package ai.brevetti.cli;

import java.util.Optional;
import jdk.jshell.JShell;
import jdk.jshell.SnippetEvent;

/**
 * The snippet evaluated last in a JShell ({@link DotContinuation.Previous}), from its snippet events: only an
 * event of a snippet evaluated from input (not one whose status changed because of another), so for a line of
 * several snippets, the last of them. Snippets evaluated before {@link #follow} are not seen (startup.jsh). A
 * {@code .} line that fails does not replace it ({@link #continuing()}).
 */
final class LastSnippet {
    private final JShell state;
    private volatile DotContinuation.Previous last;
    private volatile DotContinuation.Previous keptOnFailure;

    private LastSnippet(JShell state) {
        this.state = state;
    }

    /** Follows {@code state}'s evaluations from now on. */
    static LastSnippet follow(JShell state) {
        LastSnippet tracker = new LastSnippet(state);
        state.onSnippetEvent(tracker::seen);
        return tracker;
    }

    JShell state() {
        return state;
    }

    Optional<DotContinuation.Previous> get() {
        return Optional.ofNullable(last);
    }

    /**
     * The next snippets continue the last one ({@code .} line): one that fails (has errors or throws) leaves the
     * snippet above as it was, so a corrected {@code .} line continues it again. Until {@link #newLine()}.
     */
    void continuing() {
        keptOnFailure = last;
    }

    /** The next snippets come from a line of their own: each becomes the snippet above, failed or not. */
    void newLine() {
        keptOnFailure = null;
    }

    private void seen(SnippetEvent event) {
        if (event.causeSnippet() == null) {
            var seen = new DotContinuation.Previous(event.snippet(), event.status(), event.exception() != null);
            DotContinuation.Previous kept = keptOnFailure;
            boolean failed = seen.status() != jdk.jshell.Snippet.Status.VALID || seen.threw();
            last = kept != null && failed ? kept : seen;
        }
    }
}
