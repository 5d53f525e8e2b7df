package ai.brevetti.internal;

import ai.brevetti.kernel.Display;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a long task: in a notebook cell, one output line updated in place a few times a second
 * (from the first quarter second on); on a terminal, a progress bar on standard error when the task is
 * long enough; nothing otherwise (logs get no flood of redraws). {@code -Dbrevettiai.noProgress=true}
 * turns both off.
 */
public final class Progress implements AutoCloseable {
    /** Tasks with fewer steps than this show no terminal bar. */
    static final long MIN_STEPS = 200;

    private final ProgressBar bar;
    private final NotebookProgress notebook;

    private Progress(ProgressBar bar, NotebookProgress notebook) {
        this.bar = bar;
        this.notebook = notebook;
    }

    /** Starts tracking {@code total} steps of {@code task}. */
    public static Progress start(String task, long total) {
        if (Boolean.getBoolean("brevettiai.noProgress")) {
            return new Progress(null, null);
        }
        if (Display.inKernel()) {
            return new Progress(null, new NotebookProgress(task, total));
        }
        if (total < MIN_STEPS || System.console() == null) {
            return new Progress(null, null);
        }
        return new Progress(new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).showSpeed().build(), null);
    }

    public void step() {
        stepBy(1);
    }

    public void stepBy(long n) {
        if (bar != null) {
            bar.stepBy(n);
        }
        if (notebook != null) {
            notebook.stepBy(n);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
        if (notebook != null) {
            notebook.close();
        }
    }
}
