package ai.brevetti.cli;

import ai.brevetti.internal.ErrorReport;
import ai.brevetti.kernel.ScriptRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code brevettiai run FILE.jsh [job args…]}: runs a saved JShell script as a job. */
@Command(name = "run",
        description = {"Runs a saved JShell script as a job, with startup.jsh preloaded.",
                "Job arguments (--job_dir DIR, --job_id ID --api_key KEY, --<setting> VALUE …) reach Job.init().",
                "Exit code: 0 at the end of the script, 1 at the first failing snippet, n at /exit n.",
                "A failing snippet is reported in a line or two; its stack trace goes to a log file the report names"
                        + " (brevettiai --stacktrace run … prints it instead)."},
        mixinStandardHelpOptions = true)
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE.jsh", description = "The script.")
    Path script;

    @Parameters(index = "1..*", paramLabel = "JOB_ARGS", description = "Arguments for the job.")
    List<String> jobArgs = new ArrayList<>();

    @ParentCommand
    Main main;

    @Override
    public Integer call() {
        return new ScriptRunner(System.err, main.stacktrace || ErrorReport.stackTracesWanted()).run(script, jobArgs);
    }
}
