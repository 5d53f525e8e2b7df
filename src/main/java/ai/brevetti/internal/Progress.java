package ai.brevetti.internal;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a long task: a progress bar on the terminal's standard error when there is a terminal and
 * the task is long enough, nothing otherwise (logs and notebooks get no flood of redraws).
 */
public final class Progress implements AutoCloseable {
    /** Tasks with fewer steps than this show no bar. */
    static final long MIN_STEPS = 200;

    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    /** Starts tracking {@code total} steps of {@code task}. */
    public static Progress start(String task, long total) {
        boolean show = total >= MIN_STEPS && System.console() != null && !Boolean.getBoolean("brevettiai.noProgress");
        if (!show) {
            return new Progress(null);
        }
        return new Progress(new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).showSpeed().build());
    }

    public void step() {
        if (bar != null) {
            bar.step();
        }
    }

    public void stepBy(long n) {
        if (bar != null) {
            bar.stepBy(n);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
