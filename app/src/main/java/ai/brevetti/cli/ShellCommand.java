package ai.brevetti.cli;

import ai.brevetti.kernel.StartupScript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import jdk.jshell.tool.JavaShellToolBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code brevettiai shell}: the jshell tool in this JVM, with the project's class path and startup.jsh
 * (after jshell's DEFAULT imports). Snippets run in-process ("--execution local"), so the project's classes
 * are the ones on this JVM's class path.
 */
@Command(name = "shell", mixinStandardHelpOptions = true,
        description = {"JShell with the project's classes and startup.jsh preloaded.",
                "Further arguments go to jshell (e.g. a script to load first, --feedback concise).",
                "Exit code: jshell's (/exit n)."})
final class ShellCommand implements Callable<Integer> {

    @Parameters(paramLabel = "JSHELL_ARGS", description = "options and files for jshell")
    List<String> jshellArgs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        TerminalWidth.publish();   // text tables (Samples) fit the terminal
        Path startup = Files.createTempFile("brevettiai-startup-", ".jsh");
        try {
            Files.writeString(startup, StartupScript.source());
            List<String> args = new ArrayList<>(List.of("--execution", "local",
                    "--startup", "DEFAULT", "--startup", startup.toString()));
            args.addAll(jshellArgs);
            return JavaShellToolBuilder.builder()
                    .interactiveTerminal(System.console() != null)
                    .start(args.toArray(String[]::new));
        } finally {
            Files.deleteIfExists(startup);
        }
    }
}
