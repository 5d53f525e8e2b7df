package ai.brevetti.kernel;

import java.util.List;

/**
 * A snippet of a script or cell failed to compile or threw. Carries where (source name and line) and a
 * report shaped like the compiler's: {@code job.jsh:12: error: cannot find symbol} plus detail lines.
 */
public final class SnippetFailure extends Exception {
    static final String INTERRUPTED = "interrupted";

    private final String sourceName;
    private final int line;
    private final List<String> details;
    private final String exceptionClass;

    SnippetFailure(String sourceName, int line, String message, List<String> details, String exceptionClass) {
        super(message);
        this.sourceName = sourceName;
        this.line = line;
        this.details = List.copyOf(details);
        this.exceptionClass = exceptionClass;
    }

    public String sourceName() {
        return sourceName;
    }

    /** 1-based line in the source where the failing snippet (or the diagnostic) is. */
    public int line() {
        return line;
    }

    /** Further lines: the offending source with a caret, or the user's stack frames. */
    public List<String> details() {
        return details;
    }

    /** The class of the exception the snippet threw, or null for a compile error. */
    public String exceptionClass() {
        return exceptionClass;
    }

    /** Whether the evaluation was stopped ({@link Evaluator#stop()}) rather than failing by itself. */
    public boolean isInterrupt() {
        return exceptionClass == null && INTERRUPTED.equals(getMessage()) && details.isEmpty();
    }

    /** The whole report, first line {@code source:line: message}. */
    public String report() {
        StringBuilder out = new StringBuilder(sourceName).append(':').append(line).append(": ").append(getMessage());
        for (String d : details) {
            out.append('\n').append(d);
        }
        return out.toString();
    }
}
