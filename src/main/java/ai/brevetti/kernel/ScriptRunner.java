package ai.brevetti.kernel;

import ai.brevetti.platform.JobArgs;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs a saved JShell script as a job, in this JVM: the script's syntax is checked first (a syntax error
 * anywhere, every one reported with its line, runs nothing), then startup.jsh, then the script, snippet by
 * snippet. The job arguments become {@link JobArgs}, so {@code Job.init()} in the script sees them.
 * Exit code: 0 when the script ran to its end, 1 at syntax errors or the first failing snippet (reported
 * with its line), {@code n} at {@code /exit n}.
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
            Evaluator.Prepared source;
            try {
                source = evaluator.prepare(ScriptText.read(script), script.toString(), 1);
            } catch (SnippetFailure f) {
                err.println(f.report());
                return 1;
            }
            try {
                evaluator.loadStartup();
            } catch (SnippetFailure f) {
                err.println(f.report());
                err.println("brevettiai run: startup.jsh failed; nothing of " + script + " was run");
                return 1;
            }
            try {
                evaluator.eval(source);
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
