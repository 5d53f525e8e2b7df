package ai.brevetti.kernel;

import ai.brevetti.internal.ErrorReport;
import ai.brevetti.platform.JobArgs;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs a saved JShell script as a job, in this JVM: startup.jsh first, then the script, snippet by
 * snippet. The job arguments become {@link JobArgs}, so {@code Job.init()} in the script sees them.
 * Exit code: 0 when the script ran to its end, 1 at the first failing snippet (reported with its line),
 * {@code n} at {@code /exit n}.
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
            return 1;
        }
        List<String> previous = JobArgs.get();
        JobArgs.set(jobArgs);
        try (Evaluator evaluator = new Evaluator()) {
            try {
                evaluator.loadStartup();
            } catch (SnippetFailure f) {
                report(f);
                err.println("brevettiai run: startup.jsh failed; nothing of " + script + " was run");
                return 1;
            }
            try {
                evaluator.evalFile(script);
                return 0;
            } catch (SnippetFailure f) {
                System.out.flush();
                report(f);
                return 1;
            } catch (ExitRequest exit) {
                return exit.code();
            }
        } finally {
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
