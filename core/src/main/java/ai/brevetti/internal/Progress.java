package ai.brevetti.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a long task (files listed, hashed, uploaded; batches trained or predicted): in a notebook
 * cell, one output line updated in place a few times a second (from the first quarter second on); on a
 * terminal, a progress bar on standard error once the task has run a second; nothing otherwise, so logs,
 * pipes and tests' captured output get no redraws.
 *
 * <p>Where it shows is the {@link Mode}: {@link #setMode} (the public {@code ai.brevetti.io.ProgressMode}),
 * else the system property {@value #PROPERTY}, else the environment variable {@value #ENV}
 * ({@code auto}, {@code always}, {@code never}), else {@code auto}. {@code -Dbrevettiai.noProgress=true}
 * still means {@code never}. The notebook is reached through the {@link NotebookOutput} service the
 * kernel provides. {@link #listen Listeners} see every update whatever the mode (tests use them).
 */
public final class Progress implements AutoCloseable {
    /** The system property that chooses the {@link Mode}. */
    public static final String PROPERTY = "brevettiai.progress";
    /** The environment variable that chooses the {@link Mode} when the property is not set. */
    public static final String ENV = "BREVETTIAI_PROGRESS";

    /** Where progress shows. */
    public enum Mode {
        /** In a notebook cell, or on a terminal (standard input and output both a terminal); nowhere else. */
        AUTO,
        /** In a notebook cell, else on standard error even when it is not a terminal (a log of a long job). */
        ALWAYS,
        /** Nowhere. */
        NEVER
    }

    /** Where one task's progress goes. */
    enum Target { NONE, NOTEBOOK, TERMINAL }

    /** One state of a task, as {@link Listener}s see it. */
    public record Update(String task, long done, long total, String status, boolean finished) {}

    /** Sees every step, status and end of every task (whatever the mode), on the thread that made it. */
    public interface Listener {
        void update(Update update);
    }

    /** The terminal bar appears once a task has run this long (a shorter task shows nothing). */
    static volatile long terminalDelayMillis = 1000;
    /** Where the terminal bar goes (null: {@code System.err}); tests point it elsewhere. */
    static volatile PrintStream terminal;

    private static volatile Mode chosen;
    private static final List<Listener> LISTENERS = new CopyOnWriteArrayList<>();

    private final String task;
    private final long total;
    private final Target target;
    private final long startNanos = System.nanoTime();
    private final AtomicLong done = new AtomicLong();
    private final NotebookProgress notebook;
    private volatile String status = "";
    private volatile ProgressBar bar;
    private volatile boolean closed;

    private Progress(String task, long total, Target target, NotebookProgress notebook) {
        this.task = task;
        this.total = Math.max(0, total);
        this.target = target;
        this.notebook = notebook;
    }

    /** Starts tracking {@code total} steps of {@code task} (0 or less: the total is not known). */
    public static Progress start(String task, long total) {
        Mode mode = mode();
        Optional<NotebookOutput> cell = mode == Mode.NEVER ? Optional.empty() : notebook();
        Target target = target(mode, cell.isPresent(), System.console() != null);
        NotebookProgress line = target == Target.NOTEBOOK ? new NotebookProgress(task, total, cell.get()) : null;
        Progress progress = new Progress(task, total, target, line);
        progress.tell(false);
        return progress;
    }

    /** Where a task's progress goes in {@code mode}, with or without a running notebook cell and a terminal. */
    static Target target(Mode mode, boolean notebookCell, boolean console) {
        if (mode == Mode.NEVER) {
            return Target.NONE;
        }
        if (notebookCell) {
            return Target.NOTEBOOK;
        }
        return mode == Mode.ALWAYS || console ? Target.TERMINAL : Target.NONE;
    }

    /** The mode now: {@link #setMode}'s, else the property's, else the environment variable's, else {@code AUTO}. */
    public static Mode mode() {
        Mode m = chosen;
        return m != null ? m : resolve(System.getProperty(PROPERTY), Boolean.getBoolean("brevettiai.noProgress"), System.getenv(ENV));
    }

    /** Chooses the mode for the process (null: back to the property and the environment variable). */
    public static void setMode(Mode mode) {
        chosen = mode;
    }

    /** The mode the property (or the old {@code noProgress} flag) and the environment variable give. */
    static Mode resolve(String property, boolean noProgress, String env) {
        if (property != null && !property.isBlank()) {
            return parse(property, "-D" + PROPERTY);
        }
        if (noProgress) {
            return Mode.NEVER;
        }
        if (env != null && !env.isBlank()) {
            return parse(env, ENV);
        }
        return Mode.AUTO;
    }

    /** {@code auto}, {@code always} or {@code never} (also {@code true}/{@code false}); an error naming {@code source} otherwise. */
    public static Mode parse(String value, String source) {
        switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "auto":
                return Mode.AUTO;
            case "always":
            case "true":
            case "on":
                return Mode.ALWAYS;
            case "never":
            case "false":
            case "off":
                return Mode.NEVER;
            default:
                throw new IllegalArgumentException(source + " is '" + value + "'; give auto (a notebook or a terminal only), always"
                        + " (also when the output is not a terminal) or never");
        }
    }

    /** Adds a listener of every task's updates; closing the result removes it. */
    public static AutoCloseable listen(Listener listener) {
        LISTENERS.add(listener);
        return () -> LISTENERS.remove(listener);
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

    /** {@code n} more steps done (from any thread). */
    public void stepBy(long n) {
        done.addAndGet(n);
        if (notebook != null) {
            notebook.stepBy(n, status);
        }
        if (target == Target.TERMINAL) {
            ProgressBar b = terminalBar();
            if (b != null) {
                b.stepTo(done.get());
            }
        }
        tell(false);
    }

    /** {@code in}, stepping this task by every byte read from it (a task counted in bytes). */
    public InputStream counting(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    stepBy(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    stepBy(n);
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                long skipped = super.skip(n);
                if (skipped > 0) {
                    stepBy(skipped);
                }
                return skipped;
            }
        };
    }

    /** A short text shown after the counts until the next one (the loss of the last batch, say). */
    public void status(String text) {
        status = text == null ? "" : text;
        ProgressBar b = bar;
        if (b != null) {
            b.setExtraMessage(extra(status));
        }
        tell(false);
    }

    /** The status as the bar's extra message, apart from the speed before it. */
    private static String extra(String status) {
        return status.isEmpty() ? "" : " " + status;
    }

    /** The steps done so far. */
    public long done() {
        return done.get();
    }

    /** The total (0: not known). */
    public long total() {
        return total;
    }

    /** Steps per second so far. */
    public double rate() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return seconds > 0 ? done.get() / seconds : 0;
    }

    /** Where this task's progress goes: a notebook line, a terminal bar or nowhere. */
    Target target() {
        return target;
    }

    /** The terminal bar, made once the task has run {@link #terminalDelayMillis} (null before). */
    private ProgressBar terminalBar() {
        ProgressBar b = bar;
        if (b != null || closed || System.nanoTime() - startNanos < terminalDelayMillis * 1_000_000) {
            return b;
        }
        synchronized (this) {
            if (bar == null && !closed) {
                PrintStream out = terminal != null ? terminal : System.err;
                ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName(task).setInitialMax(total > 0 ? total : -1)
                        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).showSpeed()
                        .startsFrom(done.get(), Duration.ofNanos(System.nanoTime() - startNanos));
                if (terminal != null || System.console() == null) {
                    builder.setConsumer(new ConsoleProgressBarConsumer(out, 100));
                }
                ProgressBar made = builder.build();
                made.setExtraMessage(extra(status));
                bar = made;
            }
            return bar;
        }
    }

    private void tell(boolean finished) {
        if (LISTENERS.isEmpty()) {
            return;
        }
        Update update = new Update(task, done.get(), total, status, finished);
        for (Listener l : LISTENERS) {
            l.update(update);
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        ProgressBar b = bar;
        if (b != null) {
            b.stepTo(done.get());
            b.close();
        }
        if (notebook != null) {
            notebook.close(status);
        }
        tell(true);
    }
}
