package ai.brevetti.kernel;

import ai.brevetti.internal.ErrorReport;
import java.util.ArrayList;
import java.util.List;

/**
 * A cell failed: a snippet did not compile, threw, or was interrupted. Its message is the report's first
 * line ({@code In[3]:2: error: cannot find symbol}); the notebook's traceback is the short report and the
 * frames of the notebook's code ({@link #notebookLines}).
 */
public final class CellError extends RuntimeException {
    private final List<String> lines;

    CellError(SnippetFailure failure) {
        this(failure.headline(), notebookLines(failure, ErrorReport.stackTracesWanted()));
    }

    /**
     * What a notebook shows: the short report (first line, telling causes), then the frames in the
     * notebook's own code ({@code at check (In[3]:2)}); every frame with BREVETTIAI_STACKTRACE=1.
     */
    static List<String> notebookLines(SnippetFailure failure, boolean stackTrace) {
        if (stackTrace || !failure.isThrown()) {
            return List.of(failure.report(stackTrace).split("\n"));
        }
        List<String> lines = new ArrayList<>();
        for (String line : failure.report().split("\n")) {
            if (!line.startsWith("\tat ")) {
                lines.add(line);
            }
        }
        lines.addAll(failure.userFrames());
        return lines;
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
        List<String> lines = new ArrayList<>(notebookLines(failure, ErrorReport.stackTracesWanted()));
        lines.add("startup.jsh failed when the kernel started, so its imports and definitions may be missing;"
                + " this cell was not run: run it again to go on without them, or fix startup.jsh and restart the kernel.");
        return new CellError("startup.jsh failed: " + lines.get(0), lines);
    }

    /** The report: the first line, then the source with a caret or the user's frames. */
    public List<String> lines() {
        return lines;
    }
}
