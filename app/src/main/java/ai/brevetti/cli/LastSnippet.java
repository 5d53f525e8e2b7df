package ai.brevetti.cli;

import java.util.Optional;
import jdk.jshell.JShell;
import jdk.jshell.SnippetEvent;

/**
 * The snippet evaluated last in a JShell ({@link DotContinuation.Previous}), from its snippet events: only an
 * event of a snippet evaluated from input (not one whose status changed because of another), so for a line of
 * several snippets, the last of them. Snippets evaluated before {@link #follow} are not seen (startup.jsh).
 */
final class LastSnippet {
    private final JShell state;
    private volatile DotContinuation.Previous last;

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

    private void seen(SnippetEvent event) {
        if (event.causeSnippet() == null) {
            last = new DotContinuation.Previous(event.snippet(), event.status(), event.exception() != null);
        }
    }
}
