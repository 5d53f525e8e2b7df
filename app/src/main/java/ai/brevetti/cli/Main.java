package ai.brevetti.cli;

import ai.brevetti.internal.ErrorReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code bin/brevettiai}: the command line of brevettiai-java. Errors are reported in a line or two
 * ({@code brevettiai CMD: what is wrong and what to do}, then its causes that say more), exit code 1 (2 for
 * a malformed command line); the stack trace goes to a log file the report names, or with
 * {@code --stacktrace} to the screen. A word the command does not take is one line that suggests the nearest
 * command or option ({@code rnu}: did you mean 'run'?).
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
            description = "On an error, print its stack trace too (else it goes to a log file the error names).")
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
            if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
                err.println(ErrorReport.redact(unmatched(cl, u.getUnmatched())));
            } else if (!cl.getSubcommands().isEmpty() && String.valueOf(e.getMessage()).startsWith("Missing required subcommand")) {
                err.println(name + ": which command? One of: " + String.join(", ", cl.getSubcommands().keySet()) + ".");
                err.println("  (usage: " + name + " --help)");
            } else {
                err.println(name + ": " + ErrorReport.redact(e.getMessage()));
                err.println("  (usage: " + name + " --help)");
            }
            err.flush();
            return 2;
        });
        return commandLine.execute(args);
    }

    /**
     * One line for words the command does not take: {@code brevettiai: unknown command 'rnu': did you mean 'run'?
     * (brevettiai --help lists the commands)}; the nearest subcommand or option ({@link Suggestions}) when one is
     * near.
     */
    static String unmatched(CommandLine cl, List<String> unmatched) {
        String name = cl.getCommandSpec().qualifiedName();
        String first = unmatched.get(0);
        boolean option = first.startsWith("-");
        boolean command = !option && !cl.getSubcommands().isEmpty() && cl.getCommandSpec().positionalParameters().isEmpty();
        String what = option ? "option" : command ? "command" : "argument";
        Collection<String> names = option
                ? cl.getCommandSpec().options().stream().flatMap(o -> Arrays.stream(o.names())).toList()
                : command ? cl.getSubcommands().keySet() : List.of();
        List<String> near = Suggestions.nearest(option ? first.split("=", 2)[0] : first, names);
        String typed = option ? first.split("=", 2)[0] : command ? first : String.join(" ", unmatched);
        String hint = near.isEmpty() ? "" : ": did you mean " + near.stream().map(n -> "'" + n + "'")
                .collect(Collectors.joining(" or ")) + "?";
        String help = command ? "(" + name + " --help lists the commands)" : "(usage: " + name + " --help)";
        return name + ": unknown " + what + " '" + typed + "'" + hint + " " + help;
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
