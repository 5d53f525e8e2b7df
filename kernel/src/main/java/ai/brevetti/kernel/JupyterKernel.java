package ai.brevetti.kernel;

import ai.brevetti.platform.JobTracker;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.BaseKernelBuilder;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;

/**
 * The Jupyter kernel: cells are evaluated by the same {@link Evaluator} as {@code bin/brevettiai run}
 * (several snippets per cell, startup.jsh preloaded), the value of a cell's last expression is shown
 * through the {@link KernelRenderers renderer}, and a failing snippet ends the cell with an error naming
 * the cell's line ({@code In[3]:2: error: cannot find symbol}, or the exception and the user's frames).
 * An interrupt stops the running cell ({@link Evaluator#stop()}); the kernel goes on.
 */
public final class JupyterKernel extends BaseKernel {
    static final String NAME = "brevettiai-java";
    private static final String RED = "\u001b[1;31m";
    private static final String RESET = "\u001b[0m";

    private final Evaluator evaluator;
    private final CodeAnalysis analysis;
    /** A failure of startup.jsh not yet shown: the first cell reports it. */
    private final AtomicReference<SnippetFailure> startupFailure = new AtomicReference<>();
    /** Done when startup.jsh has been evaluated (or failed): cells, completions and inspections wait for it. */
    private volatile CompletableFuture<Void> startupDone = CompletableFuture.completedFuture(null);
    private volatile boolean shutDown;
    /** The report of the last cell when it failed; null when it succeeded. */
    private final AtomicReference<String> lastFailure = new AtomicReference<>();
    /** The jobs the notebook starts, from {@link #onStartup()}: ended when the kernel shuts down (or its process ends). */
    private volatile RunEnd jobs;

    private JupyterKernel(String name, String version, HistoryManager history, JupyterIO io, CommManager comms,
            Renderer renderer, MagicsRegistry magics, StringStyler errorStyler, Evaluator evaluator) {
        super(name, version, languageInfo(), helpLinks(), history, io, comms, renderer,
                null /* no magics: a cell is Java snippets (and /open) only */, magics, false, errorStyler);
        this.evaluator = evaluator;
        this.analysis = new CodeAnalysis(evaluator);
    }

    /** A kernel evaluating with {@code evaluator} (startup.jsh already loaded or failed, see {@link #reportAtFirstCell}). */
    public static JupyterKernel create(Evaluator evaluator) {
        Builder builder = new Builder(evaluator);
        builder.name(NAME).version(version());
        return builder.build();
    }

    private static String version() {
        String v = JupyterKernel.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    private static LanguageInfo languageInfo() {
        // "script" as exporter: nbconvert --to script gives a .jsh file ("java" is no exporter name)
        return new LanguageInfo("java", Runtime.version().toString(), "text/x-java-source", ".jsh", "java", "java", "script");
    }

    private static List<HelpLink> helpLinks() {
        return List.of(new HelpLink("Java " + Runtime.version().feature() + " API",
                "https://docs.oracle.com/en/java/javase/" + Runtime.version().feature() + "/docs/api/index.html"));
    }

    @Override
    public String getBanner() {
        return "brevettiai-java " + getVersion() + " on Java " + Runtime.version() + " (JShell)";
    }

    /** Keeps a startup.jsh failure to show as the first cell's error (the cell itself is then not run). */
    public void reportAtFirstCell(SnippetFailure failure) {
        startupFailure.set(failure);
    }

    /**
     * Evaluates startup.jsh on a thread of its own, so that it overlaps connecting and the client's
     * handshake; every request that needs JShell waits until it is done. A failure is logged on
     * {@code log} and kept for the first cell.
     */
    public void loadStartupInBackground(PrintStream log, Runnable whenDone) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        startupDone = done;
        Thread thread = new Thread(() -> {
            try {
                evaluator.loadStartup();
            } catch (SnippetFailure failure) {
                log.println(failure.report());
                log.println("brevettiai kernel: startup.jsh failed; the first cell will show this");
                reportAtFirstCell(failure);
            } catch (RuntimeException | Error e) {
                reportAtFirstCell(new SnippetFailure(StartupScript.name(), 0, "error: " + e, List.of(), null));
            } finally {
                done.complete(null);
                whenDone.run();
            }
        }, "startup.jsh");
        thread.setDaemon(true);
        thread.start();
    }

    private void awaitStartup() {
        startupDone.join();
    }

    public Evaluator evaluator() {
        return evaluator;
    }

    /** The number the running (or next) cell shows as {@code In[n]}. */
    private int cellNumber() {
        return Math.max(1, executionCount.get() - 1);
    }

    @Override
    public Object evalRaw(String code) {
        String source = "In[" + cellNumber() + "]";
        awaitStartup();
        SnippetFailure startup = startupFailure.getAndSet(null);
        if (startup != null) {
            throw CellError.ofStartup(startup);
        }
        Optional<Evaluator.Value> value;
        try {
            value = evaluator.eval(code, source, 1);
            lastFailure.set(null);
        } catch (SnippetFailure failure) {
            lastFailure.set(failure.report());
            throw new CellError(failure);
        } catch (ExitRequest exit) {
            lastFailure.set(source + ": /exit " + exit.code());
            throw new CellError(source + ": /exit ends scripts, not the kernel (use the notebook's Shutdown, or System.exit("
                    + exit.code() + "), which ends the kernel process)", List.of());
        }
        if (value.isEmpty()) {
            return null;
        }
        Object object = value.get().object();
        if (object != null) {
            return object;
        }
        String text = value.get().text();
        return text == null || text.equals("null") ? null : new DisplayData(text);
    }

    @Override
    public DisplayData inspect(String code, int cursor, boolean detail) {
        awaitStartup();
        String doc = analysis.documentation(code, cursor, detail);
        return doc == null ? null : new DisplayData(doc);
    }

    @Override
    public ReplacementOptions complete(String code, int cursor) {
        awaitStartup();
        return analysis.complete(code, cursor);
    }

    @Override
    public String isComplete(String code) {
        awaitStartup();
        return analysis.isComplete(code);
    }

    /** An interrupt request: stops the running cell, which then fails with "interrupted". */
    @Override
    public void interrupt() {
        evaluator.stop();
    }

    @Override
    public List<String> formatError(Throwable e) {
        if (e instanceof CellError cell) {
            List<String> lines = new ArrayList<>();
            List<String> report = cell.lines();
            lines.add(RED + report.get(0) + RESET);
            lines.addAll(report.subList(1, report.size()));
            return lines;
        }
        return super.formatError(e);
    }

    /** The kernel starts serving: the jobs its cells start are tracked from now on. */
    @Override
    public void onStartup() {
        super.onStartup();
        if (jobs == null) {
            jobs = new RunEnd(JobTracker.start(), System.err, "brevettiai kernel: ").onJvmExit(this::failure);
        }
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        if (shutDown) {
            return;
        }
        shutDown = true;
        try {
            super.onShutdown(isRestarting);
        } finally {
            evaluator.stop();
            endJobs();
            evaluator.close();
        }
    }

    /**
     * Ends the notebook's jobs: when the last cell failed, each job still running is reported failed with
     * that cell's error (a notebook run stops at its first failing cell); otherwise they stay running (a
     * later session may go on with them, as the demo job does) and only their resources are released.
     */
    private void endJobs() {
        RunEnd run = jobs;
        if (run != null) {
            run.end(0, failure());
        }
    }

    private Optional<String> failure() {
        return Optional.ofNullable(lastFailure.get()).map(report -> report + "\n(the kernel shut down after this cell failed)");
    }

    /** jjava's builder, for its defaults (I/O streams, comms, error styles). */
    private static final class Builder extends BaseKernelBuilder<Builder, JupyterKernel> {
        private final Evaluator evaluator;

        Builder(Evaluator evaluator) {
            this.evaluator = evaluator;
        }

        @Override
        public JupyterKernel build() {
            Renderer renderer = new Renderer();
            KernelRenderers.register(renderer, new VegaHtml());
            return new JupyterKernel(buildName(), buildVersion(), buildHistoryManager(), buildJupyterIO(buildJupyterIOEncoding()),
                    buildCommManager(), renderer, buildMagicsRegistry(), buildErrorStyler(), evaluator);
        }
    }
}
