package ai.brevetti.kernel;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

/**
 * Runs the Jupyter kernel on a connection file ({@code bin/brevettiai kernel run FILE}, as the kernelspec
 * starts it): watches the parent process, loads startup.jsh (a failure is kept for the first cell), then
 * connects and serves until shutdown. With {@code -Dbrevettiai.kernel.timing=true} it logs its phases on
 * standard error.
 */
public final class KernelMain {
    static final String TIMING_PROPERTY = "brevettiai.kernel.timing";
    static final String PARALLEL_PROPERTY = "brevettiai.kernel.parallelStartup";
    private static final String COMMAND = "brevettiai kernel run";

    private KernelMain() {}

    /** Serves the kernel until it is shut down; returns the exit code. */
    public static int run(Path connectionFile, PrintStream err) {
        long start = System.nanoTime();
        Logs.forNotebooks(System.getenv(), err);
        boolean timing = Boolean.getBoolean(TIMING_PROPERTY);
        ParentWatchdog.start(err);
        KernelConnectionProperties connection;
        try {
            connection = ConnectionFile.read(connectionFile);
        } catch (IllegalArgumentException e) {
            err.println(COMMAND + ": " + e.getMessage());
            return 2;
        } catch (IOException | RuntimeException e) {
            err.println(COMMAND + ": cannot read the connection file " + connectionFile + ": " + e);
            return 2;
        }
        Evaluator evaluator = new Evaluator();
        JupyterKernel kernel = JupyterKernel.create(evaluator);
        log(timing, err, start, "JShell and kernel built");
        if (Boolean.parseBoolean(System.getProperty(PARALLEL_PROPERTY, "true"))) {
            kernel.loadStartupInBackground(err, () -> log(timing, err, start, "startup.jsh loaded"));
        } else {
            try {
                evaluator.loadStartup();
            } catch (SnippetFailure failure) {
                err.println(failure.report());
                err.println("brevettiai kernel: startup.jsh failed; the first cell will show this");
                kernel.reportAtFirstCell(failure);
            }
            log(timing, err, start, "startup.jsh loaded");
        }
        kernel.onStartup();
        JupyterConnection jupyter;
        try {
            jupyter = new JupyterConnection(connection);
            kernel.becomeHandlerForConnection(jupyter);
            jupyter.connect();
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            err.println(COMMAND + ": cannot serve on the connection file " + connectionFile + " (" + connection.getTransport() + "://"
                    + connection.getIp() + ", shell port " + connection.getShellPort() + "): " + e.getMessage());
            kernel.onShutdown(false);
            return 2;
        }
        log(timing, err, start, "connected");
        jupyter.waitUntilClose();
        kernel.onShutdown(false);
        return 0;
    }

    private static void log(boolean timing, PrintStream err, long start, String phase) {
        if (timing) {
            err.printf("brevettiai kernel: %s after %d ms%n", phase, (System.nanoTime() - start) / 1_000_000);
        }
    }
}
