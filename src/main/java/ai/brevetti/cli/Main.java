package ai.brevetti.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/brevettiai}: the command line of brevettiai-java. */
@Command(name = "brevettiai",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "The Brevetti AI Job API for Java: run jobs, the local platform, JShell and the Jupyter kernel.",
        subcommands = {DemoCommand.class, RunCommand.class, ShellCommand.class, KernelCommand.class, PlatformCommand.class, DatasetCommand.class,
                ModelCommand.class, ReportCommand.class, BenchCommand.class, CommandLine.HelpCommand.class},
        commandListHeading = "%nCommands:%n")
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code. */
    public static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        CommandLine run = commandLine.getSubcommands().get("run");
        run.setStopAtPositional(true).setUnmatchedOptionsArePositionalParams(true);
        commandLine.getSubcommands().get("shell").setUnmatchedOptionsArePositionalParams(true);
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            cl.getErr().println(cl.getCommandSpec().qualifiedName() + ": " + e.getMessage());
            return 1;
        });
        return commandLine.execute(args);
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
