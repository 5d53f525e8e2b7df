package ai.brevetti.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * A cell failed: a snippet did not compile, threw, or was interrupted. Its message is the report's first
 * line ({@code In[3]:2: error: cannot find symbol}); the notebook's traceback is the whole report.
 */
public final class CellError extends RuntimeException {
    private final List<String> lines;

    CellError(SnippetFailure failure) {
        this(failure.report().split("\n")[0], List.of(failure.report().split("\n")));
    }

    CellError(String message, List<String> lines) {
        super(message, null, false, false);
        List<String> all = new ArrayList<>();
        if (lines.isEmpty()) {
            all.add(message);
        } else {
            all.addAll(lines);
        }
        this.lines = List.copyOf(all);
    }

    static CellError ofStartup(SnippetFailure failure) {
        List<String> lines = new ArrayList<>(List.of(failure.report().split("\n")));
        lines.add("startup.jsh failed when the kernel started, so its imports and definitions may be missing;"
                + " this cell was not run: run it again to go on without them, or fix startup.jsh and restart the kernel.");
        return new CellError("startup.jsh failed: " + lines.get(0), lines);
    }

    /** The report: the first line, then the source with a caret or the user's frames. */
    public List<String> lines() {
        return lines;
    }
}
