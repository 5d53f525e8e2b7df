package ai.brevetti.kernel;

import ai.brevetti.platform.ContainerFailure;
import ai.brevetti.platform.JobTracker;
import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Ends the jobs of a run (a script, a notebook kernel) exactly once, however the run ends: normally, at a
 * failing snippet or cell, at {@code /exit n}, or with the JVM going down ({@code System.exit} in the
 * script, SIGINT, SIGTERM: a shutdown hook). A failure is reported to every job still running; then the
 * jobs are closed, and what did not reach the platform (a completion, a failure, progress points) is
 * printed. In a SageMaker container, a failed run leaves its reason in {@code /opt/ml/output/failure}
 * ({@link ContainerFailure}).
 */
final class RunEnd {
    private final JobTracker jobs;
    private final PrintStream err;
    private final String prefix;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicReference<String> signal = new AtomicReference<>();
    private Thread hook;
    private Signals.Handlers handlers;

    /** @param prefix starts every printed line, e.g. {@code "brevettiai run: "} */
    RunEnd(JobTracker jobs, PrintStream err, String prefix) {
        this.jobs = jobs;
        this.err = err;
        this.prefix = prefix;
    }

    /**
     * Ends the jobs when the JVM goes down before {@link #end} ran, as failed: {@code whenExiting} says how
     * the run ended then ({@code System.exit}), unless SIGINT or SIGTERM was caught.
     */
    RunEnd onJvmExit(String whenExiting) {
        handlers = Signals.record(signal);
        return onJvmExit(() -> Optional.of(Optional.ofNullable(signal.get())
                .map(s -> "the run was interrupted (" + s + ")").orElse(whenExiting)));
    }

    /**
     * Ends the jobs when the JVM goes down before {@link #end} ran, with the failure {@code failure} gives
     * then (none: the jobs stay running). The JVM's signal handling is left alone (a kernel's SIGINT
     * interrupts a cell).
     */
    RunEnd onJvmExit(Supplier<Optional<String>> failure) {
        hook = new Thread(() -> end(0, failure.get()), "brevettiai-run-end");
        Runtime.getRuntime().addShutdownHook(hook);
        return this;
    }

    /**
     * Ends every job of the run (once; later calls return {@code code}).
     *
     * @param code the run's exit code so far
     * @param failure how the run failed, if it did
     * @return the exit code: {@code code}, or 1 when it was 0 and a job failed or its end did not reach the platform
     */
    int end(int code, Optional<String> failure) {
        if (!ended.compareAndSet(false, true)) {
            return code;
        }
        JobTracker.Ending ending;
        try {
            ending = jobs.end(failure);
        } finally {
            release();
        }
        System.out.flush();
        for (String note : ending.notes()) {
            err.println(prefix + note);
        }
        for (String problem : ending.problems()) {
            err.println(prefix + "not delivered: " + problem);
        }
        if (code == 0 && ending.endUndelivered()) {
            err.println(prefix + "the platform did not receive the end of the job; exit code 1");
            return failed(1, Optional.of("the platform did not receive the end of the job: "
                    + String.join("; ", ending.problems())));
        }
        if (code == 0 && failure.isEmpty() && ending.anyFailed()) {
            err.println(prefix + "a job of the script failed; exit code 1");
            return failed(1, failure);
        }
        return code != 0 || failure.isPresent() ? failed(code, failure) : code;
    }

    /**
     * A run that fails leaves its reason in a SageMaker container's failure file, unless a job wrote its own
     * there (its message is the more precise one).
     */
    private static int failed(int code, Optional<String> failure) {
        ContainerFailure.recordRunFailure(failure.orElse("the run ended with exit code " + code));
        return code;
    }

    /** Removes the shutdown hook and the signal handlers (unless the JVM is already going down). */
    private void release() {
        if (hook != null && Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs or ran
            }
        }
        if (handlers != null) {
            handlers.restore();
        }
        jobs.close();
    }
}
