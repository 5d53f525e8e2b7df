package ai.brevetti.internal;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a long task: in a notebook cell, one output line updated in place a few times a second
 * (from the first quarter second on); on a terminal, a progress bar on standard error when the task is
 * long enough; nothing otherwise (logs get no flood of redraws). {@code -Dbrevettiai.noProgress=true}
 * turns both off. The notebook is reached through the {@link NotebookOutput} service the kernel provides.
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
        Optional<NotebookOutput> cell = notebook();
        if (cell.isPresent()) {
            return new Progress(null, new NotebookProgress(task, total, cell.get()));
        }
        if (total < MIN_STEPS || System.console() == null) {
            return new Progress(null, null);
        }
        return new Progress(new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).showSpeed().build(), null);
    }

    /** The outputs of the notebook cell that runs now, if a provider (the kernel) is present and a cell runs. */
    static Optional<NotebookOutput> notebook() {
        return Providers.ALL.stream().filter(NotebookOutput::active).findFirst();
    }

    /** The {@link NotebookOutput} providers, loaded once. */
    private static final class Providers {
        static final List<NotebookOutput> ALL = ServiceLoader.load(NotebookOutput.class, NotebookOutput.class.getClassLoader())
                .stream().map(ServiceLoader.Provider::get).toList();
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
