package ai.brevetti.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * A snippet of a script or cell failed to compile or threw. Carries where (source name and line) and a
 * report shaped like the compiler's: {@code job.jsh:12: error: cannot find symbol} plus detail lines.
 * <p>
 * A thrown exception is reported short ({@link #report()}): {@code job.jsh:3: JobException: message}, the
 * causes that add to it, and the frames of methods the script defined; {@link #fullReport()} has every
 * frame down to the script's, for {@code --stacktrace} and the log file.
 */
public final class SnippetFailure extends Exception {
    static final String INTERRUPTED = "interrupted";

    private final String sourceName;
    private final int line;
    private final List<String> details;
    private final String exceptionClass;
    private final List<String> shortDetails;
    private final List<String> userFrames;

    SnippetFailure(String sourceName, int line, String message, List<String> details, String exceptionClass) {
        this(sourceName, line, message, details, exceptionClass, details, List.of());
    }

    private SnippetFailure(String sourceName, int line, String message, List<String> details, String exceptionClass,
                           List<String> shortDetails, List<String> userFrames) {
        super(message);
        this.sourceName = sourceName;
        this.line = line;
        this.details = List.copyOf(details);
        this.exceptionClass = exceptionClass;
        this.shortDetails = List.copyOf(shortDetails);
        this.userFrames = List.copyOf(userFrames);
    }

    /**
     * A snippet threw {@code exceptionClass} (its full name).
     *
     * @param causes the causes worth a line, each {@code SimpleName: message}
     * @param userFrames the frames in the user's code, {@code \tat method (source:line)}, innermost first
     * @param frames every frame down to the user's, with the causes' ({@code Caused by: …}) after them
     */
    static SnippetFailure thrown(String sourceName, int line, String exceptionClass, String message, List<String> causes,
                                 List<String> userFrames, List<String> frames) {
        String simple = exceptionClass.substring(exceptionClass.lastIndexOf('.') + 1);
        List<String> brief = new ArrayList<>();
        causes.forEach(c -> brief.add("  caused by: " + c));
        // the snippet's own line is in the report's first line; frames in methods it called say more
        userFrames.stream().filter(f -> !f.startsWith("\tat (")).forEach(brief::add);
        return new SnippetFailure(sourceName, line, simple + (message == null ? "" : ": " + message), frames, exceptionClass,
                brief, userFrames);
    }

    public String sourceName() {
        return sourceName;
    }

    /** 1-based line in the source where the failing snippet (or the diagnostic) is. */
    public int line() {
        return line;
    }

    /** Further lines: the offending source with a caret, or every stack frame down to the user's. */
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

    /** Whether a snippet threw (rather than failing to compile or being stopped): then there is a stack trace. */
    public boolean isThrown() {
        return exceptionClass != null;
    }

    /** The frames in the user's code (script or cell lines), innermost first; empty unless {@link #isThrown()}. */
    public List<String> userFrames() {
        return userFrames;
    }

    /** The first line: {@code source:line: message}. */
    public String headline() {
        return sourceName + ":" + line + ": " + getMessage();
    }

    /**
     * The short report: the first line, then the source with a caret for a compile error, or for a thrown
     * exception its telling causes and the frames of the script's own methods.
     */
    public String report() {
        return join(shortDetails);
    }

    /** The whole report: the first line and every frame down to the user's, with the causes' frames. */
    public String fullReport() {
        return join(details);
    }

    /** {@link #fullReport()} when {@code stackTrace}, else {@link #report()}. */
    public String report(boolean stackTrace) {
        return stackTrace ? fullReport() : report();
    }

    private String join(List<String> lines) {
        StringBuilder out = new StringBuilder(headline());
        for (String d : lines) {
            out.append('\n').append(d);
        }
        return out.toString();
    }
}
