package ai.brevetti.kernel;

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

    public ScriptRunner(PrintStream err) {
        this.err = err;
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
                err.println(f.report());
                err.println("brevettiai run: startup.jsh failed; nothing of " + script + " was run");
                return 1;
            }
            try {
                evaluator.evalFile(script);
                return 0;
            } catch (SnippetFailure f) {
                System.out.flush();
                err.println(f.report());
                return 1;
            } catch (ExitRequest exit) {
                return exit.code();
            }
        } finally {
            System.out.flush();
            JobArgs.set(previous);
        }
    }
}
