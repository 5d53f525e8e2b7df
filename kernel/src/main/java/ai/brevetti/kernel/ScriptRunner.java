package ai.brevetti.kernel;

import ai.brevetti.internal.ErrorReport;
import ai.brevetti.platform.JobArgs;
import ai.brevetti.platform.JobTracker;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Runs a saved JShell script as a job, in this JVM: the script's syntax is checked first (a syntax error
 * anywhere, every one reported with its line, runs nothing), then startup.jsh, then the script, snippet by
 * snippet. The job arguments become {@link JobArgs}, so {@code Job.init()} in the script sees them.
 * Exit code: 0 when the script ran to its end, 1 at syntax errors or the first failing snippet (reported
 * with its line), {@code n} at {@code /exit n}.
 *
 * <p>Every job the script started is ended however the script ends ({@link RunEnd}): at a failure (a
 * snippet that throws or does not compile, {@code /exit n} with n ≠ 0, {@code System.exit}, SIGINT,
 * SIGTERM, the JShell engine failing) each job still running is reported failed with the message; at the
 * normal end a job the script did not complete stays running (the SDK completes only on
 * {@code completeJob}). The exit code is 1 instead of 0 when a job failed or its end did not reach the
 * platform, which is printed with the progress points that were not delivered.
 */
public final class ScriptRunner {
    private final PrintStream err;
    private final boolean stackTraces;

    /** Reports failures short, their stack trace in a log file (or printed when BREVETTIAI_STACKTRACE=1). */
    public ScriptRunner(PrintStream err) {
        this(err, ErrorReport.stackTracesWanted());
    }

    /** @param stackTraces print a failing snippet's stack trace ({@code --stacktrace}) instead of naming its log file */
    public ScriptRunner(PrintStream err, boolean stackTraces) {
        this.err = err;
        this.stackTraces = stackTraces;
    }

    public int run(Path script, List<String> jobArgs) {
        if (!Files.isRegularFile(script)) {
            err.println("brevettiai run: no script at '" + script + "'");
            ai.brevetti.platform.ContainerFailure.recordRunFailure("brevettiai run: no script at '" + script + "'");
            return 1;
        }
        List<String> previous = JobArgs.get();
        JobArgs.set(jobArgs);
        RunEnd end = new RunEnd(JobTracker.start(), err, "brevettiai run: ")
                .onJvmExit(script + ": the JVM was ended (System.exit) before the script's end");
        try (Evaluator evaluator = new Evaluator()) {
            Evaluator.Prepared source;
            try {
                source = evaluator.prepare(ScriptText.read(script), script.toString(), 1);
            } catch (SnippetFailure f) {
                report(f);
                return end.end(1, Optional.of(f.report()));
            }
            try {
                evaluator.loadStartup();
            } catch (SnippetFailure f) {
                report(f);
                err.println("brevettiai run: startup.jsh failed; nothing of " + script + " was run");
                return end.end(1, Optional.of(f.report()));
            }
            try {
                evaluator.eval(source);
                return end.end(0, Optional.empty());
            } catch (SnippetFailure f) {
                System.out.flush();
                report(f);
                return end.end(1, Optional.of(f.isInterrupt() ? script + ": the script was interrupted at line " + f.line() : f.report()));
            } catch (ExitRequest exit) {
                return end.end(exit.code(), exit.code() == 0 ? Optional.empty()
                        : Optional.of(script + ": the script ended with /exit " + exit.code()));
            } catch (RuntimeException | Error engine) {
                // the JShell engine itself failed (not a snippet): the jobs still end, then the error goes on
                end.end(1, Optional.of(script + ": the JShell engine failed: " + engine));
                throw engine;
            }
        } finally {
            end.end(1, Optional.of(script + ": the run ended unexpectedly"));
            System.out.flush();
            JobArgs.set(previous);
        }
    }

    /** The short report; a thrown exception's frames printed when asked for, else kept in a log file it names. */
    private void report(SnippetFailure f) {
        err.println(f.report(stackTraces));
        if (f.isThrown() && !stackTraces) {
            err.println(ErrorReport.logHint(ErrorReport.writeLog("run", f.headline(), f.fullReport())));
        }
    }
}
