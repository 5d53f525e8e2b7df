package ai.brevetti.cli;

import ai.brevetti.internal.ErrorReport;
import ai.brevetti.kernel.ScriptRunner;
import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code brevettiai run FILE.jsh [job args…]} without building the whole command line first: picocli reads the
 * annotations of every subcommand and option before it parses anything, which took about a quarter of a one-line
 * script's run (docs/benchmarks.md, RunStartBenchmark). Only the plain form comes here: an optional
 * {@code --stacktrace}, {@code run}, a file that does not start with {@code -} and job arguments none of which
 * starts with {@code @} (picocli expands {@code @file} arguments) — exactly what {@link RunCommand} receives
 * then, since everything after the file is the job's. Anything else ({@code run --help}, an option before the
 * file, no file) goes through picocli as before, with its messages.
 */
final class DirectRun {
    private DirectRun() {}

    /** The exit code of the run when {@code args} is a plain {@code run}, else empty (picocli's turn). */
    static Optional<Integer> tryRun(String[] args) {
        int i = 0;
        boolean stacktrace = false;
        if (args.length > 0 && args[0].equals("--stacktrace")) {
            stacktrace = true;
            i++;
        }
        if (args.length < i + 2 || !args[i].equals("run") || args[i + 1].startsWith("-")) {
            return Optional.empty();
        }
        List<String> rest = Arrays.asList(args).subList(i + 1, args.length);
        if (rest.stream().anyMatch(a -> a.startsWith("@"))) {
            return Optional.empty();
        }
        Path script;
        try {
            script = Path.of(rest.get(0));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        boolean traces = stacktrace || ErrorReport.stackTracesWanted();
        try {
            return Optional.of(new ScriptRunner(System.err, traces).run(script, List.copyOf(rest.subList(1, rest.size()))));
        } catch (RuntimeException | Error e) {
            // as picocli's execution exception handler in Main reports it
            Main.report(new PrintWriter(System.err, true), "brevettiai run", e, traces);
            return Optional.of(1);
        }
    }
}
