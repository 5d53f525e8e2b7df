package ai.brevetti.cli;

import ai.brevetti.internal.ErrorReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code bin/brevettiai}: the command line of brevettiai-java. Errors are reported in a line or two
 * ({@code brevettiai CMD: what is wrong and what to do}, then its causes that say more), exit code 1 (2 for
 * a malformed command line); the stack trace goes to a log file the report names, or with
 * {@code --stacktrace} to the screen.
 */
@Command(name = "brevettiai",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "The Brevetti AI Job API for Java: run jobs, the local platform, JShell and the Jupyter kernel.",
        subcommands = {DemoCommand.class, RunCommand.class, ShellCommand.class, KernelCommand.class, PlatformCommand.class, DatasetCommand.class,
                ModelCommand.class, ReportCommand.class, ArtifactsCommand.class, TagCommand.class, UserCommand.class, LoginCommand.class,
                LogoutCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class},
        commandListHeading = "%nCommands:%n")
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--stacktrace", scope = ScopeType.INHERIT,
            description = "on an error, print its stack trace too (else it goes to a log file the error names)")
    boolean stacktrace;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code. */
    public static int execute(String... args) {
        Optional<Integer> direct = DirectRun.tryRun(args);
        if (direct.isPresent()) {
            return direct.get();
        }
        Main main = new Main();
        CommandLine commandLine = new CommandLine(main);
        CommandLine run = commandLine.getSubcommands().get("run");
        run.setStopAtPositional(true).setUnmatchedOptionsArePositionalParams(true);
        commandLine.getSubcommands().get("shell").setUnmatchedOptionsArePositionalParams(true);
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            report(cl.getErr(), cl.getCommandSpec().qualifiedName(), e, main.stacktrace || ErrorReport.stackTracesWanted());
            return 1;
        });
        commandLine.setParameterExceptionHandler((e, argv) -> {
            CommandLine cl = e.getCommandLine();
            PrintWriter err = cl.getErr();
            String name = cl.getCommandSpec().qualifiedName();
            String message = e.getMessage();
            if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
                String first = u.getUnmatched().get(0);
                message = "unknown " + (first.startsWith("-") ? "option" : "argument") + " '" + String.join(" ", u.getUnmatched()) + "'";
            }
            err.println(name + ": " + ErrorReport.redact(message));
            if (e instanceof CommandLine.UnmatchedArgumentException u) {
                var suggestions = u.getSuggestions();
                if (!suggestions.isEmpty()) {
                    err.println("  did you mean: " + String.join(", ", suggestions) + "?");
                }
            }
            err.println("  (usage: " + name + " --help)");
            err.flush();
            return 2;
        });
        return commandLine.execute(args);
    }

    /** An error as one or two lines: the command, the message and its telling causes; the trace to a log (or here, when asked). */
    static void report(PrintWriter err, String command, Throwable e, boolean stackTrace) {
        String summary = ErrorReport.summary(e);
        err.println(command + ": " + summary);
        if (stackTrace) {
            err.print(ErrorReport.stackTrace(e));
        } else {
            Optional<Path> log = ErrorReport.writeLog(command.replace(' ', '-'), command + ": " + summary, ErrorReport.stackTrace(e));
            err.println(ErrorReport.logHint(log));
        }
        err.flush();
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"brevettiai-java " + (v == null ? "(development build)" : v),
                    "Java " + Runtime.version()};
        }
    }
}
